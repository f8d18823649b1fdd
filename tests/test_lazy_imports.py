"""The bot loads the heavy libraries it needs for rare work only when that work comes (issue #21,
point 5: memory with 1,000 servers). Pillow draws pictures, mwparserfromhell and the XML parser
read wiki pages and exports, rapidfuzz judges misspelt names, asyncpg talks to PostgreSQL: a bot on
SQLite that has started, convened a conference and seated its players holds none of them;
snowball's stemmers for 30-odd other languages neither.

Each check runs in a fresh interpreter: this one has imported everything the other tests use."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.support.processes import ROOT, environment

HEAVY = ("asyncpg", "PIL", "mwparserfromhell", "rapidfuzz", "xml.etree.ElementTree")

STARTED = textwrap.dedent(
    """
    import asyncio, json, sys, tempfile
    from pathlib import Path
    import discord, simcord
    from bot import create_bot
    from bot.config import Settings

    async def main():
        with tempfile.TemporaryDirectory() as folder:
            bot = create_bot(Settings(token=None, database_path=Path(folder) / "k.db"))
            async with simcord.run(bot, shard_count=1) as env:
                await env.bot.tree.sync()
                guild = env.create_guild(name="Khitomer")
                mods = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
                worf = guild.add_member(env.create_user("worf"), roles=[mods])
                alice = guild.add_member(env.create_user("alice"))
                channel = guild.create_text_channel("conference")
                await env.bot.guild_config.put(guild.id, "game.threads", "off")
                lobby = await worf.slash(channel, "accord convene", scenario="nimbus_iii", title="Talks")
                await alice.click(lobby.response, label="Sit for Klingon Empire")
                assert not env.errors, env.errors
                loaded = sorted(sys.modules)  # before close(), which unloads the cogs
            await bot.close()
        print(json.dumps(loaded))

    asyncio.run(main())
    """
)


def modules_after(script: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_started_bot_playing_a_conference_holds_no_heavy_library() -> None:
    loaded = modules_after(STARTED)
    assert "bot.application.app" in loaded and "cogs.accords" in loaded  # the bot really ran
    assert [name for name in HEAVY if name in loaded] == []
    # English is the only stemmer the lore uses: the other languages' are never loaded
    assert "snowballstemmer.german_stemmer" not in loaded
    # the English word list is read from pyspellchecker's data file; its code never runs
    assert "spellchecker" not in loaded
    # a server's archive (/config export and import) loads with the first of them
    assert [name for name in loaded if name.startswith(("bot.services.archive", "bot.domain.archive"))] == []
    # and a member's data (/mydata show, export and forget) with the first /mydata command
    assert {"bot.services.member_data", "bot.ui.member_data", "bot.storage.member_forget"} & loaded == set()


def test_the_heavy_libraries_load_when_their_work_comes() -> None:
    """The lazy imports still reach their libraries: a picture drawn, a wiki page read, a word
    stemmed (the same checks fail if a lazy import points at nothing)."""
    script = (
        "import json, sys\n"
        "from bot.ui.pictures import blank\n"
        "from bot.services.wikitext import convert\n"
        "from bot.services.lore_text import stem\n"
        "assert blank(4, 4).startswith(b'\\x89PNG')\n"
        "assert convert(\"'''Praxis''' is a [[moon]].\").paragraphs\n"
        "assert stem('negotiated') == stem('negotiating')\n"
        "import io\n"
        "from bot.services.name_index import NameIndex\n"
        "from bot.services.wiki_export import ExportError, check_export\n"
        "names = NameIndex()\n"
        "names.add('khitomer', 'Khitomer Conference')\n"
        "assert names.near('Kitomer Conference', 80) == ['khitomer']\n"
        "assert check_export(io.BytesIO(b'<mediawiki><page/></mediawiki>')) is None\n"
        "try:\n"
        "    check_export(io.BytesIO(b'<<mediawiki>'))\n"
        "    raise AssertionError('a broken export was taken')\n"
        "except ExportError as error:\n"
        "    assert 'not well-formed' in str(error)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = modules_after(script)
    assert {"PIL", "mwparserfromhell", "rapidfuzz", "xml.etree.ElementTree"} <= loaded


def test_the_english_stemmer_in_c_stems_as_the_pure_python_one() -> None:
    """The import's workers stem with PyStemmer, the bot's process with snowballstemmer's own
    English module: both must give the same stems, or postings a worker wrote would not be found
    by the bot's questions."""
    import re

    from bot.content import data_root
    from bot.services.english import _words
    from bot.services.english_stemmer import compiled_english_stemmer, english_stemmer

    words = _words()
    sample = [run[i : i + size] for size, run in words.runs.items() for i in range(0, len(run), size * 7)]
    lore_files = [f for f in data_root().joinpath("lore").iterdir() if f.is_file()]
    lore = {w.casefold() for f in lore_files for w in re.findall(r"[a-zA-Z]+", f.read_text(encoding="utf-8"))}
    sample += sorted(lore)
    assert len(sample) > 10_000
    compiled, pure = compiled_english_stemmer(), english_stemmer()
    assert type(compiled).__module__ == "Stemmer"  # a dependency: installed wherever the bot is
    assert type(pure).__module__ == "_khitomer_snowball.english_stemmer"
    assert [compiled.stemWord(w) for w in sample] == [pure.stemWord(w) for w in sample]
    assert compiled.stemWord("negotiated") == pure.stemWord("negotiated") == "negoti"


def stemmer_module() -> str:
    """Where the stems of the process that calls it come from (run in the workers)."""
    from bot.services import lore_text

    return type(lore_text._STEMMER).__module__


def test_import_workers_stem_in_c_and_the_bot_in_python() -> None:
    """PyStemmer's module costs the bot's process 1.1 MiB (bench/interactions.py's memory, where
    the aim is 1.2x a minimal bot): only the workers that analyse pages load it."""
    script = (
        "import asyncio, json, sys\n"
        "from bot.services import lore_text\n"
        "from bot.services.lore_bulk_pages import Preparer\n"
        "from bot.services.worker_process import in_worker_process\n"
        "from tests.test_lazy_imports import stemmer_module\n"
        "async def main():\n"
        "    preparer = Preparer(1)\n"
        "    try:\n"
        "        worker = preparer._pool.submit(stemmer_module).result()\n"
        "    finally:\n"
        "        preparer.close()\n"
        "    upload = await in_worker_process(stemmer_module)\n"
        "    return [stemmer_module(), worker, upload]\n"
        "if __name__ == '__main__':\n"
        "    found = asyncio.run(main())\n"
        "    print(json.dumps([found, 'Stemmer' in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=environment(),
    )
    found, loaded_here = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == ["_khitomer_snowball.english_stemmer", "Stemmer", "Stemmer"]
    assert not loaded_here
