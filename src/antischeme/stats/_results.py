"""The file format of ``antischeme stats`` output (rates are fractions in [0, 1])."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

from antischeme.stats._montecarlo import Difference, Interval


class EvalRate(BaseModel):
    """One evaluation: counts, observed rate and the Beta posterior's mean and 95% interval."""

    eval: str
    n: int
    k: int
    rate: float | None = Field(description="k / n; None when n = 0")
    mean: float
    lo: float
    hi: float
    headline: bool = Field(description="counted in the aggregate")
    undecided: int | None = Field(default=None, description="samples outside n: no verdict could be given")
    errored: int | None = Field(default=None, description="samples outside n: the sample errored")


class ComparedRate(EvalRate):
    """An evaluation of the compared model, with Fisher's exact p against the first model."""

    fisher_p: float | None = Field(description="two-sided; None when the first model lacks this evaluation")


class Comparison(BaseModel):
    """The second model (``--compare``) and the aggregate difference first − second."""

    aggregate: Interval
    per_eval: list[ComparedRate]
    difference: Difference
    difference_of: str = "counts - compare"


class StatsResult(BaseModel):
    """What ``antischeme stats`` writes."""

    aggregate: Interval
    per_eval: list[EvalRate]
    headline: list[str] = Field(description="the evaluations averaged in the aggregate")
    missing_headline: list[str] = Field(description="default headline evaluations absent from the counts")
    seed: int
    draws: int
    compare: Comparison | None = None


def save_result(result: StatsResult, path: Path) -> None:
    """Write the result as JSON atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
