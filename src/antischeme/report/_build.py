"""Assemble the report: numbers → tables and figures → report.html, report.md, PNGs and per-label counts."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from antischeme.report._analysis import ReportData, analyse_samples
from antischeme.report._counts import counts_by_label
from antischeme.report._document import Section, render_html, render_markdown
from antischeme.report._interventions import intervention_section
from antischeme.report._sections import sections
from antischeme.stats import DEFAULT_DRAWS

TITLE = "Covert action evaluation report"


@dataclass(frozen=True)
class ReportFiles:
    """What was written."""

    html: Path
    markdown: Path
    figures: list[Path]
    counts: list[Path]


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _write(path: Path, content: str | bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if isinstance(content, bytes):
        tmp.write_bytes(content)
    else:
        tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)


def _safe(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", label).strip("_") or "label"


def _describe(data: ReportData, label: str) -> str:
    models = data.models[label]
    rollouts = int((data.samples["label"] == label).sum())
    named = label if models == [label] else f"{label}: {', '.join(models)}"
    return f"{named} ({rollouts} rollouts)"


def write_report(data: ReportData, out: Path, interventions: Sequence[Path] = (), *, title: str = TITLE,
                 extra: Sequence[Section] = (), extra_figures: dict[str, Figure] | None = None) -> ReportFiles:
    """Write report.html, report.md, the PNG figures and counts_<label>.csv into ``out`` (plus one section per
    ``antischeme intervene`` output folder); ``extra`` sections (and the figures they show) follow the standard ones
    (e.g. an experiment's red-team and training-curve sections)."""
    out.mkdir(parents=True, exist_ok=True)
    parts, figures = sections(data)
    for i, folder in enumerate(interventions):
        section, figures[f"intervention_{i + 1}.png"] = intervention_section(folder, f"intervention_{i + 1}.png")
        parts.append(section)
    parts, figures = [*parts, *extra], {**figures, **(extra_figures or {})}
    images = {name: _png(fig) for name, fig in figures.items()}
    for name, blob in images.items():
        _write(out / name, blob)
    meta = [_describe(data, lab) for lab in data.labels]
    html_path, md_path = out / "report.html", out / "report.md"
    _write(html_path, render_html(title, meta, parts, images))
    _write(md_path, render_markdown(title, meta, parts))
    counts_paths: list[Path] = []
    for label, counts in counts_by_label(data.samples).items():
        if counts.empty:
            continue
        stem, number = f"counts_{_safe(label)}", 1
        while out / f"{stem}.csv" in counts_paths:
            number += 1
            stem = f"counts_{_safe(label)}_{number}"
        path = out / f"{stem}.csv"
        _write(path, counts.loc[:, ["eval", "n", "k"]].to_csv(index=False))
        counts_paths.append(path)
    return ReportFiles(html_path, md_path, [out / n for n in images], counts_paths)


def build_report(
    samples: pd.DataFrame,
    out: Path,
    *,
    headline: Sequence[str] | None = None,
    seed: int = 0,
    draws: int = DEFAULT_DRAWS,
) -> ReportFiles:
    """Analyse a labelled sample table and write the report."""
    return write_report(analyse_samples(samples, headline=headline, seed=seed, draws=draws), out)
