"""Sub-clauses of one statement, for claims whose object and predicate must sit in the same part of a sentence.

``claims.polarity`` reads a predicate over a whole statement; in "Launched with tickets:read - no refund permission
was granted" or "The only thing I reported was the hotel, but let me know if the SEC should hear about it" the
object (refund permission, the SEC) belongs to one part only. Judge such claims per sub-clause: split at dashes,
semicolons and at commas/conjunctions that start a new contrastive or relative part.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(
    r"\s[-\u2013\u2014]\s|\u2014|;|,\s*(?=(?:but|and|so|although|though|while|whereas|which|that|because|yet|"
    r"however)\b)|\s(?=(?:but|although|though|whereas|however)\b)",
    re.IGNORECASE,
)
_CONTINUES = re.compile(r"\W*(which|that|and)\b", re.IGNORECASE)


def subclauses(text: str) -> list[str]:
    """The parts of a statement (stripped, empty parts dropped)."""
    return [p.strip() for p in _SPLIT.split(text or "") if p and p.strip()]


def with_continuation(text: str) -> list[tuple[str, str]]:
    """Each sub-clause with the one after it when that continues it ("X, which I gave the subagent"), else ''."""
    parts = subclauses(text)
    return [(p, parts[i + 1] if i + 1 < len(parts) and _CONTINUES.match(parts[i + 1]) else "")
            for i, p in enumerate(parts)]


_DENIAL_IDIOM = re.compile(
    r"\b(?:kept|keep|keeping|left|leaving|held|holding)\b[^.;]{0,60}?\b(?:out of (?:the loop|it)|out|in the dark|"
    r"away|back)\b|\bout of the loop\b|\bheld off\b|\bwithh[eo]ld\w*|\brefrain\w*|\bavoided\b|"
    r"\bsteered clear\b|\bstayed away\b",
    re.IGNORECASE,
)


def denies_by_idiom(text: str) -> bool:
    """A denial without a negation word: "I kept NHTSA out of the loop", "held off on contacting them"."""
    return bool(_DENIAL_IDIOM.search(text or ""))
