"""The interventions section: covert rate per arm (clustered intervals, tests) and a paired figure.

The figure pairs each base rollout with its own continuations: one faint line per base rollout joins its covert
outcome (0 or 1) to the covert share of its continuations in each intervention arm; the pooled rate of every arm
and its 95% clustered interval are drawn on top.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from antischeme.report._document import Section

ORDER = ("base", "ablated", "injected", "control")
_COLOURS = {"base": "#555555", "ablated": "#c0392b", "injected": "#2471a3", "control": "#7d8c2e"}


def load_intervention(folder: Path) -> tuple[dict, dict[str, pd.DataFrame]]:
    """``intervention.json`` and each arm's records (one row per rollout) of an ``intervene --out`` folder."""
    summary_path = folder / "intervention.json"
    if not summary_path.exists():
        raise FileNotFoundError(f"{folder}: no intervention.json (run `antischeme intervene … --out {folder}`)")
    summary = json.loads(summary_path.read_text())
    arms = {}
    for name in ORDER:
        path = folder / "arms" / f"{name}.jsonl"
        if path.exists():
            rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
            frame = pd.DataFrame(rows)
            if not frame.empty:
                frame["cluster"] = frame["base"] if name == "base" else frame["base_sample"]
                arms[name] = frame
    return summary, arms


def paired_figure(summary: dict, arms: dict[str, pd.DataFrame], title: str) -> Figure:
    present = [a for a in ORDER if a in arms]
    fig = Figure(figsize=(1.9 * len(present) + 2.0, 3.6))
    ax = fig.add_subplot()
    per_cluster = {a: arms[a].groupby("cluster")["covert"].mean() for a in present}
    rng = np.random.default_rng(0)
    if "base" in per_cluster:
        base = per_cluster["base"]
        for cluster, y0 in base.items():
            ys = [y0] + [per_cluster[a].get(cluster, np.nan) for a in present[1:]]
            jitter = rng.normal(0, 0.012, len(ys))
            ax.plot(range(len(present)), np.array(ys, dtype=float) + jitter, color="#999999", alpha=0.25, lw=0.8)
    rates = {a["arm"]: a for a in summary["arms"]}
    for x, arm in enumerate(present):
        r = rates[arm]
        ax.errorbar([x], [r["rate"]], yerr=[[max(0.0, r["rate"] - r["lo"])], [max(0.0, r["hi"] - r["rate"])]], fmt="o", ms=8,
                    color=_COLOURS[arm], capsize=6, lw=2, zorder=3)
        ax.annotate(f"{100 * r['rate']:.1f}%\n{r['k']}/{r['n']}", (x, r["hi"]), textcoords="offset points",
                    xytext=(0, 6), ha="center", fontsize=8)
    ax.set_xticks(range(len(present)), present)
    ax.set_xlim(-0.5, len(present) - 0.5)
    ax.set_ylim(-0.05, 1.15)
    ax.set_ylabel("covert action rate")
    ax.set_title(title, fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    return fig


def intervention_section(folder: Path, figure_name: str) -> tuple[Section, Figure]:
    """The report section of one intervention folder, and its paired figure (saved as ``figure_name``)."""
    summary, arms = load_intervention(folder)
    kind = "Ablation" if "ablated" in arms else "Injection"
    table = pd.DataFrame([{"arm": a["arm"], "k/n": f"{a['k']}/{a['n']}", "covert rate": f"{100 * a['rate']:.1f}%",
                           "95% interval": f"[{100 * a['lo']:.1f}, {100 * a['hi']:.1f}]",
                           "base rollouts": summary.get("clusters", {}).get(a["arm"], "")}
                          for a in summary["arms"]])
    tests = "; ".join(f"{t['a']} vs {t['b']}: p = {t['p_value']:.3g}" for t in summary["tests"])
    fails = len(summary.get("failures", []))
    text = (f"{kind} of verbalised evaluation awareness ({folder.name}; base = the {summary.get('base')} base "
            "rollouts). Intervals: 95% Wilson at the effective sample size (design effect from a cluster bootstrap "
            f"over base rollouts); tests: cluster permutation ({tests}).")
    if fails:
        text += f" {fails} continuations failed (listed in intervention.json) and are not counted."
    fig = paired_figure(summary, arms, f"{kind}: covert rate per arm, paired by base rollout")
    return Section(f"Intervention: {kind.lower()} ({folder.name})", text, table, figure_name,
                   "Each grey line joins one base rollout to its continuations; dots: pooled rate, 95% interval."), fig
