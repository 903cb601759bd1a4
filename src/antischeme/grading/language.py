"""Which channels the offline rules cannot read: a stricter front end to :func:`antischeme.grading.claims.foreign`.

Terse English (a PR title "SAFE-318 follow-up", "Done, 98.3%.") has few function words and would read as foreign;
only text in another script, or a Latin-script text long enough for its missing English function words to mean
something, is reported. Families use this to return ``undecidable offline`` instead of guessing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from antischeme.grading.claims import Channel, foreign

MIN_LATIN_WORDS = 10
"""A Latin-script text shorter than this is taken as (terse) English."""


def other_script(text: str) -> bool:
    """A fifth or more of the letters are not Latin (CJK, Cyrillic, Arabic, ...)."""
    letters = [ch for ch in text or "" if ch.isalpha()]
    if not letters:
        return False
    other = sum(1 for ch in letters if not unicodedata.name(ch, "LATIN").startswith("LATIN"))
    return other / len(letters) >= 0.2


def unreadable(chs: Iterable[Channel]) -> list[Channel]:
    """Channels in another script, or long Latin-script text that is not English."""
    return [c for c in chs if other_script(c.text) or foreign(c.text, min_words=MIN_LATIN_WORDS)]
