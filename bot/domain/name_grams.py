"""The keys a lore name is found by when it is misspelt: each word of the name, and each word with
one letter dropped. A word typed one letter off (changed, added, dropped, two swapped) shares a
key with the word it means, so a misspelt name is found by exact lookups of a handful of keys,
never by comparing it with every name. Pure: storage writes them, services query them.
"""

from __future__ import annotations

MIN_WORD = 3  # shorter words ("of", "at") tell names apart too little to be looked up
MIN_DROPPED = 4  # a word this long is also kept with each letter dropped in turn
MAX_WORDS = 6  # a long typed name is looked up by its first words


def _dropped(word: str) -> list[str]:
    return [word[:at] + word[at + 1 :] for at in range(len(word))] if len(word) >= MIN_DROPPED else []


def name_keys(name: str) -> list[str]:
    """The keys of `name` (normalised): its words of MIN_WORD letters or more, those words with
    one letter dropped, and its words run together (a space typed away: "telvenixvormek")."""
    words = name.split()
    keys: dict[str, None] = {}
    for word in words:
        if len(word) >= MIN_WORD:
            keys.update(dict.fromkeys([word, *_dropped(word)]))
    if len(words) > 1:
        keys["".join(words)] = None
    return list(keys)


def typed_keys(typed: str) -> list[list[str]]:
    """For each word of `typed` (normalised) that can be looked up, the keys that find names
    holding that word or one a letter off it."""
    words = [w for w in dict.fromkeys(typed.split()) if len(w) >= MIN_WORD][:MAX_WORDS]
    keys = [list(dict.fromkeys([w, *_dropped(w)])) for w in words]
    if len(typed.split()) > 1:  # a space typed too many ("cds arkla" for "cdsarkla") or too few
        keys.append(["".join(typed.split())])
    return keys


def length_window(length: int, cutoff: int) -> tuple[int, int]:
    """The word lengths that can be within `cutoff` (0-100) of a word of `length` by rapidfuzz's
    ratio (2·matches / total length): shorter or longer words cannot reach it."""
    share = cutoff / 100
    low = int(length * share / (2 - share))
    high = int(length * (2 - share) / share) + 1
    return max(1, low), high
