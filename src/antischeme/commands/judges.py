"""`antischeme judges ...`: validate the chain-of-thought judges; find unusual terminology."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from antischeme.commands._output import console as wide_console

from antischeme.commands._errors import fail
from antischeme.commands._network import generate_config, max_connections_option, max_retries_option, timeout_option

judges_app = typer.Typer(help="Chain-of-thought judges: validation and terminology.", no_args_is_help=True)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def load_llm_judge(model: str, cache_dir: Path | None, no_cache: bool,
                   network: dict | None = None):  # -> LLMJudge
    """An LLM judge for a model name, or one clear error; ``network``: see ``commands._network.generate_config``."""
    from inspect_ai.model import GenerateConfig

    from antischeme.judges.llm_judge import LLMJudge

    try:
        return LLMJudge(model, cache_dir=cache_dir, use_cache=not no_cache, config=GenerateConfig(**(network or {})))
    except Exception as exc:  # noqa: BLE001 - unknown provider, missing key, ...
        fail(f"cannot load judge model {model!r}: {exc}")


@judges_app.command("validate")
def validate(
    judge_model: Annotated[str | None, typer.Option(help="Inspect model for an LLM judge (plus baseline).")] = None,
    data: Annotated[Path | None, typer.Option(help="Labelled JSONL file (default: shipped set).")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = OutputFormat.table,
    cache_dir: Annotated[Path | None, typer.Option(help="LLM judge cache directory.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the LLM judge cache.")] = False,
    concurrency: Annotated[int, typer.Option(min=1, help="Parallel judge calls.")] = 4,
    max_retries: int = max_retries_option(),
    timeout: int | None = timeout_option(),
    max_connections: int | None = max_connections_option(),
) -> None:
    """Precision / recall / F1 of every classifier and implementation on a labelled set."""
    import asyncio

    from antischeme.judges.baseline import BaselineJudge
    from antischeme.judges.metrics import evaluate_judge
    from antischeme.judges.validation_data import DataError, load_examples

    try:
        examples = load_examples(data)
    except DataError as exc:
        fail(str(exc))
    judges = [BaselineJudge()]
    if judge_model:
        judges.append(load_llm_judge(judge_model, cache_dir, no_cache,
                                     generate_config(max_retries, timeout, max_connections, str(judge_model))))

    async def run() -> list:
        rows = []
        for judge in judges:
            rows += await evaluate_judge(judge, examples, concurrency)
        return rows

    rows = asyncio.run(run())
    if format == OutputFormat.json:
        typer.echo(json.dumps([r.model_dump() for r in rows], indent=2))
        return
    _print_metrics(rows, source=str(data) if data else "shipped validation set", lines=len(examples))


def console():  # -> rich.console.Console
    """A console that does not squeeze tables to 80 columns when output is piped."""
    from rich.console import Console

    c = wide_console()
    return c if c.is_terminal else Console(width=200)


def _print_metrics(rows: list, source: str, lines: int) -> None:
    from rich.table import Table

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f}"

    table = Table(title=f"Judge validation on {source} ({lines} lines)")
    for col in ("metric", "implementation", "n", "pos", "TP", "FP", "FN", "precision", "recall", "F1", "acc", "failed"):
        table.add_column(col, justify="left" if col in ("metric", "implementation") else "right")
    for r in rows:
        table.add_row(r.metric, r.implementation, str(r.n), str(r.positives), str(r.tp), str(r.fp), str(r.fn),
                      pct(r.precision), pct(r.recall), pct(r.f1), pct(r.accuracy), str(r.failed))
    out = console()
    out.print(table)
    for r in rows:
        if r.failed:
            out.print(f"[yellow]{r.implementation}: {r.failed} failed judgements on {r.metric} (counted as "
                      f"negative answers); first error: {(r.first_error or '')[:160]}[/]", highlight=False)


@judges_app.command("terms")
def terms(
    sources: Annotated[list[Path], typer.Argument(help="Logs, log dirs, .jsonl (field 'text') or text files.")],
    top: Annotated[int, typer.Option(min=1, help="How many words to list.")] = 25,
    min_count: Annotated[int, typer.Option(min=1, help="Ignore words seen fewer times.")] = 3,
    format: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = OutputFormat.table,
) -> None:
    """Words over-represented in reasoning relative to general English (wordfreq), with ratios."""
    from antischeme.judges.terms import unusual_terms

    texts = _reasoning_texts(sources)
    found = unusual_terms(texts, top=top, min_count=min_count)
    if format == OutputFormat.json:
        typer.echo(json.dumps([t.model_dump() for t in found], indent=2))
        return
    print_terms(found, title=f"Unusual terms in {len(texts)} reasoning texts")


def print_terms(found: list, title: str) -> None:
    from rich.table import Table

    table = Table(title=title)
    for col in ("word", "count", "per million", "English per million", "ratio"):
        table.add_column(col, justify="left" if col == "word" else "right")
    for t in found:
        ref = f"{t.reference_frequency * 1e6:.3f}" if t.in_reference else "unknown"
        table.add_row(t.word, str(t.count), f"{t.frequency * 1e6:.1f}", ref, f"{t.ratio:,.0f}")
    console().print(table)


def _reasoning_texts(sources: list[Path]) -> list[str]:
    """Reasoning from logs, 'text' fields from JSONL, whole files otherwise."""
    from antischeme.judges.logs import LogError, find_logs, read_records

    texts: list[str] = []
    for src in sources:
        if src.is_dir() or src.suffix in (".eval", ".json"):
            try:
                texts += [r.reasoning for path in find_logs([src]) for r in read_records(path)]
            except LogError as exc:
                fail(str(exc))
        elif src.suffix == ".jsonl":
            try:
                lines = src.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                fail(f"cannot read {src}: {exc.strerror or exc}")
            for n, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    fail(f"{src} line {n}: not valid JSON ({exc.msg})")
                if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                    texts.append(obj["text"])
        else:
            try:
                texts.append(src.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                fail(f"cannot read {src}: {getattr(exc, 'strerror', None) or exc}")
    return texts


def register(app: typer.Typer) -> None:
    app.add_typer(judges_app, name="judges")
