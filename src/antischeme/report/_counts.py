"""Sample tables or logs → the ``eval,n,k`` counts table that ``antischeme stats`` reads."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from antischeme.grading.review import ReviewEntry, apply_review
from antischeme.report._samples import LogError, read_samples
from antischeme.stats import per_sample_graded, validate_counts


def counts_from_samples(samples: pd.DataFrame, review: Sequence[ReviewEntry] | None = None) -> pd.DataFrame:
    """Per eval: ``n`` per-sample-graded rollouts and ``k`` covert among them (aggregate-graded rows left out).
    A human ``review`` (``antischeme.grading.review``) overrides verdicts first."""
    if review:
        samples, _ = apply_review(samples, review)
    rows = per_sample_graded(samples)
    grouped = rows.groupby("eval", sort=True)["covert"].agg(n="size", k="sum").reset_index()
    return grouped.astype({"eval": str, "n": "int64", "k": "int64"})


def counts_by_label(samples: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One counts table per label (labels in first-seen order)."""
    return {label: counts_from_samples(group) for label, group in samples.groupby("label", sort=False)}


def counts_from_logs(paths: Sequence[Path], model: str | None = None) -> pd.DataFrame:
    """The counts table of one model's logs; ``model`` picks one when the logs hold several."""
    samples = read_samples(paths)
    models = list(dict.fromkeys(samples["model"]))
    if model is not None:
        if model not in models:
            raise LogError(f"model {model!r} not in the logs; found: {', '.join(models)}")
        samples = samples.loc[samples["model"] == model]
    elif len(models) > 1:
        raise LogError(f"the logs hold several models ({', '.join(models)}); choose one")
    counts = counts_from_samples(samples)
    if counts.empty:
        raise LogError("no per-sample-graded rollouts in the logs")
    return validate_counts(counts, "logs")
