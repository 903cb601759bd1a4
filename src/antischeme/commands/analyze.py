"""`antischeme analyze LOG_OR_DIR...`: run the chain-of-thought judges over Inspect logs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from antischeme.commands._errors import fail


def analyze(
    logs: Annotated[list[Path], typer.Argument(help="Inspect .eval/.json logs or directories containing them.")],
    judge_model: Annotated[str | None, typer.Option(help="Inspect model for an LLM judge (else baseline).")] = None,
    out: Annotated[Path | None, typer.Option(help="Write the per-sample dataframe (.parquet or .csv).")] = None,
    cache_dir: Annotated[Path | None, typer.Option(help="LLM judge cache directory.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the LLM judge cache.")] = False,
    concurrency: Annotated[int, typer.Option(min=1, help="Parallel judge calls.")] = 4,
    terms: Annotated[int, typer.Option(min=0, help="Also list the N most over-represented words.")] = 0,
    partial: Annotated[bool, typer.Option("--partial", help="Also read unfinished logs (their rows flagged).")] = False,
) -> None:
    """Judge every sample's reasoning; print rates per model and task; optionally save the dataframe."""
    import asyncio

    from rich.table import Table

    from antischeme.commands.judges import console, print_terms
    from antischeme.judges.analysis import analyze_records, load_records, summary, write_frame
    from antischeme.judges.logs import LogError

    if out is not None and out.suffix not in (".parquet", ".csv"):
        fail(f"--out must end in .parquet or .csv, got {out.name}")
    try:
        records = load_records(logs, partial=partial)
        frame = asyncio.run(analyze_records(records, judge_for(judge_model, cache_dir, no_cache),
                                            concurrency=concurrency))
        frame = with_sample_verdicts(frame, logs, partial)
    except LogError as exc:
        fail(str(exc))
    judge = frame["judge"].iloc[0] if len(frame) else "-"

    out_console = console()
    table = Table(title=f"{len(frame)} samples, judge: {judge}")
    rates = summary(frame)
    for col in rates.columns:
        table.add_column(str(col), justify="left" if col in ("model", "task") else "right")
    for _, row in rates.iterrows():
        table.add_row(*[_cell(v) for v in row.tolist()])
    out_console.print(table)
    if terms:
        from antischeme.judges.terms import unusual_terms

        print_terms(unusual_terms([r.reasoning for r in records], top=terms), title="Unusual terms in the reasoning")
    if out is not None:
        try:
            written = write_frame(frame, out)
        except (OSError, ValueError, ImportError) as exc:
            fail(f"cannot write {out}: {exc}")
        out_console.print(f"wrote {len(frame)} rows to {written}")


def judge_for(judge_model: str | None, cache_dir: Path | None, no_cache: bool):
    from antischeme.commands.judges import load_llm_judge
    from antischeme.judges.baseline import BaselineJudge

    return load_llm_judge(judge_model, cache_dir, no_cache) if judge_model else BaselineJudge()


def with_sample_verdicts(frame, logs: list[Path], partial: bool):
    """The covert column as counted everywhere else (per-rollout verdicts decided against a counterfactual
    control, e.g. Sandbagging QA, filled in), plus ``undecided`` and ``partial``."""
    from antischeme.judges.logs import LogError as JudgeLogError
    from antischeme.report import LogError, read_samples

    try:
        table = read_samples(logs, partial=partial)
    except LogError as exc:
        raise JudgeLogError(str(exc)) from None
    by_key = {(r["model"], r["sample"], int(r["epoch"])): r for r in table.to_dict("records")}
    rows = [by_key.get((m, s, int(e))) for m, s, e in zip(frame["model"], frame["sample_id"], frame["epoch"],
                                                            strict=True)]
    frame = frame.copy()
    frame["covert"] = [r["covert"] if r is not None else c for r, c in zip(rows, frame["covert"], strict=True)]
    frame["covert"] = frame["covert"].astype("boolean")
    frame["undecided"] = [bool(r["undecided"]) if r is not None else False for r in rows]
    frame["partial"] = [bool(r["partial"]) if r is not None else False for r in rows]
    return frame


def _cell(v) -> str:
    import pandas as pd

    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return "-"
    return f"{v:.2f}" if isinstance(v, float) else str(v)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
