"""The numbers behind the report: per-eval posteriors per label, aggregates, Fisher tests, secondary rates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from antischeme.report._counts import counts_by_label
from antischeme.report._inputs import label_order
from antischeme.report._samples import LogError
from antischeme.stats import (
    DEFAULT_DRAWS,
    HEADLINE_EVALS,
    Difference,
    HeadlineError,
    HeadlineSelection,
    Interval,
    awareness_rate,
    common_headline,
    covert_by_awareness,
    covert_by_category,
    eval_rates,
    headline_draws,
    over_escalation_rate,
    spec_citation_rate,
    summarise,
    summarise_difference,
    with_fisher,
)


@dataclass
class ReportData:
    """Everything the tables and figures show. Rates are fractions; the first label is the baseline."""

    labels: list[str]
    models: dict[str, list[str]]
    samples: pd.DataFrame
    rates: pd.DataFrame
    """One row per (label, eval): n, k, rate, mean, lo, hi, headline, fisher_p (vs. the first label)."""
    evals: pd.DataFrame
    """One row per eval in display order: eval, title, category, headline."""
    selection: HeadlineSelection | None
    aggregates: dict[str, Interval]
    differences: dict[str, Difference]
    """For each later label: first label − this label."""
    secondary: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seed: int = 0
    draws: int = DEFAULT_DRAWS


def _has(samples: pd.DataFrame, column: str) -> bool:
    return column in samples.columns and bool(samples[column].notna().any())


def secondary_rates(samples: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The conditional and secondary rate tables the data supports, keyed by name."""
    out: dict[str, pd.DataFrame] = {}
    if _has(samples, "eval_awareness"):
        out["eval_awareness"] = awareness_rate(samples, ["label", "eval"])
        out["eval_awareness_overall"] = awareness_rate(samples, ["label"])
        by_awareness = covert_by_awareness(samples, ["label"])
        if not by_awareness.empty:
            out["covert_by_awareness"] = by_awareness
    if _has(samples, "spec_citation"):
        out["spec_citation"] = spec_citation_rate(samples, ["label", "eval"])
        out["spec_citation_overall"] = spec_citation_rate(samples, ["label"])
    if _has(samples, "category"):
        by_category = covert_by_category(samples, ["label"])
        if not by_category.empty:
            out["category"] = by_category
    escalation = over_escalation_rate(samples, ["label"])
    if not escalation.empty:
        out["over_escalation"] = escalation
    return out


def _eval_table(samples: pd.DataFrame, rates: pd.DataFrame, in_aggregate: Sequence[str]) -> pd.DataFrame:
    info = samples.drop_duplicates("eval").set_index("eval")
    names = sorted(set(rates["eval"]))
    order = [e for e in HEADLINE_EVALS if e in in_aggregate]
    order += sorted(e for e in in_aggregate if e not in HEADLINE_EVALS)
    order += [e for e in names if e not in order]
    return pd.DataFrame(
        {
            "eval": order,
            "title": [info.at[e, "title"] if e in info.index else e for e in order],
            "category": [info.at[e, "category"] if e in info.index else None for e in order],
            "headline": [e in in_aggregate for e in order],
        }
    )


def analyse_samples(
    samples: pd.DataFrame,
    *,
    headline: Sequence[str] | None = None,
    seed: int = 0,
    draws: int = DEFAULT_DRAWS,
) -> ReportData:
    """Compute the report's numbers from a labelled sample table (see ``read_samples``)."""
    labels = label_order(samples)
    models = {lab: list(dict.fromkeys(samples.loc[samples["label"] == lab, "model"])) for lab in labels}
    counts = {lab: c for lab, c in counts_by_label(samples).items() if not c.empty}
    if not counts:
        raise LogError("no per-sample-graded covert-action rollouts in the logs; nothing to tabulate")
    notes: list[str] = []
    ungraded = [lab for lab in labels if lab not in counts]
    if ungraded:
        notes.append(f"no per-sample-graded rollouts for: {', '.join(ungraded)}")
    aggregate_only = sorted(set(samples["eval"]) - set().union(*(set(c["eval"]) for c in counts.values())))
    if aggregate_only:
        notes.append(f"not in per-sample rates (graded in aggregate or over-escalation): {', '.join(aggregate_only)}")

    selection: HeadlineSelection | None = None
    try:
        selection = common_headline(list(counts.values()), headline)
    except HeadlineError:
        if headline is not None:
            raise
        notes.append("no headline evaluation is present for every label, so no aggregate; "
                     "pass --headline to choose rows")
    if selection is not None and selection.warning():
        notes.insert(0, str(selection.warning()))
    chosen = selection.evals if selection else ()

    aggregates: dict[str, Interval] = {}
    differences: dict[str, Difference] = {}
    frames: list[pd.DataFrame] = []
    first_draws = None
    baseline = next(iter(counts))
    for index, label in enumerate(labels):
        if label not in counts:
            continue
        rates = eval_rates(counts[label], chosen)
        if label != baseline:
            rates = with_fisher(rates, counts[baseline])
        else:
            rates["fisher_p"] = float("nan")
        frames.append(rates.assign(label=label))
        if selection is not None:
            drawn = headline_draws(counts[label], chosen, seed=seed, index=index, draws=draws)
            aggregates[label] = summarise(drawn)
            if first_draws is None:
                first_draws = drawn
            else:
                differences[label] = summarise_difference(first_draws, drawn)
    rates = pd.concat(frames, ignore_index=True)
    return ReportData(
        labels=labels,
        models=models,
        samples=samples,
        rates=rates,
        evals=_eval_table(samples, rates, chosen),
        selection=selection,
        aggregates=aggregates,
        differences=differences,
        secondary=secondary_rates(samples),
        notes=notes,
        seed=seed,
        draws=draws,
    )
