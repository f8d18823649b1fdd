"""The layers point one way: bot/domain is pure standard library."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import bot.domain

DOMAIN = Path(bot.domain.__file__).parent


def imported_roots(path: Path, package: Path = DOMAIN) -> set[str]:
    """Top-level names `path` imports; a relative import that climbs out of `package` counts as
    "<outside NAME>" (`from ...storage import x` in bot/domain/accords leaves the domain)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                roots.add(node.module.split(".")[0])
            elif node.level > 0:
                base = path.parent
                for _ in range(node.level - 1):
                    base = base.parent
                if not base.is_relative_to(package):
                    roots.add(f"<outside {package.name}>")
    return roots


def test_domain_imports_only_the_standard_library() -> None:
    files = sorted(DOMAIN.rglob("*.py"))
    assert files, "bot/domain has no modules to check"
    offenders = {
        f"{path.relative_to(DOMAIN.parent.parent)}: {name}"
        for path in files
        for name in imported_roots(path)
        if name not in sys.stdlib_module_names and name != "__future__"
    }
    assert not offenders, f"bot/domain must import only the standard library: {sorted(offenders)}"


def test_the_scan_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import discord\nfrom aiosqlite import connect\nimport json\n")
    assert imported_roots(sample) == {"discord", "aiosqlite", "json"}


def test_the_scan_sees_a_relative_import_that_leaves_the_domain(tmp_path: Path) -> None:
    domain = tmp_path / "bot" / "domain"
    (domain / "accords").mkdir(parents=True)
    nested = domain / "accords" / "rules.py"
    nested.write_text("from ..errors import KhitomerError\nfrom . import model\n")
    assert imported_roots(nested, domain) == set()
    nested.write_text("from ...storage import games\n")
    assert imported_roots(nested, domain) == {"<outside domain>"}
    (domain / "top.py").write_text("from ..storage import games\n")
    assert imported_roots(domain / "top.py", domain) == {"<outside domain>"}


def test_only_the_console_imports_the_console_extra() -> None:
    """A plain `pip install khitomer` has no SimCord, prompt_toolkit or rich: the bot must not need them."""
    package = DOMAIN.parent
    extra = {"simcord", "prompt_toolkit", "rich"}
    modules = [p for root in (package, package.parent / "cogs") for p in root.rglob("*.py")]
    offenders = sorted(
        str(path.relative_to(package.parent))
        for path in modules
        if "console" not in path.relative_to(package.parent).parts[:2] and imported_roots(path) & extra
    )
    assert len(modules) > 50
    assert offenders == [], f"only bot/console may import {sorted(extra)}: {offenders}"


RULES = {"decide", "evolve", "replay", "fold", "conclusion"}  # what only the domain and services apply


def rules_applied_in(path: Path) -> set[str]:
    """The game rules `path` imports by name (from any module): storage must not apply them."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name in RULES
    }


def test_storage_reads_and_appends_but_never_decides() -> None:
    """The use case of an action (load, decide, evolve, conclude) is the service's; storage offers
    load-for-update and append (ARCHITECTURE.md: storage behind a narrow layer)."""
    storage = sorted((DOMAIN.parent / "storage").glob("*.py"))
    assert len(storage) > 10
    offenders = {f"{path.name}: {sorted(names)}" for path in storage if (names := rules_applied_in(path))}
    assert offenders == set()


def test_the_rules_scan_sees_a_rule_imported_into_storage(tmp_path: Path) -> None:
    sample = tmp_path / "games.py"
    sample.write_text("from ..domain.accords import Event, evolve\nfrom .x import fold as f\n")
    assert rules_applied_in(sample) == {"evolve", "fold"}
