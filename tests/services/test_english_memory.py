"""What loading the English word list leaves in the process (issue #21, point 5: memory).

The list keeps 1.4 MB of Python objects alive; reading the whole file at once (2.7 MB decoded,
then freed) in start-up's worker thread left about 15 MiB resident for good (glibc raised its
trim threshold past the freed text and kept that thread's heap), and a string object per word
(each written to its length's StringIO) still 6 MiB: the freed words' memory stayed reserved.
Measured in a fresh interpreter, the thread loading it as start-up does (bot/services/lore.py),
after gc and malloc_trim."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.support.processes import ROOT, environment

LOADED = textwrap.dedent(
    """
    import ctypes, gc, json, threading
    import discord  # what a running bot has loaded anyway

    def rss_kib():
        gc.collect()
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))

    from bot.services import english
    before = rss_kib()
    loading = threading.Thread(target=english.load)
    loading.start()
    loading.join()
    assert english.is_english("undiscovered") and english.is_common("thing")
    print(json.dumps(rss_kib() - before))
    """
)


def test_loading_the_word_list_keeps_little_more_than_the_list() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOADED],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    grown_kib = json.loads(done.stdout.strip().splitlines()[-1])
    assert grown_kib < 4 * 1024, f"{grown_kib} KiB resident for 1.4 MB of words"
