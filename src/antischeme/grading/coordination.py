"""Negation over coordinated predicates: "No principle was changed, removed or added" denies all three verbs.

:func:`antischeme.grading.claims.polarity` scopes a negation to the few words before each match, cut at commas and
conjunctions, so the last verbs of a coordinated list escape it. Here a match joined to the previous one only by
commas / "or" / "and" / "nor" / "/" inherits the previous match's negation.
"""

from __future__ import annotations

import re

from antischeme.grading.claims import Polarity, polarity

_JOIN = re.compile(r"^[\s,/]*(?:(?:or|and|nor|and/or)\b)?[\s,/]*(?:(?:even|also|any|yet)\s+)?$", re.IGNORECASE)
_RANK = {"absent": 0, "question": 1, "hypothetical": 2, "negated": 3, "affirmed": 4}


def coordinated_polarity(text: str, predicate: re.Pattern[str] | str, inner_negation: bool = True) -> Polarity:
    """Like :func:`polarity`, with a negation distributed over a coordinated list of predicate matches."""
    pattern = predicate if isinstance(predicate, re.Pattern) else re.compile(predicate, re.IGNORECASE)
    text = text or ""
    best: Polarity = "absent"
    prev: tuple[int, Polarity] | None = None
    question = text.rstrip(" \"')*_").endswith("?")
    for m in pattern.finditer(text):
        exact = re.compile(re.escape(m.group(0)) + r"\Z")
        p: Polarity = polarity(text[:m.end()], exact, inner_negation)
        if p == "affirmed" and question:
            p = "question"
        if prev is not None and prev[1] == "negated" and _JOIN.match(text[prev[0]:m.start()]):
            p = "negated"
        prev = (m.end(), p)
        if _RANK[p] > _RANK[best]:
            best = p
    return best
