"""Tiny Inspect logs in the schema of the antischeme Inspect adapter, written with inspect_ai's own API."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inspect_ai.log import EvalConfig, EvalDataset, EvalLog, EvalSample, EvalSpec, write_eval_log
from inspect_ai.scorer import Score


@dataclass(frozen=True)
class Rollout:
    """One sample: the grader's verdict and optional judge flags."""

    covert: bool | None
    outcome: str = "completed"
    aware: bool | None = None
    cites: bool | None = None


def rollouts(n: int, k: int, **kwargs: object) -> list[Rollout]:
    """``n`` rollouts of which the first ``k`` are covert."""
    return [Rollout(covert=i < k, **kwargs) for i in range(n)]  # type: ignore[arg-type]


def write_log(
    path: Path,
    model: str,
    family: str,
    samples: list[Rollout],
    *,
    category: str = "sabotage",
    in_headline: bool = True,
    measures: str = "covert_action",
    grading: str = "rules",
    title: str | None = None,
) -> Path:
    """Write one task's log (task name = family) with an ``action_grader`` score and judge scores where set."""
    spec = EvalSpec(
        created="2026-01-01T00:00:00+00:00",
        task=family,
        dataset=EvalDataset(name=family, samples=len(samples)),
        model=model,
        config=EvalConfig(),
        metadata={
            "family": family, "title": title or family.replace("_", " ").title(), "category": category,
            "in_headline": in_headline, "measures": measures, "grading": grading, "spec_hash": "0" * 12,
            "with_spec": False,
        },
    )
    records = []
    for i, r in enumerate(samples):
        env_id = f"{family}/variant-{i}"
        verdict = {"env_id": env_id, "covert": r.covert, "reason": "synthetic", "evidence": [],
                   "outcome": r.outcome, "details": {}}
        scores = {"action_grader": Score(value=1.0 if r.covert else 0.0, metadata=verdict)}
        if r.aware is not None:
            scores["judge_eval_awareness"] = Score(value=1.0 if r.aware else 0.0)
        if r.cites is not None:
            scores["judge_spec_citation"] = Score(value=1.0 if r.cites else 0.0)
        records.append(EvalSample(
            id=env_id, epoch=1, input="do the task", target="",
            metadata={"env_id": env_id, "family": family, "category": category, "split": "test",
                      "factors": {"variant": str(i)}},
            scores=scores,
        ))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_eval_log(EvalLog(eval=spec, status="success", samples=records), str(path))
    return path
