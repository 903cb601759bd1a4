"""The paper's Figure 9 as a table of strings: one row per eval, one column per label, before → after marks."""

from __future__ import annotations

import math

import pandas as pd

from antischeme.report._analysis import ReportData
from antischeme.stats import significance_mark

NOT_IN_AGGREGATE = "†"
SIGNIFICANCE_LEGEND = (  # non-breaking spaces, so wrapped text never splits a threshold
    "Fisher's exact test against the first column: * p\u00a0<\u00a0.05, ** p\u00a0<\u00a0.01, "
    "*** p\u00a0<\u00a0.001."
)


def _pct(x: float | None) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.1f}"


def _cell(rate: float | None, base: float | None, p: float | None, first: bool) -> str:
    if rate is None:
        return "—"
    if first or base is None:
        return _pct(rate)
    mark = significance_mark(p)
    return f"{_pct(base)} → {_pct(rate)}" + (f" {mark}" if mark else "")


def _lookup(data: ReportData) -> dict[tuple[str, str], dict]:
    return {(r["label"], r["eval"]): r for r in data.rates.to_dict("records")}


def _observed(row: dict | None) -> float | None:
    if row is None or pd.isna(row["rate"]):
        return None
    return float(row["rate"])


def figure9_table(data: ReportData) -> pd.DataFrame:
    """Display strings (rates in %): ``Evaluation`` plus one column per label; the last row is the aggregate."""
    rows = _lookup(data)
    labels = [lab for lab in data.labels if any(key[0] == lab for key in rows)]
    base_label = labels[0] if labels else None
    body: list[dict[str, str]] = []
    for ev in data.evals.to_dict("records"):
        line = {"Evaluation": ev["title"] + ("" if ev["headline"] else f" {NOT_IN_AGGREGATE}")}
        base = _observed(rows.get((base_label, ev["eval"])))
        for i, label in enumerate(labels):
            row = rows.get((label, ev["eval"]))
            p = None if row is None or pd.isna(row["fisher_p"]) else float(row["fisher_p"])
            line[label] = _cell(_observed(row), base, p, first=i == 0)
        body.append(line)
    if data.aggregates:
        n_rows = len(data.selection.evals) if data.selection else 0
        line = {"Evaluation": f"Aggregate ({n_rows} eval{'s' if n_rows != 1 else ''})"}
        first = data.aggregates.get(base_label) if base_label else None
        for i, label in enumerate(labels):
            agg = data.aggregates.get(label)
            if agg is None:
                line[label] = "—"
            elif i == 0 or first is None:
                line[label] = _pct(agg.mean)
            else:
                line[label] = f"{_pct(first.mean)} → {_pct(agg.mean)}"
        body.append(line)
    return pd.DataFrame(body, columns=["Evaluation", *labels])


def aggregate_table(data: ReportData) -> pd.DataFrame:
    """Per label: aggregate mean [95% CI] (%), and the difference from the first label with P(difference > 0)."""
    records = []
    for label, agg in data.aggregates.items():
        diff = data.differences.get(label)
        records.append(
            {
                "Label": label,
                "Model": ", ".join(data.models.get(label, [])),
                "Aggregate % [95% CI]": f"{_pct(agg.mean)} [{_pct(agg.lo)}, {_pct(agg.hi)}]",
                "First − this, pp [95% CI]": "—" if diff is None else
                f"{100 * diff.mean:+.2f} [{100 * diff.lo:+.2f}, {100 * diff.hi:+.2f}]",
                "P(first − this > 0)": "—" if diff is None else f"{diff.p_positive:.4f}",
            }
        )
    return pd.DataFrame(records)


def detail_table(data: ReportData) -> pd.DataFrame:
    """Every (label, eval): k/n, observed %, posterior mean % [95% CI], Fisher p against the first label."""
    order = {e: i for i, e in enumerate(data.evals["eval"])}
    titles = dict(zip(data.evals["eval"], data.evals["title"], strict=True))
    frame = data.rates.assign(_o=data.rates["eval"].map(order), _l=data.rates["label"].map(data.labels.index))
    records = []
    for r in frame.sort_values(["_o", "_l"]).to_dict("records"):
        p = r["fisher_p"]
        records.append(
            {
                "Evaluation": titles.get(r["eval"], r["eval"]),
                "Label": r["label"],
                "k/n": f"{r['k']}/{r['n']}",
                "Observed %": _pct(r["rate"]),
                "Posterior % [95% CI]": f"{_pct(r['mean'])} [{_pct(r['lo'])}, {_pct(r['hi'])}]",
                "Fisher p": "—" if pd.isna(p) else f"{p:.3g} {significance_mark(p)}".rstrip(),
            }
        )
    return pd.DataFrame(records)


def rate_summary(frame: pd.DataFrame, group: str | None) -> pd.DataFrame:
    """A secondary-rate table for display: label, group, k/n, posterior mean % [95% CI]."""
    records = []
    for r in frame.to_dict("records"):
        line = {"Label": r.get("label", "")}
        if group is not None:
            line[group.replace("_", " ").capitalize()] = str(r[group])
        line["k/n"] = f"{r['k']}/{r['n']}"
        line["Observed %"] = _pct(r["rate"])
        line["Posterior % [95% CI]"] = f"{_pct(r['mean'])} [{_pct(r['lo'])}, {_pct(r['hi'])}]"
        records.append(line)
    return pd.DataFrame(records)
