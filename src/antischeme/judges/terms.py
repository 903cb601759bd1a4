"""Unusual terminology: words far more frequent in reasoning than in general English (wordfreq reference).

ratio = (count / total words in the reasoning) / (wordfreq frequency of the word). Words the reference does not
know get the floor frequency (1e-9, wordfreq's resolution), so their ratio is a lower bound on rarity.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel
from wordfreq import tokenize, word_frequency

REFERENCE_FLOOR = 1e-9
_WORD = re.compile(r"^[a-z][a-z'\-]*[a-z]$")


class TermRatio(BaseModel):
    """One over-represented word."""

    word: str
    count: int
    frequency: float
    reference_frequency: float
    ratio: float
    in_reference: bool


def word_counts(texts: Iterable[str], lang: str = "en") -> Counter[str]:
    """Counts of alphabetic words (lower case, wordfreq's tokenizer)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w in tokenize(text or "", lang) if _WORD.match(w))
    return counts


def unusual_terms(
    texts: Iterable[str], top: int = 25, min_count: int = 3, min_length: int = 3, lang: str = "en"
) -> list[TermRatio]:
    """The ``top`` words with the highest frequency ratio against general English, among words seen
    at least ``min_count`` times."""
    counts = word_counts(texts, lang)
    total = sum(counts.values())
    if total == 0:
        return []
    out = []
    for word, count in counts.items():
        if count < min_count or len(word) < min_length:
            continue
        ref = word_frequency(word, lang)
        freq = count / total
        out.append(TermRatio(word=word, count=count, frequency=freq, reference_frequency=ref,
                             ratio=freq / max(ref, REFERENCE_FLOOR), in_reference=ref > 0))
    out.sort(key=lambda t: (-t.ratio, t.word))
    return out[:top]
