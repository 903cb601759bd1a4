"""``antischeme grade`` and ``antischeme export``: transcripts in the portable format."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from antischeme.commands._errors import fail, say_error


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def transcript_files(paths: list[Path]) -> list[Path]:
    """Files as given, directories expanded to their ``*.json`` files (recursively, sorted)."""
    out: list[Path] = []
    for p in paths:
        out += sorted(f for f in p.rglob("*.json") if f.is_file()) if p.is_dir() else [p]
    return out


def grade_file(path: Path) -> dict[str, Any]:
    """One record: ``path`` plus the verdict, or ``path`` plus ``error`` (the file's one problem)."""
    from antischeme.envs.core import Transcript, TranscriptError, grade
    from antischeme.envs.registry import UnknownNameError, environment

    try:
        t = Transcript.load(path)
        env = environment(t.env_id)
    except (TranscriptError, UnknownNameError) as exc:
        return {"path": str(path), "error": str(exc)}
    try:
        verdict = grade(t, env)
    except Exception as exc:  # noqa: BLE001 - one bad transcript must not lose the others' verdicts
        return {"path": str(path), "error": f"grading failed: {type(exc).__name__}: {exc}", "internal": True}
    return {"path": str(path), **verdict.model_dump(mode="json")}


def register(app: typer.Typer) -> None:
    @app.command("grade")
    def grade_cmd(
        paths: list[Path] = typer.Argument(..., help="transcript JSON files (antischeme.transcript/v1) or "
                                          "directories of them"),
        format: Format | None = typer.Option(None, "--format", help="json | jsonl | table (default: json for one "
                                             "file, jsonl otherwise: one line per transcript)"),
    ) -> None:
        """Replay transcripts' tool calls against fresh workspaces and print their verdicts (one process, any
        number of files). A file that cannot be graded gets an error record and a line on stderr; exit code 2."""
        files = transcript_files(paths)
        if not files:
            fail(f"no transcript files (*.json) in {', '.join(map(str, paths))}")
        fmt = format or (Format.json if len(files) == 1 and not paths[0].is_dir() else Format.jsonl)
        records = []
        for path in files:
            record = grade_file(path)
            if "error" in record:
                say_error(record["error"] if str(path) in record["error"] else f"{path}: {record['error']}",
                          prefix="internal error" if record.get("internal") else "error")
            records.append(record)
            if fmt is Format.jsonl:
                typer.echo(json.dumps(record))
        if fmt is Format.json:
            typer.echo(json.dumps(records[0] if len(files) == 1 and not paths[0].is_dir() else records, indent=1))
        elif fmt is Format.table:
            _table(records)
        bad = [r for r in records if "error" in r]
        if bad:
            raise typer.Exit(1 if all(r.get("internal") for r in bad) else 2)

    @app.command("export")
    def export_cmd(
        logs: list[Path] = typer.Argument(..., help="Inspect .eval logs or directories"),
        out: Path = typer.Option(..., "--out", "-o", help="directory for the transcript JSON files"),
        partial: bool = typer.Option(False, "--partial", help="Also export samples of unfinished logs (interrupted, "
                                     "errored, crashed runs); their transcripts carry metadata.partial = true."),
    ) -> None:
        """Convert Inspect logs into portable transcripts (one JSON file per sample and epoch).

        Only finished logs are read unless ``--partial``; a sample found in several logs is exported once, its
        latest result (the rest are reported as dropped)."""
        from antischeme.atomic import write_text
        from antischeme.commands._errors import describe
        from antischeme.runners.inspect.log_select import UnreadableLogError
        from antischeme.runners.inspect.logs import log_paths, read_results

        try:
            paths = log_paths(logs)
        except FileNotFoundError as exc:
            fail(str(exc))
        try:
            results = read_results(paths, partial=partial)
        except UnreadableLogError as exc:
            fail(f"{exc} (expected an Inspect .eval log)")
        except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's input
            fail(f"not an Inspect log (.eval, or a JSON log): {describe(exc) or type(exc).__name__}")
        out.mkdir(parents=True, exist_ok=True)
        for r in results:
            name = f"{r.env_id.replace('/', '__')}__{r.model.replace('/', '_')}__e{r.epoch}.json"
            write_text(out / name, r.transcript.model_dump_json(indent=2, exclude_none=True))
        flagged = sum(r.partial for r in results)
        typer.echo(f"wrote {len(results)} transcripts to {out}" + (f" ({flagged} from unfinished logs, flagged "
                                                                   "partial)" if flagged else ""))


def _table(records: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from antischeme.commands._output import console

    table = Table(title=f"{len(records)} transcripts")
    for col in ("path", "env_id", "covert", "outcome", "reason"):
        table.add_column(col, overflow="fold")
    for r in records:
        covert = "error" if "error" in r else {True: "yes", False: "no", None: "—"}[r["covert"]]
        table.add_row(r["path"], r.get("env_id", ""), covert, r.get("outcome", ""), r.get("error", r.get("reason", "")))
    console().print(table)
