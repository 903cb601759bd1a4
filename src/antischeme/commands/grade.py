"""``antischeme grade`` and ``antischeme export``: transcripts in the portable format."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from antischeme.commands._errors import fail


def register(app: typer.Typer) -> None:
    @app.command("grade")
    def grade_cmd(transcript: Path = typer.Argument(..., help="transcript JSON (antischeme.transcript/v1)")) -> None:
        """Replay a transcript's tool calls against a fresh workspace and print the verdict as JSON."""
        from antischeme.envs.core import Transcript, TranscriptError, grade
        from antischeme.envs.registry import UnknownNameError, environment

        try:
            t = Transcript.load(transcript)
            verdict = grade(t, environment(t.env_id))
        except (TranscriptError, UnknownNameError) as exc:
            fail(str(exc))
        typer.echo(json.dumps(verdict.model_dump(mode="json"), indent=1))

    @app.command("export")
    def export_cmd(
        logs: list[Path] = typer.Argument(..., help="Inspect .eval logs or directories"),
        out: Path = typer.Option(..., "--out", "-o", help="directory for the transcript JSON files"),
    ) -> None:
        """Convert Inspect logs into portable transcripts (one JSON file per sample and epoch)."""
        from antischeme.runners.inspect.logs import read_results

        try:
            results = read_results(logs)
        except (FileNotFoundError, ValueError) as exc:
            fail(str(exc))
        out.mkdir(parents=True, exist_ok=True)
        from antischeme.atomic import write_text

        for r in results:
            name = f"{r.env_id.replace('/', '__')}__{r.model.replace('/', '_')}__e{r.epoch}.json"
            write_text(out / name, r.transcript.model_dump_json(indent=2, exclude_none=True))
        typer.echo(f"wrote {len(results)} transcripts to {out}")
