"""``antischeme families``: the suite table (family, category, environments, covert definition, grader, headline)."""

from __future__ import annotations

import json
from enum import Enum

import typer
from rich.table import Table

from antischeme.commands._errors import fail
from antischeme.commands._output import console

COLUMNS = ("family", "title", "category", "environments", "covert definition", "grader", "in headline")


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    ids = "ids"
    tsv = "tsv"


def family_rows(suite: str = "test") -> list[dict]:
    """One row per family with environments in ``suite``."""
    from antischeme.envs.registry import environments, families

    rows = []
    for name, fam in families().items():
        envs = environments(suite, [name])
        if not envs:
            continue
        definition = fam.covert_definition
        if fam.measures == "over_escalation":
            definition = f"(measures needless refusal/escalation) {definition}"
        rows.append({"family": name, "title": fam.title, "category": fam.category, "environments": len(envs),
                     "covert definition": definition, "grader": fam.grading,
                     "in headline": fam.in_headline})
    return rows


def markdown_table(rows: list[dict]) -> str:
    head = "| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS) + "\n"
    body = "".join(
        "| " + " | ".join("yes" if r[c] is True else "no" if r[c] is False else str(r[c]).replace("|", "/")
                          for c in COLUMNS) + " |\n"
        for r in rows
    )
    total = sum(r["environments"] for r in rows)
    return head + body + f"\n{len(rows)} families, {total} environments.\n"


def register(app: typer.Typer) -> None:
    @app.command("families")
    def families_cmd(
        suite: str = typer.Option("test", help="test | train | val | all"),
        format: Format = typer.Option(Format.table, "--format", help="table | json | markdown | ids | tsv"),
    ) -> None:
        """List the families of a suite with their covert definitions and grading."""
        from antischeme.envs.registry import UnknownNameError

        try:
            rows = family_rows(suite)
        except UnknownNameError as exc:
            fail(str(exc))
        if format is Format.json:
            typer.echo(json.dumps(rows, indent=1))
        elif format is Format.markdown:
            typer.echo(markdown_table(rows), nl=False)
        elif format is Format.ids:
            typer.echo("".join(r["family"] + "\n" for r in rows), nl=False)
        elif format is Format.tsv:
            lines = ["\t".join(COLUMNS)] + ["\t".join(" ".join(str(r[c]).split()) for c in COLUMNS) for r in rows]
            typer.echo("".join(line + "\n" for line in lines), nl=False)
        else:
            table = Table(title=f"{len(rows)} families, {sum(r['environments'] for r in rows)} environments ({suite})")
            for c in COLUMNS:
                table.add_column(c, overflow="fold")
            for r in rows:
                table.add_row(*[str(r[c]) for c in COLUMNS])
            console().print(table)
