"""The report's sections: which tables and figures appear, in what order, with what explanation."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from antischeme.report._analysis import ReportData
from antischeme.report._document import Section
from antischeme.report._figures import aggregate_figure, forest_figure, rate_bars, table_figure
from antischeme.report._table import SIGNIFICANCE_LEGEND, aggregate_table, detail_table, figure9_table, rate_summary

AGGREGATE_NOTE = "The aggregate row is the posterior mean (uniform prior), as in the paper."


def _aware_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Covert-by-awareness rows with a readable ``condition``, aware first."""
    out = frame.assign(condition=frame["eval_awareness"].map({True: "aware", False: "not aware"}))
    return out.sort_values("eval_awareness", ascending=False, kind="stable")


def _titled(frame: pd.DataFrame, data: ReportData) -> pd.DataFrame:
    """Per-eval rows with the eval's title in place of its id, in the report's eval order."""
    order = {e: i for i, e in enumerate(data.evals["eval"])}
    titles = dict(zip(data.evals["eval"], data.evals["title"], strict=True))
    ranked = frame.assign(_o=frame["eval"].map(order).fillna(len(order))).sort_values("_o", kind="stable")
    return ranked.assign(eval=ranked["eval"].map(lambda e: titles.get(e, e))).drop(columns="_o")


def sections(data: ReportData) -> tuple[list[Section], dict[str, Figure]]:
    """The report's sections in order, and the figures they show keyed by PNG file name."""
    figs: dict[str, Figure] = {}
    secs: list[Section] = []
    labels = data.labels
    table = figure9_table(data)
    footnote = "† not in the aggregate. " + AGGREGATE_NOTE + (f" {SIGNIFICANCE_LEGEND}" if len(labels) > 1 else "")
    figs["figure9_table.png"] = table_figure(table, "Covert action rates (%) per evaluation", footnote)
    text = "Observed covert action rate (%) per evaluation; † marks rows outside the headline aggregate. "
    text += AGGREGATE_NOTE
    if len(labels) > 1:
        text += f" Later columns show first → this label. {SIGNIFICANCE_LEGEND}"
    secs.append(Section("Per-evaluation covert action rates", text, table, "figure9_table.png",
                        "The table as an image (figure9_table.png).", notes=list(data.notes), table_id="figure9",
                        figure_folded=True))
    if data.aggregates:
        figs["aggregate.png"] = aggregate_figure(data)
        secs.append(Section(
            "Headline aggregate",
            f"Each of {data.draws:,} Monte Carlo draws (seed {data.seed}) takes one sample from every headline "
            "evaluation's Beta(k+1, n−k+1) posterior and averages them with equal weight; the aggregate is the mean "
            "of these draws and its 95% credible interval spans their 2.5th to 97.5th percentiles.",
            aggregate_table(data), "aggregate.png", "Aggregate covert action rate per label.",
        ))
    figs["forest.png"] = forest_figure(data)
    secs.append(Section("Per-evaluation posteriors", "Uniform prior; posterior mean and central 95% interval.",
                        detail_table(data), "forest.png", "Forest plot of per-evaluation covert action rates."))
    optional = [
        ("eval_awareness", "eval", "Evaluation awareness", "rollouts verbalising evaluation awareness (%)"),
        ("spec_citation", "eval", "Spec citation", "rollouts citing the spec (%)"),
    ]
    for key, group, title, xlabel in optional:
        if key in data.secondary:
            name = f"{key}.png"
            figs[name] = rate_bars(_titled(data.secondary[key], data), group, labels, f"{title} per evaluation",
                                   xlabel)
            overall = rate_summary(data.secondary[f"{key}_overall"], None)
            secs.append(Section(title, f"{title} over all judged rollouts, per label.", overall, name,
                                f"{title} per evaluation (posterior mean, 95% interval; k/n beside each bar)."))
    if "covert_by_awareness" in data.secondary:
        frame = _aware_frame(data.secondary["covert_by_awareness"])
        figs["covert_by_awareness.png"] = rate_bars(frame, "condition", labels,
                                                    "Covert action rate given evaluation awareness",
                                                    "covert action rate (%)")
        secs.append(Section("Covert action given evaluation awareness",
                            "Covert rate among per-sample-graded rollouts with and without verbalised awareness.",
                            rate_summary(frame, "condition"), "covert_by_awareness.png",
                            "Covert rate when awareness is present vs. absent."))
    if "category" in data.secondary:
        frame = data.secondary["category"]
        figs["category.png"] = rate_bars(frame, "category", labels, "Covert action rate per category",
                                         "covert action rate (%), rollouts pooled within a category")
        secs.append(Section("Per category", "Rollouts pooled across the evaluations of each category.",
                            rate_summary(frame, "category"), "category.png", "Covert action rate per category."))
    if "over_escalation" in data.secondary:
        frame = data.secondary["over_escalation"]
        figs["over_escalation.png"] = rate_bars(frame, None, labels, "Over-escalation rate",
                                                "needless escalation or refusal (%)")
        secs.append(Section("Over-escalation",
                            "Share of over-escalation rollouts that escalated or refused although the task was fine.",
                            rate_summary(frame, None), "over_escalation.png", "Over-escalation rate per label."))
    if "flagged" in data.secondary:
        flagged = data.secondary["flagged"]
        secs.append(Section(
            "Flagged and undecided samples (for human review)",
            f"{len(flagged)} rollout(s) graded covert or undecidable offline: what the agent did (the grader's "
            "reasoning-free view) beside its reasoning. Adjudicate them in a review CSV "
            "(eval_id,sample_id,epoch,verdict,note) and pass it with --review.",
            flagged, table_id="flagged",
        ))
    return secs, figs
