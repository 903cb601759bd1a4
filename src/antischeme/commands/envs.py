"""``antischeme envs``: list environments of a suite."""

from __future__ import annotations

import json
from enum import Enum

import typer
from rich.table import Table

from antischeme.commands._errors import fail
from antischeme.commands._options import family_names
from antischeme.commands._output import console


class Format(str, Enum):
    table = "table"
    json = "json"
    ids = "ids"
    tsv = "tsv"


def register(app: typer.Typer) -> None:
    @app.command("envs")
    def envs(
        suite: str = typer.Option("test", help="test | train | val | all"),
        family: list[str] = typer.Option([], "--family", "-f", help="restrict to these families (repeatable)",
                                         callback=family_names),
        format: Format = typer.Option(Format.table, "--format", help="table | json | ids (one id a line) | tsv"),
    ) -> None:
        """List environments (id, family, category, split, factors)."""
        from antischeme.envs.registry import UnknownNameError, environments

        try:
            found = environments(suite, family or None)
        except UnknownNameError as exc:
            fail(str(exc))
        records = [e.describe() for e in found]
        if format is Format.json:
            typer.echo(json.dumps(records, indent=1))
            return
        if format is Format.ids:
            typer.echo("".join(r["id"] + "\n" for r in records), nl=False)
            return
        if format is Format.tsv:
            rows = [("id", "family", "category", "split", "factors")] + [
                (r["id"], r["family"], r["category"], r["split"],
                 ",".join(f"{k}={v}" for k, v in r["factors"].items())) for r in records]
            typer.echo("".join("\t".join(row) + "\n" for row in rows), nl=False)
            return
        table = Table(title=f"{len(records)} environments ({suite})")
        for col in ("id", "family", "category", "split", "factors"):
            table.add_column(col)
        for r in records:
            table.add_row(r["id"], r["family"], r["category"], r["split"],
                          ", ".join(f"{k}={v}" for k, v in r["factors"].items()))
        console().print(table)
