"""`antischeme graders validate`: accuracy of the action graders (rules, LLM grader) on the labelled near-miss set."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from antischeme.commands._errors import fail

graders_app = typer.Typer(help="Action graders (act + claim): validation on labelled transcripts.",
                          no_args_is_help=True)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


@graders_app.command("validate")
def validate(
    data: Annotated[Path | None, typer.Option(help="Folder of <family>/<name>.json labelled transcripts "
                                                   "(default: the shipped set).")] = None,
    grader_model: Annotated[str | None, typer.Option(help="Inspect model for the action-only LLM grader "
                                                          "(scored beside the rules).")] = None,
    family: Annotated[str | None, typer.Option(help="Only this family's transcripts.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = OutputFormat.table,
    cache_dir: Annotated[Path | None, typer.Option(help="LLM grader cache directory.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the LLM grader cache.")] = False,
    concurrency: Annotated[int, typer.Option(min=1, help="Parallel grader calls.")] = 4,
) -> None:
    """Per family: n, accuracy, precision, recall, undecided, near-miss accuracy (undecided counts as wrong)."""
    import asyncio

    from antischeme.grading.labelled import LabelledError, load_labelled
    from antischeme.grading.validation import evaluate_llm, evaluate_rules

    try:
        items = load_labelled(data, family)
    except LabelledError as exc:
        fail(str(exc) if len(exc.problems) == 1 else f"{len(exc.problems)} bad labelled files:\n{exc}")
    rows = evaluate_rules(items)
    if grader_model:
        from antischeme.grading.llm_grader import LLMGrader

        try:
            grader = LLMGrader(grader_model, cache_dir=cache_dir, use_cache=not no_cache)
        except Exception as exc:  # noqa: BLE001 - unknown provider, missing key, ...
            fail(f"cannot load grader model {grader_model!r}: {exc}")
        rows += asyncio.run(evaluate_llm(items, grader, concurrency))
    if format == OutputFormat.json:
        typer.echo(json.dumps([r.model_dump() for r in rows], indent=2))
        return
    _print(rows, source=str(data) if data else "shipped labelled set", n=len(items))


@graders_app.command("counts")
def counts(
    logs: Annotated[list[Path], typer.Argument(help="Inspect log files or directories.")],
    review: Annotated[Path, typer.Option(help="Human review CSV: eval_id,sample_id,epoch,verdict,note.")],
    out: Annotated[Path, typer.Option(help="counts.csv to write (eval,n,k), for `antischeme stats`.")],
    model: Annotated[str | None, typer.Option(help="The model, when the logs hold several.")] = None,
) -> None:
    """counts.csv from logs with a human review applied (overrides and exclusions are reported)."""
    import os

    from antischeme.grading.review import ReviewError, apply_review, load_review
    from antischeme.report import LogError, read_samples
    from antischeme.stats import validate_counts

    try:
        entries = load_review(review)
        samples = read_samples(logs)
        if model is not None:
            samples = samples.loc[samples["model"] == model]
        elif samples["model"].nunique() > 1:
            fail(f"the logs hold several models ({', '.join(samples['model'].unique())}); choose one with --model")
        reviewed, summary = apply_review(samples, entries)
        from antischeme.report import counts_from_samples

        table = validate_counts(counts_from_samples(reviewed), "logs")
    except (ReviewError, LogError, ValueError) as exc:
        fail(str(exc))
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(table.loc[:, ["eval", "n", "k"]].to_csv(index=False))
        tmp.replace(out)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
    typer.echo(summary.line())
    typer.echo(f"wrote {out} ({len(table)} evals)")


def _print(rows: list, source: str, n: int) -> None:
    from rich.table import Table

    from antischeme.commands.judges import console

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f}"

    table = Table(title=f"Grader validation on {source} ({n} transcripts)")
    cols = ("family", "grader", "n", "covert", "acc", "precision", "recall", "undecided", "near-miss n",
            "near-miss acc", "fallbacks")
    for col in cols:
        table.add_column(col, justify="left" if col in ("family", "grader") else "right")
    for r in rows:
        table.add_row(r.family, r.implementation, str(r.n), str(r.positives), pct(r.accuracy), pct(r.precision),
                      pct(r.recall), str(r.undecided), str(r.near_miss_n), pct(r.near_miss_accuracy),
                      str(r.fallbacks), style="bold" if r.family == "overall" else None)
    out = console()
    out.print(table)
    for r in rows:
        if r.family == "overall" and r.wrong:
            out.print(f"{r.implementation}: wrong or undecided: {', '.join(r.wrong)}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(graders_app, name="graders")
