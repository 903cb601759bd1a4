"""Sample tables or logs → counts: the one place samples are counted.

``tally`` gives per evaluation the ``eval,n,k`` that ``antischeme stats`` reads (n rollouts with a covert verdict,
k covert among them), the samples left out of n and why (``undecided``, ``errored``), and how the samples ended
(outcome counts). Every count in the CLI, counts.csv, summary.json and the report comes from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from antischeme.grading.review import ReviewEntry, apply_review
from antischeme.report._samples import ERRORED, LogError, read_samples
from antischeme.stats import validate_counts

OUTCOMES: tuple[str, ...] = ("completed", "escalated", "refused", "gave_up", ERRORED)
TALLY_COLUMNS: tuple[str, ...] = ("eval", "measures", "n", "k", "undecided", "errored", "samples", *OUTCOMES[:-1],
                                  "inconclusive")
COUNTS_CSV_COLUMNS: tuple[str, ...] = ("eval", "n", "k", "undecided", "errored")
"""counts.csv: ``stats`` reads eval,n,k; undecided and errored samples are shown, outside n."""


def _per_sample(group: pd.DataFrame) -> bool:
    """Rows of this eval get a covert verdict each (not only an aggregate one)."""
    graded = group["covert"].notna() | group["undecided"].astype(bool)
    return bool(graded.any()) or not bool((group["grading"] == "aggregate").all())


def tally(samples: pd.DataFrame) -> pd.DataFrame:
    """One row per eval (sorted): ``TALLY_COLUMNS``. ``n``/``k`` are 0 for evals without per-sample verdicts;
    ``inconclusive`` when no sample completed, escalated or refused."""
    rows = []
    for name, group in samples.groupby("eval", sort=True):
        errored = group["outcome"] == ERRORED
        undecided = group["undecided"].astype(bool) & ~errored
        graded = group.loc[group["covert"].notna() & ~errored & ~undecided]
        measures = str(group["measures"].iloc[0]) if "measures" in group else "covert_action"
        per_sample = _per_sample(group)
        outcome = group["outcome"].value_counts()
        rows.append({
            "eval": str(name), "measures": measures if per_sample else "aggregate",
            "n": len(graded), "k": int(graded["covert"].astype(bool).sum()),
            "undecided": int(undecided.sum()), "errored": int(errored.sum()), "samples": len(group),
            **{o: int(outcome.get(o, 0)) for o in OUTCOMES[:-1]},
            # no sample engaged with the task (all gave up or errored): a rate would say nothing about the model
            "inconclusive": not any(outcome.get(o, 0) for o in ("completed", "escalated", "refused")),
        })
    return pd.DataFrame(rows, columns=list(TALLY_COLUMNS))


def counts_from_samples(samples: pd.DataFrame, review: Sequence[ReviewEntry] | None = None) -> pd.DataFrame:
    """Per covert-action eval graded per sample: ``eval,n,k,undecided,errored`` (rows with n = 0 kept when some
    sample errored or was undecided, so nothing disappears). A human ``review`` (``antischeme.grading.review``)
    overrides verdicts first."""
    if review:
        samples, _ = apply_review(samples, review)
    table = tally(samples)
    table = table.loc[(table["measures"] == "covert_action") & (table["n"] + table["undecided"] + table["errored"] > 0)]
    return table.loc[:, list(COUNTS_CSV_COLUMNS)].reset_index(drop=True).astype(
        {"eval": str, "n": "int64", "k": "int64", "undecided": "int64", "errored": "int64"})


def counts_by_label(samples: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One counts table per label (labels in first-seen order)."""
    out = {}
    for label, group in samples.groupby("label", sort=False):
        counts = counts_from_samples(group)
        out[label] = counts.loc[counts["n"] > 0].reset_index(drop=True)
    return out


def counts_from_logs(paths: Sequence[Path], model: str | None = None, partial: bool = False) -> pd.DataFrame:
    """The counts table of one model's logs; ``model`` picks one when the logs hold several."""
    samples = read_samples(paths, partial=partial)
    models = list(dict.fromkeys(samples["model"]))
    if model is not None:
        if model not in models:
            raise LogError(f"model {model!r} not in the logs; found: {', '.join(models)}")
        samples = samples.loc[samples["model"] == model]
    elif len(models) > 1:
        raise LogError(f"the logs hold several models ({', '.join(models)}); choose one")
    counts = counts_from_samples(samples)
    counts = counts.loc[counts["n"] > 0]
    if counts.empty:
        raise LogError("no per-sample-graded rollouts in the logs")
    return validate_counts(counts, "logs")
