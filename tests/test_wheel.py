"""The built wheel is the whole bot: every module, every data file, read from where it installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.processes import POINTED, ROOT, assert_one_line_error, fake_discord


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # From a clean copy: setuptools reuses a build/ folder, whose stale files would be packaged.
    source = tmp_path_factory.mktemp("source") / "khitomer"
    leftovers = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis")
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*leftovers))
    pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(source))
    (built,) = out.glob("khitomer-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed (not editable) into its own folder; dependencies come from this venv."""
    target = tmp_path_factory.mktemp("site")
    pip("install", "--quiet", "--no-deps", "--target", str(target), str(wheel))
    return target


@pytest.fixture
def copy_of(installed: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(installed, copy)
    return copy


def checkout_files() -> set[str]:
    """What the wheel must hold, named as installed: data/ becomes bot/data/."""
    wanted = {str(p.relative_to(ROOT)) for folder in ("bot", "cogs") for p in (ROOT / folder).rglob("*.py")}
    wanted |= {str(p.relative_to(ROOT)) for p in (ROOT / "bot" / "storage").glob("migrations*/*.sql")}
    wanted |= {
        "bot/data/" + str(p.relative_to(ROOT / "data"))
        for p in (ROOT / "data").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    return wanted


def test_the_wheel_holds_every_module_and_data_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    packaged = {n for n in names if ".dist-info/" not in n}
    assert packaged == checkout_files()
    assert len([n for n in packaged if n.startswith("bot/data/lore/")]) >= 60
    assert "khitomer = bot.ops.cli:main" in scripts
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert 'Requires-Dist: simcord==3.2.1; extra == "console"' in requires
    assert not any("simcord" in line and "extra" not in line for line in requires), "a bot needs no SimCord"


def isolated(site: Path) -> dict[str, str]:
    """Python sees the installed wheel and this venv's libraries, but not the editable install
    of the checkout (-S skips the .pth file that would map bot.data back to the checkout)."""
    libraries = next(p for p in sys.path if p.endswith("site-packages"))
    return {"PYTHONPATH": os.pathsep.join([str(site), libraries]), "PATH": os.environ.get("PATH", "")}


def run_installed(
    site: Path, *args: str, cwd: Path, api: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    command = ["-c", POINTED, api] if api else ["-m", "bot"]
    return subprocess.run(
        [sys.executable, "-S", *command, *args],
        cwd=cwd,
        env={**isolated(site), **env},
        capture_output=True,
        text=True,
        timeout=90,
    )


def test_the_installed_bot_reads_its_data_from_the_install(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [sys.executable, "-S", "-c", "import bot, bot.content as c; print(bot.__file__, c.data_root())"],
        cwd=tmp_path,
        env=isolated(installed),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(path.startswith(str(installed)) for path in where), where
    done = run_installed(installed, "check", cwd=tmp_path, DISCORD_TOKEN="t")
    assert done.returncode == 0, done.stdout
    lore = len(list((ROOT / "data" / "lore").glob("*.md")))
    assert f"ok   data: {lore} lore entries, 7 treaties" in done.stdout


def test_an_install_without_data_refuses_to_start_in_one_line(copy_of: Path, tmp_path: Path) -> None:
    shutil.rmtree(copy_of / "bot" / "data")
    checked = run_installed(copy_of, "check", cwd=tmp_path, DISCORD_TOKEN="t")
    assert checked.returncode == 1
    assert "FAIL data: invalid: this install of Khitomer has no data" in checked.stdout
    with fake_discord() as discord:
        done = run_installed(copy_of, "run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="t")
    assert_one_line_error(done, "has no data (lore, treaties, scenarios)", "reinstall")
    assert discord.requests == []
    assert not (tmp_path / "khitomer.db").exists(), "data is checked before the database is created"


def test_invalid_data_names_the_file_in_one_line(copy_of: Path, tmp_path: Path) -> None:
    kor = copy_of / "bot" / "data" / "lore" / "kor.md"
    kor.write_text(kor.read_text().replace("+++", "", 2)[:200])
    with fake_discord() as discord:
        done = run_installed(copy_of, "run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="t")
    assert_one_line_error(done, "kor.md")
    assert done.returncode == 1
    assert discord.requests == []
    assert not (tmp_path / "khitomer.db").exists()
