"""The offline baseline judge: lexical and regex patterns, no model."""

from __future__ import annotations

from antischeme.judges.base import Judge
from antischeme.judges.baseline_awareness import classify_eval_awareness
from antischeme.judges.baseline_citation import classify_spec_citation
from antischeme.judges.baseline_miscitation import classify_miscitation
from antischeme.judges.baseline_mismatch import classify_mismatch
from antischeme.judges.baseline_motivation import classify_spec_motivated
from antischeme.judges.schema import ClassifierName, JudgeInput, JudgeResult


class BaselineJudge(Judge):
    """Deterministic, instant and offline; see README.md for its measured precision and recall."""

    implementation = "baseline"

    def classify_sync(self, classifier: ClassifierName, item: JudgeInput) -> JudgeResult:
        if classifier == "eval_awareness":
            return classify_eval_awareness(item.text)
        if classifier == "spec_citation":
            return classify_spec_citation(item.text)
        if classifier == "miscitation":
            return classify_miscitation(item.text)
        if classifier == "spec_motivated":
            return classify_spec_motivated(item.text, item.actions)
        if classifier == "mismatch":
            return classify_mismatch(item.text, item.actions)
        raise ValueError(f"unknown classifier {classifier!r}")

    async def classify(self, classifier: ClassifierName, item: JudgeInput) -> JudgeResult:
        return self.classify_sync(classifier, item)
