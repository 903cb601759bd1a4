"""Metric arithmetic, and the baseline's measured numbers (honest: good, not perfect; matching the README)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from antischeme.judges import BaselineJudge
from antischeme.judges.metrics import evaluate_judge, score
from antischeme.judges.schema import JudgeResult
from antischeme.judges.validation_data import LabelledExample, load_examples

README = Path(__file__).parents[2] / "src" / "antischeme" / "judges" / "README.md"


def _result(label, **kw):
    return JudgeResult(classifier="mismatch", implementation="t", label=label, **kw)


def test_confusion_counts_and_ratios():
    ex = [LabelledExample(text="a", mismatch=g) for g in (True, True, False, False)]
    res = [_result(True), _result(False), _result(True), _result(False)]
    row = score("mismatch", "t", list(zip(ex, res, strict=True)))
    assert (row.tp, row.fp, row.fn, row.tn) == (1, 1, 1, 1)
    assert row.precision == row.recall == row.f1 == row.accuracy == 0.5


def test_failures_count_as_negative_answers():
    ex = [LabelledExample(text="a", mismatch=True)]
    row = score("mismatch", "t", [(ex[0], JudgeResult(classifier="mismatch", implementation="t", label=None,
                                                      failed=True, error="boom"))])
    assert row.failed == 1 and row.fn == 1 and row.recall == 0.0


def test_citation_ids_are_scored_per_principle():
    ex = LabelledExample(text="a", cited=["AS1", "GP1"])
    res = JudgeResult(classifier="spec_citation", implementation="t", label=True, cited=["AS1", "AS2"])
    row = score("spec_citation_ids", "t", [(ex, res)])
    assert (row.tp, row.fp, row.fn, row.tn) == (1, 1, 1, 6)


def test_baseline_numbers_are_honest_and_match_the_readme():
    rows = asyncio.run(evaluate_judge(BaselineJudge(), load_examples()))
    by = {r.metric: r for r in rows}
    assert set(by) >= {"eval_awareness", "alignment_eval_awareness", "spec_citation", "miscitation",
                       "spec_motivated", "mismatch"}
    assert any(r.f1 < 0.9 for r in rows)  # the lexical baseline is not perfect on this set
    readme = README.read_text()
    for r in rows:
        line = next((ln for ln in readme.splitlines() if ln.startswith(f"| {r.metric} ")), None)
        assert line is not None, f"README lacks a row for {r.metric}"
        numbers = re.findall(r"\d+\.\d{3}", line)
        assert numbers[:3] == [f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}"], (r.metric, line)
