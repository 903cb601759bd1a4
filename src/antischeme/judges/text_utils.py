"""Sentence spans, normalisation and quote checking shared by the judges."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_BOUNDARY = re.compile(r"[.!?;]+(?=\s)|\n")
_TRANSLATE = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_ELLIPSIS = re.compile(r"\.\.\.|\u2026|\[\.\.\.\]")


def sentences(text: str) -> Iterator[str]:
    """Sentences/clauses of ``text``, stripped, each a substring of it.

    Splits after . ! ? ; followed by white space (so "3.9" and "e.g.x" stay whole) and at newlines.
    """
    start = 0
    text = text or ""
    for m in _BOUNDARY.finditer(text):
        piece = text[start:m.end()].strip()
        if piece:
            yield piece
        start = m.end()
    tail = text[start:].strip()
    if tail:
        yield tail


def normalize(text: str) -> str:
    """Lower case, unified quotes and dashes, collapsed whitespace: for forgiving substring checks."""
    text = unicodedata.normalize("NFKC", text or "").translate(_TRANSLATE).lower()
    return re.sub(r"\s+", " ", text).strip()


def quote_occurs(quote: str, haystack: str) -> bool:
    """The quote occurs in the haystack (after normalisation; '...' in a quote may skip text, in order)."""
    hay = normalize(haystack)
    parts = [normalize(p).strip(" \"'") for p in _ELLIPSIS.split(quote or "")]
    parts = [p for p in parts if p]
    if not parts:
        return False
    pos = 0
    for part in parts:
        found = hay.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def clip(text: str, limit: int = 240) -> str:
    """A short evidence quote: the start of ``text`` (still a substring of the original)."""
    return text if len(text) <= limit else text[:limit]
