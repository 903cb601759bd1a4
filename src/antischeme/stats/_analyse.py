"""From counts tables to the full statistics: per-eval posteriors, aggregates, Fisher tests, differences."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from antischeme.stats._counts import EXTRA_COLUMNS
from antischeme.stats._fisher import fisher_pvalues
from antischeme.stats._headline import HeadlineSelection, select_headline
from antischeme.stats._montecarlo import DEFAULT_DRAWS, aggregate_draws, seed_for, summarise, summarise_difference
from antischeme.stats._posterior import with_posterior
from antischeme.stats._results import ComparedRate, Comparison, EvalRate, StatsResult


def common_headline(tables: Sequence[pd.DataFrame], requested: Sequence[str] | None = None) -> HeadlineSelection:
    """The headline rows present in every table (so aggregates of several models are comparable)."""
    present = set.intersection(*(set(t["eval"]) for t in tables))
    return select_headline(present, requested)


def headline_draws(
    counts: pd.DataFrame, evals: Sequence[str], *, seed: int, index: int = 0, draws: int = DEFAULT_DRAWS
) -> np.ndarray:
    """Aggregate draws over ``evals`` of one counts table; ``index`` numbers the model under the shared seed."""
    rows = counts.set_index("eval").loc[list(evals)]
    return aggregate_draws(rows["n"].to_numpy(), rows["k"].to_numpy(), seed=seed_for(seed, index), draws=draws)


def eval_rates(counts: pd.DataFrame, headline: Sequence[str]) -> pd.DataFrame:
    """Counts with observed rate, posterior mean/lo/hi and a ``headline`` flag."""
    out = with_posterior(counts)
    out["headline"] = out["eval"].isin(list(headline))
    return out


def with_fisher(after: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """``after`` with a ``fisher_p`` column against ``before`` (NaN where ``before`` lacks the evaluation)."""
    joined = after.merge(before[["eval", "n", "k"]], on="eval", how="left", suffixes=("", "_before"))
    p = np.full(len(joined), np.nan)
    both = joined["n_before"].notna().to_numpy()
    if both.any():
        sub = joined.loc[both]
        p[both] = fisher_pvalues(sub["n_before"], sub["k_before"], sub["n"], sub["k"])
    out = after.reset_index(drop=True).copy()
    out["fisher_p"] = p
    return out


def _none_if_nan(x: float) -> float | None:
    return None if pd.isna(x) else float(x)


def _records(frame: pd.DataFrame, source: pd.DataFrame | None = None) -> list[dict]:
    """Rows as dicts (NaN → None), with ``source``'s undecided/errored counts per eval when it has them."""
    records = frame.to_dict("records")
    for column in EXTRA_COLUMNS:
        if source is not None and column in source.columns:
            by_eval = dict(zip(source["eval"], source[column].astype(int), strict=True))
            for r in records:
                r[column] = by_eval.get(r["eval"])
    for r in records:
        for key in ("rate", "fisher_p"):
            if key in r:
                r[key] = _none_if_nan(r[key])
    return records


def analyse_counts(
    counts: pd.DataFrame,
    compare: pd.DataFrame | None = None,
    *,
    headline: Sequence[str] | None = None,
    seed: int = 0,
    draws: int = DEFAULT_DRAWS,
) -> StatsResult:
    """Everything ``antischeme stats`` reports for one model, or two with ``compare``."""
    tables = [counts] if compare is None else [counts, compare]
    selection = common_headline(tables, headline)
    first = headline_draws(counts, selection.evals, seed=seed, index=0, draws=draws)
    result = StatsResult(
        aggregate=summarise(first),
        per_eval=[EvalRate(**r) for r in _records(eval_rates(counts, selection.evals), counts)],
        headline=list(selection.evals),
        missing_headline=list(selection.missing),
        seed=seed,
        draws=draws,
    )
    if compare is not None:
        second = headline_draws(compare, selection.evals, seed=seed, index=1, draws=draws)
        rates = with_fisher(eval_rates(compare, selection.evals), counts)
        result.compare = Comparison(
            aggregate=summarise(second),
            per_eval=[ComparedRate(**r) for r in _records(rates, compare)],
            difference=summarise_difference(first, second),
        )
    return result
