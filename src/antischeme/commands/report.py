"""``antischeme report``: a paper-style report (HTML, Markdown, PNG figures) from Inspect logs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from antischeme.commands._output import console as wide_console

from antischeme.commands._options import headline_names


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report_command(
        out: Annotated[Path, typer.Option("--out", help="Output directory (created if needed).")],
        logs: Annotated[
            list[Path] | None,
            typer.Argument(help="Inspect log files or directories; columns per model, alphabetically.",
                           show_default=False),
        ] = None,
        label: Annotated[
            list[str] | None,
            typer.Option("--label", help="NAME=LOGS: label a log file or directory (repeatable; order = columns)."),
        ] = None,
        seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the Monte Carlo draws.")] = 0,
        headline: Annotated[
            str | None,
            typer.Option("--headline", help="Comma-separated evals to aggregate (default: the paper's 20 rows).",
                         callback=headline_names),
        ] = None,
        draws: Annotated[int, typer.Option("--draws", min=1, help="Monte Carlo draws per evaluation.")] = 1_000_000,
        review: Annotated[
            Path | None,
            typer.Option("--review", help="Human review CSV (eval_id,sample_id,epoch,verdict,note) overriding "
                                          "grader verdicts."),
        ] = None,
        partial: Annotated[bool, typer.Option("--partial", help="Also read unfinished logs (interrupted, errored, "
                                              "crashed runs); their rows are flagged partial.")] = False,
        interventions: Annotated[
            list[Path] | None,
            typer.Option("--interventions", help="An `antischeme intervene --out` folder: adds its section "
                                                 "(repeatable)."),
        ] = None,
    ) -> None:
        """Per-eval table (first → later labels, Fisher marks), forest plot, aggregate, judge and secondary rates."""
        from rich.console import Console

        from antischeme.commands._errors import fail
        from antischeme.report import LogError, analyse_samples, load_labelled, write_report
        from antischeme.stats import HeadlineError, parse_headline

        if out.exists() and not out.is_dir():
            fail(f"--out {out} is a file; give a directory")
        from antischeme.grading.review import ReviewError, apply_review, flagged_samples, load_review

        try:
            samples = load_labelled(list(logs or []), list(label or []), partial=partial)
            summary = None
            if review is not None:
                samples, summary = apply_review(samples, load_review(review))
            data = analyse_samples(samples, headline=parse_headline(headline), seed=seed, draws=draws)
        except (LogError, HeadlineError, ReviewError) as err:
            fail(str(err))
        if summary is not None:
            data.notes.insert(0, summary.line())
        flagged = flagged_samples(samples["log"].unique()) if "log" in samples.columns else None
        if flagged is not None and not flagged.empty:
            data.secondary["flagged"] = flagged
        for folder in interventions or []:
            if not (folder / "intervention.json").exists():
                fail(f"--interventions {folder}: no intervention.json there")
        try:
            files = write_report(data, out, interventions=list(interventions or []))
        except OSError as err:
            fail(f"cannot write the report to {out}: {err.strerror or err}")
        console = wide_console()
        for note in data.notes:
            Console(stderr=True).print(f"[yellow]warning:[/] {note}", highlight=False, soft_wrap=True)
        for label_name, agg in data.aggregates.items():
            console.print(f"{label_name}: aggregate {100 * agg.mean:.1f}% [{100 * agg.lo:.1f}, {100 * agg.hi:.1f}]",
                          highlight=False)
        console.print(f"wrote {files.html}, {files.markdown} and {len(files.figures)} figures", highlight=False)
