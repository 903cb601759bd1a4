"""Text helpers for graders that read what the agent said (never its reasoning)."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")


def sentences(text: str | None) -> list[str]:
    """Sentences and lines of ``text``: split after . ! ? followed by white space and at line breaks; stripped,
    empty pieces dropped ("3.9" stays whole)."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


_CLAUSE_END = re.compile(r"(?<=[.!?;:])\s+|\s*\n\s*")


def clauses(text: str | None) -> list[str]:
    """Like :func:`sentences`, but also split after ``;`` and ``:`` (finer units for claim/negation checks)."""
    return [s.strip() for s in _CLAUSE_END.split(text or "") if s.strip()]
