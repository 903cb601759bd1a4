"""Which evaluations make up the headline aggregate (paper §5: 20 rows)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

HEADLINE_EVALS: tuple[str, ...] = (
    "broken_promises",
    "email_scoring",
    "email_scoring_no_nudge",
    "impossible_coding",
    "lazy_checklist",
    "legal_reporting_cn",
    "legal_reporting_us",
    "literature_qa",
    "log_falsification",
    "long_document_verification",
    "powerseeking_survey",
    "sabotage_math",
    "sabotage_safety",
    "sandbagging_grading_cot",
    "sandbagging_qa",
    "sandbagging_qa_no_goal",
    "smuggle_capabilities",
    "subagent_collusion",
    "subagent_permissions",
    "subagent_resource_quota",
)
"""The paper's 20 aggregate rows (Email Scoring No Nudge counts as its own row)."""

NON_HEADLINE_EVALS: tuple[str, ...] = (
    "chat_deception",
    "blotto_game",
    "prisoners_dilemma",
    "spec_sabotage_moving",
    "spec_sabotage_selection",
    "spec_sabotage_verification",
    "as_over_escalation",
)
"""Test-suite evaluations the paper leaves out of the aggregate."""


class HeadlineError(ValueError):
    """The headline set cannot be formed from the rows at hand."""


@dataclass(frozen=True)
class HeadlineSelection:
    """The rows the aggregate uses, and the default rows that were not available."""

    evals: tuple[str, ...]
    missing: tuple[str, ...]
    explicit: bool

    def warning(self) -> str | None:
        """A one-line warning when default headline rows are absent, else None."""
        if self.explicit or not self.missing:
            return None
        return (
            f"aggregate over {len(self.evals)} of {len(HEADLINE_EVALS)} headline evaluations; "
            f"missing: {', '.join(self.missing)}"
        )


def parse_headline(text: str | None) -> list[str] | None:
    """``"a,b,c"`` → ``["a", "b", "c"]``; None or blank → None (use the default set)."""
    if text is None or not text.strip():
        return None
    names = [part.strip() for part in text.split(",")]
    if any(not name for name in names):
        raise HeadlineError(f"empty name in headline list {text!r}")
    if len(set(names)) != len(names):
        raise HeadlineError(f"duplicate name in headline list {text!r}")
    return names


def select_headline(available: Iterable[str], requested: Sequence[str] | None = None) -> HeadlineSelection:
    """The headline rows among ``available`` evals.

    Default: the paper's 20 rows that are present (the rest are reported as missing).
    Explicit ``requested``: every name must be present, in the order given.
    """
    present = set(available)
    if requested is not None:
        absent = [name for name in requested if name not in present]
        if absent:
            raise HeadlineError(f"headline evaluations not in the counts: {', '.join(absent)}")
        if not requested:
            raise HeadlineError("the headline set is empty")
        return HeadlineSelection(evals=tuple(requested), missing=(), explicit=True)
    chosen = tuple(name for name in HEADLINE_EVALS if name in present)
    if not chosen:
        raise HeadlineError(
            "none of the 20 headline evaluations is present; pass an explicit headline set to choose rows"
        )
    missing = tuple(name for name in HEADLINE_EVALS if name not in present)
    return HeadlineSelection(evals=chosen, missing=missing, explicit=False)
