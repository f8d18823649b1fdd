"""Run khitomer as an operator does: a separate process, its output read as text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = (
    "DISCORD_TOKEN",
    "DATABASE_PATH",
    "DATABASE_URL",
    "DEV_GUILD_ID",
    "SHARD_COUNT",
    "SHARD_IDS",
    "LOG_FILE",
)
# `khitomer` with discord.py's REST base moved to a test server (argv[1]); the rest is unchanged.
POINTED = (
    "import sys, discord.http; discord.http.Route.BASE = sys.argv.pop(1); "
    "from bot.ops.cli import main; raise SystemExit(main())"
)


def environment(**env: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    clean["PYTHONPATH"] = str(ROOT)
    return {**clean, **env}


def khitomer(
    *args: str,
    cwd: Path,
    api: str | None = None,
    prefix: Sequence[str] = (),
    timeout: float = 90,
    **env: str,
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in `cwd`; `api` points it at a test Discord; `prefix` wraps the command."""
    command = [sys.executable, "-c", POINTED, api, *args] if api else [sys.executable, "-m", "bot", *args]
    return subprocess.run(
        [*prefix, *command],
        cwd=cwd,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def operator_lines(stderr: str) -> list[str]:
    """What khitomer itself said, leaving out timestamped log records."""
    return [line for line in stderr.splitlines() if line.startswith("khitomer")]


def assert_one_line_error(done: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert done.returncode != 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = operator_lines(done.stderr)
    assert len(lines) == 1, done.stderr
    assert done.stderr.rstrip().endswith(lines[0]), "the reason is the last thing printed"
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


# What a Discord that accepts the token answers to login; its gateway then cannot be had.
ACCEPTING: dict[str, dict[str, object]] = {
    "/api/v10/users/@me": {
        "id": "100000000000000001",
        "username": "Khitomer",
        "discriminator": "0",
        "avatar": None,
    },
    "/api/v10/oauth2/applications/@me": {
        "id": "100000000000000002",
        "name": "Khitomer",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": {"id": "100000000000000003", "username": "owner", "discriminator": "0", "avatar": None},
        "flags": 0,
    },
}


class FakeDiscord:
    """A REST endpoint answering like Discord would to a bad token (or, `accepting`, to a good
    one, with the gateway down); records what it was asked."""

    def __init__(self, *, accepting: bool = False) -> None:
        self.requests: list[str] = []
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                recorded.append(self.path)
                path = self.path.split("?", 1)[0]
                if accepting and path in ACCEPTING:
                    status, answer = 200, ACCEPTING[path]
                elif accepting:
                    status, answer = 503, {"message": "Service Unavailable", "code": 0}
                else:
                    status, answer = 401, {"message": "401: Unauthorized", "code": 0}
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/v10"


@contextmanager
def fake_discord(*, accepting: bool = False) -> Iterator[FakeDiscord]:
    fake = FakeDiscord(accepting=accepting)
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()


def read_only(path: Path) -> list[str]:
    """A command prefix under which `path` is read-only, even for root (who ignores file modes).

    As root: a private mount namespace with a read-only bind mount of `path`. Otherwise the
    file modes do it, and the caller's chmod is enough, so no prefix is needed.
    """
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return []
    unshare = shutil.which("unshare")
    assert unshare, "util-linux's unshare is needed to make a read-only path as root"
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'
    return [unshare, "-m", "sh", "-c", script, "sh", str(path)]
