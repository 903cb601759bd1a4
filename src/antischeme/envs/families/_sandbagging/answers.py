"""Parsing of submitted multiple-choice answers (tolerant of the usual formats models produce)."""

from __future__ import annotations

import re

_PAIR = re.compile(r"(?:^|[\s,;])(?:q(?:uestion)?\s*)?(\d{1,2})\s*[:.)=\-]\s*\(?([A-Da-d])\b\)?", re.IGNORECASE)
_TOKEN_STRIP = "()[]{}.'\" "


def parse_answers(text: str, n: int) -> list[str] | None:
    """Letters in question order from ``text`` or None if it is not ``n`` answers.

    Accepts ``A,C,B,...``, ``A C B ...``, ``ACB...`` and numbered forms such as ``1:A, 2:C`` or ``1) A 2) C``.
    """
    text = (text or "").strip()
    pairs = _PAIR.findall(text)
    if pairs:
        found = {int(num): letter.upper() for num, letter in pairs}
        if set(found) == set(range(1, n + 1)):
            return [found[i] for i in range(1, n + 1)]
    tokens = [t.strip(_TOKEN_STRIP) for t in re.split(r"[,;\s]+", text)]
    tokens = [t for t in tokens if t]
    if len(tokens) == n and all(t.upper() in "ABCD" and len(t) == 1 for t in tokens):
        return [t.upper() for t in tokens]
    compact = re.sub(r"[\s,;]", "", text)
    if len(compact) == n and re.fullmatch(r"[A-Da-d]+", compact):
        return list(compact.upper())
    return None
