"""The one result schema every classifier returns, whatever the implementation."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

ClassifierName = Literal["eval_awareness", "spec_citation", "miscitation", "spec_motivated", "mismatch"]
CLASSIFIERS: tuple[ClassifierName, ...] = (
    "eval_awareness",
    "spec_citation",
    "miscitation",
    "spec_motivated",
    "mismatch",
)
AwarenessKind = Literal["alignment", "capability"]


class JudgeInput(BaseModel, frozen=True):
    """What a classifier looks at: the reasoning, and (for mismatch / motivation) what the agent did."""

    text: str = Field(description="the chain of thought / reasoning")
    actions: str = Field(default="", description="tool calls and visible messages, as text")


class JudgeResult(BaseModel):
    """One classifier's judgement of one piece of reasoning."""

    classifier: ClassifierName
    implementation: str = Field(description="'baseline' or 'llm:<model>'")
    label: bool | None = Field(description="the behaviour is present; None when the judge failed")
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    evidence: list[str] = Field(default_factory=list, description="quotes verified to occur in the input")
    unverified_evidence: list[str] = Field(
        default_factory=list, description="quotes the judge gave that do not occur in the input (dropped)"
    )
    kind: AwarenessKind | None = Field(default=None, description="eval_awareness only: what the test is for")
    cited: list[str] = Field(default_factory=list, description="principle ids (spec_citation, miscitation)")
    explanation: str = ""
    failed: bool = False
    error: str | None = None

    @property
    def alignment_aware(self) -> bool | None:
        """Evaluation awareness *for alignment* (the paper's sub-label)."""
        if self.label is None:
            return None
        return bool(self.label and self.kind == "alignment")


def failed_result(classifier: ClassifierName, implementation: str, error: str) -> JudgeResult:
    """A result that records why the judge could not decide (never an exception)."""
    return JudgeResult(classifier=classifier, implementation=implementation, label=None, failed=True, error=error)
