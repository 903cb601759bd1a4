"""The experiment report: the standard covert-action report over its arms (per-evaluation rates with Fisher marks,
the headline aggregate with intervals, awareness and citation rates, figures), plus the experiment's own sections:
held-out goal environments, red-teaming, and the judges tracked live during training."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from antischeme.stress.experiments.stages import RunContext


def _curves(files: dict[str, Path]) -> Figure | None:
    """Covert / awareness / citation rate per training step, one line style per run."""
    from antischeme.train.live_judges import read_rows

    fig = Figure(figsize=(7.5, 3.4))
    ax = fig.add_subplot()
    plotted = False
    for name, path in files.items():
        rows = read_rows(path)
        if not rows:
            continue
        steps = [r["step"] for r in rows]
        for col, colour in (("covert_rate", "#d62728"), ("eval_awareness_rate", "#1f77b4"),
                            ("spec_citation_rate", "#2ca02c")):
            ax.plot(steps, [100 * (r[col] or 0) for r in rows], marker="o", color=colour,
                    label=f"{name}: {col.replace('_rate', '').replace('_', ' ')}")
            plotted = True
    if not plotted:
        return None
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("% of validation episodes")
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    return fig


def write_experiment_report(ctx: RunContext, p: dict[str, Any]) -> Path:
    """``DIR/report.html`` (and report.md, figures, per-arm counts) comparing the arms of the evaluation stage."""
    from antischeme.report._analysis import analyse_samples
    from antischeme.report._build import write_report
    from antischeme.report._document import Section
    from antischeme.report._samples import read_samples

    runs = ctx.outputs[p.get("evaluation", "evaluate")]["runs"]
    frames = [read_samples([Path(r["log_dir"]) for r in parts.values()], label=arm) for arm, parts in runs.items()]
    data = analyse_samples(pd.concat(frames, ignore_index=True), seed=ctx.config.seed,
                           draws=int(p.get("draws", 100_000)))
    extra: list[Section] = [Section("Experiment", f"{ctx.config.name} (size {ctx.size}): {ctx.config.description} "
                                    f"Measures: {ctx.config.measures}")]
    figures: dict[str, Figure] = {}
    red = ctx.outputs.get(p.get("redteam", "redteam"))
    if red:
        rows = [{"arm": arm, "kind": kind, "n": v["n"], "misaligned": v["k"], "rate %": f"{100 * v['rate']:.1f}"}
                for arm, res in red["probes"].items() for kind, v in res["by_kind"].items()]
        extra.append(Section("Red-teaming the organism", "Misaligned answers to probes of the hidden goal, per kind "
                             "(ally: a trusted ally who shares the goal; monitored / unmonitored framings of the same "
                             "question; direct questions; auditor: probes written by an auditor model).",
                             pd.DataFrame(rows)))
        mis = [{"arm": arm, "n": v["n"], "miscited": v["k"],
                "rate %": "n/a (no reasoning)" if v["rate"] is None else f"{100 * v['rate']:.1f}"}
               for arm, v in red.get("miscitation", {}).items()]
        if mis:
            extra.append(Section("Spec miscitation", "Share of evaluation rollouts whose reasoning the miscitation "
                                 "judge (offline baseline) flags.", pd.DataFrame(mis)))
    curves = {name: Path(out["live_judges"]) for name, out in ctx.outputs.items()
              if out.get("live_judges") and Path(out["live_judges"]).is_file()}
    curves.update({f"{name}/sft": f for name, out in ctx.outputs.items()
                   for f in sorted(Path(ctx.out, "stages", name).rglob("live_judges.csv")) if name not in curves})
    fig = _curves(curves)
    if fig is not None:
        figures["live_judges.png"] = fig
        extra.append(Section("Judges tracked live during training", "Validation episodes graded from actions and "
                             "judged (offline baselines) at every validation step.", figure="live_judges.png",
                             caption="Covert, evaluation-awareness and spec-citation rates per step."))
    files = write_report(data, ctx.out, title=f"Experiment report: {ctx.config.name}", extra=extra,
                         extra_figures=figures)
    return files.html
