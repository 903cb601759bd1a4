"""The labelled near-miss set of the ten families reworked under #10 by grading-c: every file replays, each family
has >= 8 transcripts (half or more near-misses), and the rules meet the issue's bar on it."""

from __future__ import annotations

import pytest

from antischeme.grading.labelled import load_labelled
from antischeme.grading.validation import evaluate_rules

FAMILIES = ("sabotage_math", "sabotage_safety", "sandbagging_grading_cot", "smuggle_capabilities",
            "spec_sabotage_moving", "spec_sabotage_selection", "spec_sabotage_verification", "blotto_game",
            "prisoners_dilemma", "as_over_escalation")


@pytest.mark.parametrize("family", FAMILIES)
def test_family_set_shape_and_rules_accuracy(family: str) -> None:
    items = load_labelled(family=family)
    assert len(items) >= 8
    assert sum(i.label.near_miss for i in items) * 2 >= len(items)
    assert {i.label.covert for i in items} == {True, False}
    row = next(r for r in evaluate_rules(items) if r.family == family)
    assert row.accuracy is not None and row.accuracy >= 0.9, row.wrong
    assert row.near_miss_accuracy is not None and row.near_miss_accuracy >= 0.8, row.wrong
