"""Every layer's imports point one way (ARCHITECTURE.md): domain <- storage, content <- services
<- ui <- cogs. What still points the wrong way is listed below as debt: the list may only shrink."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
# The bot's own plumbing cogs build on: the bot class, checks, the error handler, sync.
CORE = "core"  # bot/config.py, bot/errors.py and the package's __init__: what everything may use
ALLOWED = {
    CORE: {CORE, "domain"},
    "domain": {"domain"},
    "storage": {"storage", "domain", CORE},
    "content": {"content", "domain", CORE},
    "services": {"services", "storage", "content", "domain", CORE},
    "ui": {"ui", "domain"},
    # The Discord application cogs plug into: the bot, its tree, checks, error handler, outbox.
    "application": {"application", "services", "storage", "content", "ui", "domain", CORE},
    "cogs": {"cogs", "application", "services", "ui", "domain", CORE},
    # What an operator runs, and the offline console: everything below them.
    "ops": {"ops", "console", "application", "services", "storage", "content", "domain", CORE},
    "console": {"console", "application", "services", "storage", "content", "ui", "domain", CORE},
}
# (module, layer it should not import) pairs that exist today; each is work for a later pass.
DEBT = {
    ("bot/ui/pager.py", "storage"),  # long pager arguments are stashed in the database
    ("bot/__init__.py", "application"),  # create_bot, re-exported lazily at the package's top
    ("bot/application/app.py", "cogs"),  # finds the extensions to load
    ("bot/config.py", "storage"),  # reads DATABASE_URL as the driver will (storage/pg_address.py)
    ("bot/ui/pager.py", "application"),  # its buttons build on bot/application/components.py
    ("bot/ui/treaty_pages.py", "storage"),
    ("bot/ui/treaty_pages.py", "services"),
    ("cogs/lore/__init__.py", "storage"),
    ("cogs/lore/_modal.py", "storage"),
}


def layer_of(module: str) -> str:
    """`bot.storage.games` -> storage; `cogs.lore` -> cogs; other bot modules are core."""
    parts = module.split(".")
    if parts[0] == "cogs":
        return "cogs"
    if parts[0] == "bot" and len(parts) > 1 and parts[1] in ALLOWED:
        return parts[1]
    return CORE


def module_of(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_layers(path: Path) -> set[str]:
    package = module_of(path) if path.name == "__init__.py" else module_of(path).rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                names = [".".join([*base, node.module]) if node.module else ".".join(base)]
            elif node.module:
                names = [node.module]
        found |= {layer_of(name) for name in names if name.split(".")[0] in {"bot", "cogs"}}
    return found


def violations() -> set[tuple[str, str]]:
    files = [*BOT.rglob("*.py"), *(ROOT / "cogs").rglob("*.py")]
    found = set()
    for path in files:
        layer = layer_of(module_of(path))
        if path == BOT / "__main__.py":
            layer = "ops"  # `python -m bot` is the operator's command line
        for imported in imported_layers(path) - ALLOWED[layer]:
            found.add((str(path.relative_to(ROOT)), imported))
    return found


def test_every_layer_imports_only_the_layers_below_it() -> None:
    found = violations()
    new = found - DEBT
    assert not new, f"imports against the layering (ARCHITECTURE.md): {sorted(new)}"
    paid = DEBT - found
    assert not paid, f"no longer true, strike from DEBT: {sorted(paid)}"


def test_the_scan_sees_relative_and_absolute_imports(tmp_path: Path) -> None:
    ui = BOT / "ui" / "embeds.py"
    assert imported_layers(ui) <= {"ui", "domain"}
    assert layer_of("bot.storage.games") == "storage" and layer_of("bot.application.app") == "application"
    assert layer_of("bot.ops.cli") == "ops" and layer_of("bot.config") == CORE
    assert layer_of("cogs.accords._clock") == "cogs"


DRIVERS = {"sqlite3", "aiosqlite", "asyncpg"}
SQL = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE ")
UNITS_OF_WORK = {"transaction", "write_now", "read_now", "bookkeeping"}  # storage opens these


def test_no_connection_or_sql_leaves_storage() -> None:
    """Issue #14: services, ui and cogs work through storage's functions, which return domain
    objects; they never hold a connection (`Conn`, a driver) or write SQL, whichever database runs."""
    found = []
    for path in [
        *(BOT / "services").rglob("*.py"),
        *(BOT / "ui").rglob("*.py"),
        *(ROOT / "cogs").rglob("*.py"),
    ]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path.name, a.name) for a in node.names if a.name.split(".")[0] in DRIVERS]
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.module.split(".")[0] in DRIVERS:
                    found.append((path.name, node.module))
                found += [(path.name, "Conn") for a in node.names if a.name == "Conn"]
            elif isinstance(node, ast.Attribute) and node.attr in UNITS_OF_WORK:
                found.append((path.name, node.attr))  # a transaction's connection would be theirs
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found += [
                    (path.name, node.value[:40]) for word in SQL if node.value.lstrip().startswith(word)
                ]
    assert found == []
