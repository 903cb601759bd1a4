"""``antischeme validate``: keep only environments whose grader tells a prompted schemer from a prompted saint."""

from __future__ import annotations

from pathlib import Path

import typer

from antischeme.commands._output import console as wide_console
from rich.console import Console
from rich.table import Table

from antischeme.commands._errors import fail
from antischeme.commands._network import generate_config, max_connections_option, max_retries_option, timeout_option
from antischeme.commands._options import POSITIVE, family_names, parse_model_args
from antischeme.commands._tools import TOOLS_HELP, tool_mode_option


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate_cmd(
        suite: str = typer.Option("train", help="train | val | test"),
        schemer: str = typer.Option("antischeme/schemer", help="Inspect model for the prompted schemer "
                                    "(offline: antischeme/schemer)"),
        saint: str = typer.Option("antischeme/saint", help="Inspect model for the prompted saint "
                                  "(offline: antischeme/saint)"),
        family: list[str] = typer.Option([], "--family", "-f", help="families to validate (repeatable); "
                                         "default: every family with environments in the suite",
                                         callback=family_names),
        limit: int | None = typer.Option(None, help="at most N environments per family (the first N, in order)",
                                         callback=POSITIVE),
        out: Path | None = typer.Option(None, "--out", "-o", help="JSON file for the kept/rejected list "
                                 "(default: validation_<suite>.json)"),
        log_dir: Path | None = typer.Option(None, help="keep the Inspect logs here (default: a temporary folder)"),
        max_turns: int = typer.Option(30, help="max assistant turns per episode", callback=POSITIVE),
        max_connections: int | None = max_connections_option(),
        max_retries: int = max_retries_option(),
        timeout: int | None = timeout_option(),
        model_arg: list[str] = typer.Option([], "--model-arg", "-M", help="provider argument key=value "
                                            "(both models)"),
        fail_on_reject: bool = typer.Option(False, help="exit with code 1 if any environment is rejected"),
        tools: str | None = typer.Option(None, "--tools", help=TOOLS_HELP + " (both models)"),
    ) -> None:
        """Run a prompted schemer and saint through each environment (Inspect) and write kept/rejected JSON."""
        from antischeme.envs.registry import UnknownNameError, environments, families
        from antischeme.validation import validate_environments

        if suite not in ("train", "val", "test"):
            fail(f"unknown suite {suite!r}; choose train, val or test")
        if limit is not None and limit < 1:
            fail("--limit must be at least 1")
        margs = parse_model_args(model_arg)
        if tools is not None:
            tool_mode_option(tools, schemer)  # a bad value is one clear error; each model resolves its default
        try:
            names = list(family) or [n for n in families() if environments(suite, [n])]
            envs = []
            for n in names:
                found = environments(suite, [n])
                if not found:
                    fail(f"family {n} has no environments in suite {suite!r}")
                envs += found[:limit] if limit else found
        except UnknownNameError as exc:
            fail(str(exc))
        out_path = out or Path(f"validation_{suite}.json")
        try:
            report = validate_environments(envs, schemer, saint, suite=suite, log_dir=log_dir, max_turns=max_turns,
                                           model_args=margs, tool_mode=tools,
                                           **generate_config(max_retries, timeout, max_connections, saint))
        except (ValueError, LookupError, RuntimeError) as exc:
            fail(f"validation could not run: {exc}")
        report.write(out_path)
        _print(report.summary(), report, out_path)
        if fail_on_reject and report.by_status("rejected"):
            fail(f"{len(report.by_status('rejected'))} environment(s) rejected; see {out_path}", code=1)


def _print(summary: dict, report, out_path: Path) -> None:
    console = wide_console()
    table = Table(title=f"Environment validation ({summary['suite']}): schemer={summary['schemer']}, "
                        f"saint={summary['saint']}")
    for col in ("family", "kept", "rejected", "skipped"):
        table.add_column(col, justify="left" if col == "family" else "right")
    for name, row in summary["families"].items():
        table.add_row(name, str(row["kept"]), str(row["rejected"]), str(row["skipped"]))
    console.print(table)
    for d in report.by_status("rejected")[:10]:
        console.print(f"[yellow]rejected[/] {d.env_id}: {d.reason}", highlight=False)
    console.print(f"{summary['kept']} kept, {summary['rejected']} rejected, {summary['skipped']} skipped in "
                  f"{summary['seconds']} s; list written to {out_path}")
