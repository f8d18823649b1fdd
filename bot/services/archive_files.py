"""The files of an archive: the lore zip written a page of entries at a time (the same entries,
the same bytes: no dates in it), and an uploaded zip read back within bounds (a zip that claims
little and unpacks to gigabytes is refused as it unpacks)."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from ..domain.archive import LoreRecord
from ..domain.archive_markdown import FOLDER, MANIFEST, MARKER, VERSION, file_name, manifest_row, markdown_of
from ..domain.errors import InvalidInput
from ..domain.inert import quoted
from ..domain.lore import MAX_FILE_BYTES
from ..domain.lore_facts import Facts

MAX_UNZIPPED = 200 * 1024 * 1024  # every file of an uploaded zip together, unpacked
MAX_MANIFEST = 50 * 1024 * 1024
README = """This zip holds a server's lore as Khitomer exported it with /config export.

Each file in lore/ is one entry in Markdown: its title as `# Title`, its summary as the first
paragraph, then its body, then its facts as closing lines such as `Born: 2340`. Edit them as
you like. lore.json lists each file's kind, years, factions, aliases and links.

To bring the lore back: /config import with this zip (every entry; one of the same title is
replaced), or /lore import with one file (it asks for the entry's kind).
"""


def _info(name: str) -> zipfile.ZipInfo:
    """A file of fixed date and mode, so the same content makes the same zip."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


@dataclass
class LoreZip:
    """The lore zip, built entry by entry (in a thread: compressing is CPU work)."""

    buffer: io.BytesIO = field(default_factory=io.BytesIO)
    rows: list[tuple[str, LoreRecord]] = field(default_factory=list)  # each file and its entry's head

    def __post_init__(self) -> None:
        self._zip = zipfile.ZipFile(self.buffer, "w")
        self._zip.writestr(_info("README.txt"), README)

    def add(self, records: list[LoreRecord]) -> None:
        for record in records:
            name = file_name(len(self.rows) + 1, record.title)
            self._zip.writestr(_info(f"{FOLDER}/{name}"), markdown_of(record))
            self.rows.append((name, replace(record, summary="", body="", facts=Facts())))

    @property
    def size(self) -> int:
        return self.buffer.tell()

    def finish(self) -> bytes:
        """The zip, with lore.json listing every file."""
        files = {record.title.casefold(): name for name, record in self.rows}
        entries = [manifest_row(record, name, files) for name, record in self.rows]
        manifest = json.dumps({MARKER: VERSION, "entries": entries}, ensure_ascii=False, indent=1)
        self._zip.writestr(_info(MANIFEST), manifest + "\n")
        self._zip.close()
        return self.buffer.getvalue()


def read_zip(data: bytes) -> tuple[Any, dict[str, str]]:
    """lore.json (parsed) and each Markdown file's text, by file name, from an uploaded zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir() and _kept(i.filename)]
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InvalidInput("That zip cannot be read: it may be cut short or not a zip at all.") from None
    manifest: Any = None
    files: dict[str, str] = {}
    unpacked = 0
    for info in infos:
        name = PurePosixPath(info.filename).name
        if name == MANIFEST:
            raw = _read(archive, info, MAX_MANIFEST)
            try:
                manifest = json.loads(raw.decode("utf-8-sig"))
            except (ValueError, RecursionError):
                raise InvalidInput(f"The zip's {MANIFEST} is not JSON.") from None
        elif name.casefold().endswith((".md", ".markdown")):
            if name in files:
                raise InvalidInput(f"The zip holds two files called {quoted(name, 60)}.")
            raw = _read(archive, info, MAX_FILE_BYTES)
            try:
                files[name] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise InvalidInput(f"The zip's file {quoted(name, 60)} is not UTF-8 text.") from None
        else:
            continue
        unpacked += len(raw)
        if unpacked > MAX_UNZIPPED:
            raise InvalidInput(f"That zip unpacks to more than {MAX_UNZIPPED // 1024 // 1024} MiB.")
    if manifest is None:
        raise InvalidInput(
            f"That zip has no {MANIFEST}, which lists each file's kind: export one with `/config export`, "
            "or import a single page with `/lore import`."
        )
    return manifest, files


def _kept(path: str) -> bool:
    """Not the folders and hidden files an editor or an archiver adds (`__MACOSX/`, `.DS_Store`)."""
    parts = PurePosixPath(path).parts
    return not any(part.startswith((".", "__MACOSX")) for part in parts)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, most: int) -> bytes:
    """A file's bytes, refused past `most` whatever its header claims."""
    try:
        with archive.open(info) as handle:
            data = handle.read(most + 1)
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, NotImplementedError, EOFError):
        raise InvalidInput(f"The zip's file {quoted(info.filename, 60)} cannot be read.") from None
    if len(data) > most:
        raise InvalidInput(f"The zip's file {quoted(info.filename, 60)} is over {most:,} bytes.")
    return data
