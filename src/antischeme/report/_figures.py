"""Matplotlib figures of the report (object API on the Agg canvas; no pyplot state)."""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from antischeme.report._analysis import ReportData

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f")
DECREASE, INCREASE, HEADER = "#d9f0d3", "#f8d5d0", "#e8e8e8"


def label_colours(labels: list[str]) -> dict[str, str]:
    return {lab: PALETTE[i % len(PALETTE)] for i, lab in enumerate(labels)}


def _offsets(count: int, spread: float = 0.6) -> np.ndarray:
    if count == 1:
        return np.zeros(1)
    return np.linspace(-spread / 2, spread / 2, count)


def _interval_rows(ax: Axes, y: np.ndarray, frame: pd.DataFrame, colour: str, label: str, marker: str) -> None:
    mean, lo, hi = (100 * frame[c].to_numpy(dtype=float) for c in ("mean", "lo", "hi"))
    ax.errorbar(mean, y, xerr=[mean - lo, hi - mean], fmt=marker, color=colour, ecolor=colour,
                elinewidth=1.4, capsize=2.5, markersize=5, label=label)


def table_figure(table: pd.DataFrame, title: str, footnote: str = "") -> Figure:
    """The Figure-9 table drawn as an image; significant decreases green, increases red."""
    n_rows, n_cols = table.shape
    chars = np.array([max([len(str(c))] + [len(str(v)) for v in table[c]]) + 3 for c in table.columns], float)
    width = max(0.5 + 0.078 * chars.sum(), 5.0)
    lines = textwrap.wrap(footnote, width=int(width / 0.062)) if footnote else []
    foot = 0.15 + 0.16 * len(lines)
    fig = Figure(figsize=(width, 0.6 + foot + 0.3 * (n_rows + 1)), dpi=130)
    height = fig.get_figheight()
    ax = fig.add_axes((0.01, foot / height, 0.98, 1 - (0.55 + foot) / height))
    if lines:
        fig.text(0.01, 0.08 / height, "\n".join(lines), fontsize=7.5, color="#444444", va="bottom")
    ax.axis("off")
    ax.set_title(title, fontsize=11, fontweight="bold")
    drawn = ax.table(cellText=table.to_numpy(), colLabels=list(table.columns), colWidths=list(chars / chars.sum()),
                     bbox=(0, 0, 1, 1), cellLoc="center")
    drawn.auto_set_font_size(False)
    drawn.set_fontsize(8.5)
    for (r, c), cell in drawn.get_celld().items():
        cell.set_edgecolor("#bbbbbb")
        if r == 0:
            cell.set_facecolor(HEADER)
            cell.set_text_props(fontweight="bold")
        if c == 0 and r > 0:
            cell.set_text_props(ha="left")
            cell.PAD = 0.02
        found = re.match(r"([\d.]+) → ([\d.]+) \*", cell.get_text().get_text())
        if r > 0 and found:
            cell.set_facecolor(DECREASE if float(found.group(2)) < float(found.group(1)) else INCREASE)
        if r == n_rows and str(table.iloc[-1, 0]).startswith("Aggregate"):
            cell.set_text_props(fontweight="bold")
    return fig


def forest_figure(data: ReportData) -> Figure:
    """Per-eval posterior means with 95% credible intervals, one marker per label."""
    evals = list(data.evals["eval"])
    titles = [t if h else f"{t} †" for t, h in zip(data.evals["title"], data.evals["headline"], strict=True)]
    labels = [lab for lab in data.labels if lab in set(data.rates["label"])]
    colours = label_colours(data.labels)
    fig = Figure(figsize=(8.5, 1.3 + len(evals) * (0.16 + 0.12 * len(labels))), dpi=130)
    ax = fig.add_subplot()
    base_y = np.arange(len(evals))[::-1].astype(float)
    position = dict(zip(evals, base_y, strict=True))
    for offset, label in zip(_offsets(len(labels)), labels, strict=True):
        rows = data.rates.loc[data.rates["label"] == label]
        y = rows["eval"].map(position).to_numpy() - offset
        _interval_rows(ax, y, rows, colours[label], label, "o")
    ax.set_yticks(base_y, titles, fontsize=8.5)
    ax.set_ylim(-0.7, len(evals) - 0.3)
    ax.set_xlim(left=0)
    ax.set_xlabel("covert action rate (%) — posterior mean, 95% credible interval")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for y in base_y[::2]:
        ax.axhspan(y - 0.5, y + 0.5, color="#f4f4f4", zorder=0)
    in_aggregate = int(data.evals["headline"].sum())
    if 0 < in_aggregate < len(evals):
        ax.axhline(base_y[in_aggregate - 1] - 0.5, color="#888888", linewidth=0.8, linestyle="--")
    _outside_legend(ax)
    marked = "" if all(data.evals["headline"]) else " († not in the aggregate)"
    ax.set_title(f"Covert action rate per evaluation{marked}", loc="left", fontsize=11)
    fig.tight_layout()
    return fig


def aggregate_figure(data: ReportData) -> Figure:
    """The headline aggregate per label: mean and 95% credible interval, annotated."""
    labels = list(data.aggregates)
    colours = label_colours(data.labels)
    fig = Figure(figsize=(7.5, 1.3 + 0.45 * len(labels)), dpi=130)
    ax = fig.add_subplot()
    ys = np.arange(len(labels))[::-1].astype(float)
    right = max(100 * a.hi for a in data.aggregates.values())
    for y, label in zip(ys, labels, strict=True):
        agg = data.aggregates[label]
        frame = pd.DataFrame([agg.model_dump()])
        _interval_rows(ax, np.array([y]), frame, colours[label], label, "D")
        text = f"{100 * agg.mean:.1f}% [{100 * agg.lo:.1f}, {100 * agg.hi:.1f}]"
        if 100 * agg.hi * 1.45 > 100:  # no room on the right inside a 0-100% axis: label on the left
            ax.annotate(text, (100 * agg.lo, y), xytext=(-6, 0), textcoords="offset points", va="center",
                        ha="right", fontsize=8.5)
        else:
            ax.annotate(text, (100 * agg.hi, y), xytext=(6, 0), textcoords="offset points", va="center",
                        fontsize=8.5)
    ax.set_yticks(ys, labels, fontsize=9)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ax.set_xlim(0, min(100.0, max(1.0, right) * 1.45))  # rates never exceed 100%
    count = len(data.selection.evals) if data.selection else 0
    ax.set_xlabel("aggregate covert action rate (%) — mean, 95% credible interval")
    ax.set_title(f"Headline aggregate over {count} evaluations (equal weight, {data.draws:,} draws)",
                 loc="left", fontsize=11)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    fig.tight_layout()
    return fig


def rate_bars(frame: pd.DataFrame, group: str | None, labels: list[str], title: str, xlabel: str) -> Figure:
    """Horizontal bars of posterior means with 95% intervals and k/n beside each bar.

    With ``group`` one block of bars per group value (in first-seen order), one bar per label;
    without, one bar per label.
    """
    colours = label_colours(labels)
    present = [lab for lab in labels if lab in set(frame["label"])]
    groups = present if group is None else list(dict.fromkeys(frame[group].astype(str)))
    per_group = 1 if group is None else len(present)
    height = 0.8 / per_group
    fig = Figure(figsize=(8.0, 1.3 + len(groups) * (0.14 + 0.15 * per_group)), dpi=130)
    ax = fig.add_subplot()
    base_y = np.arange(len(groups))[::-1].astype(float)
    offsets = np.zeros(len(present)) if group is None else _offsets(len(present), 0.8 - height)
    for offset, label in zip(offsets, present, strict=True):
        rows = frame.loc[frame["label"] == label]
        keys = [label] * len(rows) if group is None else rows[group].astype(str).tolist()
        y = np.array([base_y[groups.index(key)] for key in keys]) - offset
        mean, lo, hi = (100 * rows[c].to_numpy(dtype=float) for c in ("mean", "lo", "hi"))
        ax.barh(y, mean, height=height * 0.9, color=colours[label], alpha=0.85, label=label,
                xerr=[mean - lo, hi - mean], error_kw={"elinewidth": 1.1, "capsize": 2.5, "ecolor": "#333333"})
        for yy, h, k, n in zip(y, hi, rows["k"], rows["n"], strict=True):
            ax.annotate(f"{k}/{n}", (h, yy), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7)
    ax.set_yticks(base_y, groups, fontsize=8.5)
    ax.set_ylim(-0.6, len(groups) - 0.4)
    ax.set_xlim(0, min(100.0, max(5.0, 100 * float(frame["hi"].max()) * 1.2)))
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=11)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if group is not None:
        _outside_legend(ax)
    fig.tight_layout()
    return fig


def _outside_legend(ax: Axes) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
