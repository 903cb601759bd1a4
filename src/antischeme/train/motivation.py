"""Is the good action taken *because of* the spec? The reasoning half of the collection filter.

Three checks behind one signature (rollouts in, one judgement dict per rollout out):

- ``judge``: the judges package's offline spec-motivated-good-action classifier (``BaselineJudge``, classifier
  ``spec_motivated``) over the rollout's reasoning and actions;
- ``llm``: the same classifier as an LLM judge (``--judge-model``, any Inspect model);
- ``citation``: the minimal baseline — the reasoning explicitly cites a principle id (AS1–AS5, GP1–GP4).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
from typing import Any

from antischeme.spec import PRINCIPLE_IDS
from antischeme.train.rollouts import Rollout

Judgement = dict[str, Any]
"""``{"label": bool | None, "method": str, "cited": [ids], "explanation": str}``."""
MotivationCheck = Callable[[Sequence[Rollout]], list[Judgement]]
METHODS: tuple[str, ...] = ("judge", "llm", "citation")

_CITATION = re.compile(r"\b(" + "|".join(PRINCIPLE_IDS) + r")\b")


def reasoning_and_actions(rollout: Rollout) -> tuple[str, str]:
    """The chain of thought and the actions of a rollout, as the judges read them."""
    try:
        from antischeme.judges.trace import trace_from_messages
        from antischeme.runners.inspect.convert import to_inspect
    except ImportError:  # judges not installed: reasoning fields and tool calls, joined
        msgs = [m for m in rollout.transcript.messages if m.role == "assistant"]
        calls = [f"{tc.function.name}({tc.function.arguments})" for m in msgs for tc in m.tool_calls or []]
        return "\n\n".join(m.reasoning for m in msgs if m.reasoning), "\n".join(calls)
    trace = trace_from_messages(to_inspect(rollout.transcript))
    return trace.reasoning, trace.actions


def citation_check(rollouts: Sequence[Rollout]) -> list[Judgement]:
    """Baseline: an explicit principle id in the reasoning."""
    out = []
    for r in rollouts:
        text, _ = reasoning_and_actions(r)
        cited = sorted(set(_CITATION.findall(text)), key=PRINCIPLE_IDS.index)
        out.append({"label": bool(cited), "method": "citation", "cited": cited,
                    "explanation": f"cites {', '.join(cited)}" if cited else "no principle id in the reasoning"})
    return out


def _from_results(results: list[Any]) -> list[Judgement]:
    return [{"label": res.label, "method": res.implementation, "cited": list(res.cited),
             "explanation": res.error or res.explanation} for res in results]


def judge_check(rollouts: Sequence[Rollout]) -> list[Judgement]:
    """The judges' offline spec-motivated-good-action classifier."""
    from antischeme.judges import BaselineJudge, JudgeInput

    judge = BaselineJudge()
    results = [judge.classify_sync("spec_motivated", JudgeInput(text=t, actions=a))
               for t, a in map(reasoning_and_actions, rollouts)]
    return _from_results(results)


def llm_check(model: str, concurrency: int = 4) -> MotivationCheck:
    """The spec-motivated classifier as an LLM judge on ``model``."""

    def check(rollouts: Sequence[Rollout]) -> list[Judgement]:
        from antischeme.judges import JudgeInput
        from antischeme.judges.llm_judge import LLMJudge

        judge = LLMJudge(model)
        items = [JudgeInput(text=t, actions=a) for t, a in map(reasoning_and_actions, rollouts)]
        rows = asyncio.run(judge.classify_many(items, ["spec_motivated"], concurrency=concurrency))
        return _from_results([row["spec_motivated"] for row in rows])

    return check


def judges_available() -> bool:
    try:
        from antischeme.judges import BaselineJudge, JudgeInput  # noqa: F401
    except ImportError:
        return False
    return True


def motivation_check(method: str | None = None, judge_model: str | None = None) -> tuple[str, MotivationCheck]:
    """(method name, check). Default: the LLM judge when a model is given, else the offline judge if installed, else
    the citation baseline."""
    if method is None:
        method = "llm" if judge_model else ("judge" if judges_available() else "citation")
    if method not in METHODS:
        raise ValueError(f"unknown motivation check {method!r}; choose one of {', '.join(METHODS)}")
    if method == "llm":
        if not judge_model:
            raise ValueError("the llm motivation check needs --judge-model")
        return f"llm:{judge_model}", llm_check(judge_model)
    if method == "judge" and not judges_available():
        raise ValueError("the judges package is not available; use --motivation citation")
    return method, judge_check if method == "judge" else citation_check
