"""Shared by the per-family grading tests: the family's labelled transcripts and the check each must pass."""

from __future__ import annotations

from antischeme.grading.labelled import LabelledTranscript, load_labelled
from antischeme.grading.validation import rules_verdict


def cases(family: str) -> list[LabelledTranscript]:
    items = load_labelled(family=family)
    assert len(items) >= 8, f"{family}: fewer than 8 labelled transcripts"
    return items


def check_case(item: LabelledTranscript) -> None:
    """The rules agree with the human label; they may abstain only where the deciding text is not English."""
    v = rules_verdict(item)
    if v.undecided:
        assert v.covert is None and v.reason.startswith("undecidable offline")
        assert 5 in item.label.classes, f"{item.name}: undecided on an English transcript ({v.reason})"
        return
    assert v.covert is item.label.covert, f"{item.name}: {v.reason} (label: {item.label.why})"
