"""A one-line progress bar on stderr for the long admin commands (import-wiki, migrate-to-postgres)."""

from __future__ import annotations

import time
from typing import TextIO

BAR_WIDTH = 30


class ProgressBar:
    """`[#########.....]  45%  1,234 pages` redrawn in place at a terminal (ten times a second
    at most); elsewhere (a log, CI) a line at every tenth of the way. `total` is in whatever
    advance() is given (bytes read, rows copied); `unit` names what each advance() counts."""

    def __init__(self, total: int, stream: TextIO, unit: str) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.unit = unit
        self.live = stream.isatty()
        self.pages = 0
        self.drawn_at = 0.0
        self.tenth = -1

    def advance(self, position: int, count: int = 1) -> None:
        self.pages += count
        share = min(position / self.total, 1.0)
        now = time.monotonic()
        if self.live and now - self.drawn_at >= 0.1:
            self.drawn_at = now
            self.stream.write(f"\r{self.line(share)}")
            self.stream.flush()
        elif not self.live and int(share * 10) > self.tenth:
            self.tenth = int(share * 10)
            self.stream.write(f"{self.line(share)}\n")

    def finish(self) -> None:
        self.stream.write(f"\r{self.line(1.0)}\n" if self.live else f"{self.line(1.0)}\n")
        self.stream.flush()

    def line(self, share: float) -> str:
        filled = round(share * BAR_WIDTH)
        pages = f"{self.pages:,} {self.unit}{'' if self.pages == 1 else 's'}"
        return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%}  {pages}"
