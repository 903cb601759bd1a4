"""Chain-of-thought judges: evaluation awareness, spec citation, miscitation, spec-motivated action, mismatch.

Two implementations behind one interface (:class:`Judge`): :class:`BaselineJudge` (offline patterns) and
:class:`LLMJudge` (rubric prompt to any Inspect model). See README.md for the measured accuracy.
"""

from antischeme.judges.base import Judge
from antischeme.judges.baseline import BaselineJudge
from antischeme.judges.schema import CLASSIFIERS, ClassifierName, JudgeInput, JudgeResult

__all__ = ["CLASSIFIERS", "BaselineJudge", "ClassifierName", "Judge", "JudgeInput", "JudgeResult", "LLMJudge"]


def __getattr__(name: str) -> object:
    if name == "LLMJudge":  # imported lazily: it pulls in inspect_ai
        from antischeme.judges.llm_judge import LLMJudge

        return LLMJudge
    raise AttributeError(name)
