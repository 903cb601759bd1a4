"""``antischeme generate-themes``: LLM-authored covert-rule-violation themes, validated like hand-written ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import typer
from rich.console import Console

from antischeme.commands._errors import fail
from antischeme.commands._options import parse_model_args


def register(app: typer.Typer) -> None:
    @app.command("generate-themes")
    def generate_themes_cmd(
        model: str = typer.Option(..., "--model", "-m", help="any Inspect model, e.g. openai/gpt-4o"),
        n: int = typer.Option(5, "--n", help="how many themes to ask for"),
        domain: str | None = typer.Option(None, help="restrict to one domain (operations, security, ...)"),
        out: Path = typer.Option(Path("themes_generated.yaml"), "--out", "-o", help="YAML file for accepted themes"),
        report: Path | None = typer.Option(None, help="JSON file listing rejected themes with reasons"),
        model_arg: list[str] = typer.Option([], "--model-arg", "-M", help="provider argument key=value"),
    ) -> None:
        """Ask a model for new themes; keep those that pass the schema, behaviour and novelty checks."""
        from antischeme.envs.families.covert_rule_violation.generate import dump_themes, generate_themes
        from antischeme.envs.families.covert_rule_violation.themes import Domain

        if n < 1:
            fail("--n must be at least 1")
        known = get_args(Domain)
        if domain is not None and domain not in known:
            fail(f"unknown domain {domain!r}; choose one of {', '.join(known)}")
        margs = parse_model_args(model_arg)
        try:
            result = generate_themes(model, n, domain, margs)
        except (ValueError, LookupError, RuntimeError) as exc:
            fail(f"generation failed: {exc}")
        console = Console(soft_wrap=True)
        if result.accepted:
            out.write_text(dump_themes(result.accepted))
        for r in result.rejected:
            console.print(f"[yellow]rejected[/] {r['key']}: {'; '.join(r['reasons'])}", highlight=False)
        if report:
            report.write_text(json.dumps({"accepted": [t.key for t in result.accepted],
                                          "rejected": result.rejected}, indent=1))
        console.print(f"{len(result.accepted)} accepted" + (f" (written to {out})" if result.accepted else "")
                      + f", {len(result.rejected)} rejected")
        if not result.accepted:
            fail("no theme passed validation", code=1)
