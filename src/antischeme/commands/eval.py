"""``antischeme eval``: run families as registered Inspect tasks on ``eval_set`` (resumable, retried), then count.

Rerunning the same command with the same ``--log-dir`` reuses every completed sample and runs only the rest. The
per-eval table and summary.json show outcome and errored counts; the exit code is 1 when any sample errored and
130 when the run was interrupted (counts.csv and summary.json of an earlier run are then left untouched).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import typer

from antischeme.commands._output import console as wide_console
from rich.console import Console
from rich.table import Table

from antischeme.commands._errors import describe, fail, say_error
from antischeme.commands._network import generate_config, max_connections_option, max_retries_option, timeout_option
from antischeme.commands._options import POSITIVE, family_names, parse_model_args
from antischeme.commands._tools import TOOLS_HELP, tool_mode_option

QUICK_FAMILIES = ("lazy_checklist", "impossible_coding", "sandbagging_qa_no_goal")
"""The default subset for the embedded model: one family per detection method."""
QUICK_LIMIT, QUICK_TURNS, QUICK_TOKENS = 8, 6, 192
INTERRUPTED_EXIT = 130


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_cmd(
        model: str = typer.Option("antischeme/smollm2", "--model", "-m",
                                  help="any Inspect model (openai/..., anthropic/..., vllm/..., hf/...), "
                                       "antischeme/schemer|saint, or the embedded antischeme/smollm2"),
        suite: str = typer.Option("test", help="test | train | val"),
        family: list[str] = typer.Option([], "--family", "-f", help="families to run (repeatable); default: all "
                                         "of the suite, or a quick subset for the embedded model",
                                         callback=family_names),
        limit: int | None = typer.Option(None, help="at most N environments per family", callback=POSITIVE),
        epochs: int = typer.Option(1, help="samples per environment", callback=POSITIVE),
        with_spec: bool = typer.Option(False, "--with-spec", help="put the anti-scheming spec in the system prompt"),
        variants: str | None = typer.Option(None, help="factor filter, e.g. 'nudge=strong,cue=eval|deploy'"),
        log_dir: Path | None = typer.Option(None, help="where to write logs (default: logs/<timestamp>); rerun "
                                            "with the same directory to resume"),
        max_turns: int | None = typer.Option(None, help="max assistant turns per episode", callback=POSITIVE),
        max_tokens: int | None = typer.Option(None, help="max new tokens per model call", callback=POSITIVE),
        model_arg: list[str] = typer.Option([], "--model-arg", "-M", help="provider argument key=value"),
        grader_model: str | None = typer.Option(None, help="LLM judge for classifier-graded families "
                                                "(default: their deterministic rule graders)"),
        judges: bool = typer.Option(False, "--judges", help="also score the chain of thought (evaluation awareness, "
                                    "spec citation, miscitation, spec motivation, mismatch)"),
        judge_model: str | None = typer.Option(None, help="LLM for the CoT judges (default: offline baselines)"),
        max_connections: int | None = max_connections_option(),
        max_retries: int = max_retries_option(),
        timeout: int | None = timeout_option(),
        retry_attempts: int = typer.Option(1, "--retry-attempts", min=0,
                                           help="reruns of a task whose samples errored (completed samples reused)"),
        seed: int = typer.Option(0, help="generation seed (sampling models)"),
        tools: str | None = typer.Option(None, "--tools", help=TOOLS_HELP),
    ) -> None:
        """Evaluate a model; writes Inspect logs, counts.csv (eval,n,k,undecided,errored) and summary.json."""
        from antischeme.envs.registry import UnknownNameError, environments, families
        from antischeme.models.provider import EMBEDDED
        from antischeme.runners.inspect.run import LogDirBusyError, log_dir_lock, registered_task, run_tasks
        from antischeme.runners.inspect.task import variant_mismatch

        own = model.split("/", 1)[-1] if model.startswith("antischeme/") else None
        quick = own in EMBEDDED and not family
        names = list(family) or (list(QUICK_FAMILIES) if quick else list(families()))
        if quick:
            limit = QUICK_LIMIT if limit is None else limit
            max_turns = QUICK_TURNS if max_turns is None else max_turns
            max_tokens = QUICK_TOKENS if max_tokens is None else max_tokens
        margs = parse_model_args(model_arg)
        tool_mode = tool_mode_option(tools, model)
        try:
            tasks, skipped = [], []
            for n in names:
                if not environments(suite, [n]):
                    if family:
                        raise UnknownNameError(f"family {n} has no environments in suite {suite!r}")
                    continue
                if variants and (reason := variant_mismatch(n, suite, variants)):
                    skipped.append(reason)
                    continue
                tasks.append(registered_task(n, with_spec=with_spec, split=suite, variants=variants,
                                             max_turns=max_turns or 30, judges=judges or judge_model is not None,
                                             tool_mode=tool_mode))
        except (UnknownNameError, ValueError) as exc:
            fail(str(exc))
        if skipped:
            say_error(f"--variants {variants!r} does not apply to {len(skipped)} families, skipped: "
                      + "; ".join(skipped), prefix="warning")
        if not tasks:
            fail(f"no environments in suite {suite!r} for families {', '.join(names)}"
                 + (f" with variants {variants!r}" if variants else ""))
        log_dir = log_dir or Path("logs") / dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            with log_dir_lock(log_dir):
                run = run_tasks(
                    tasks, log_dir, retry_attempts=retry_attempts, model=model, model_args=margs, limit=limit,
                    epochs=epochs, max_tokens=max_tokens, seed=seed,
                    model_roles=_roles(grader_model, judge_model),
                    max_tasks=len(tasks) if own in EMBEDDED else None,  # one shared model batches across tasks
                    **generate_config(max_retries, timeout, max_connections, model),
                )
        except LogDirBusyError as exc:
            fail(str(exc))
        except (ValueError, LookupError, RuntimeError, OSError, TypeError) as exc:
            fail(f"evaluation of {model} could not start: {describe(exc) or _first_line(exc)}")
        except Exception as exc:  # inspect's PrerequisiteError (e.g. a log dir holding another run's tasks)
            if type(exc).__name__ == "PrerequisiteError":
                fail(f"evaluation could not start: {_first_line(exc)}")
            raise
        if run.interrupted:
            Console(stderr=True).print(f"[bold yellow]interrupted[/]: completed samples are kept in {log_dir}; rerun "
                                       "the same command to finish. counts.csv and summary.json were not written.",
                                       highlight=False, soft_wrap=True)
            raise typer.Exit(INTERRUPTED_EXIT)
        summarise_run(run.logs, log_dir, model=model, suite=suite, with_spec=with_spec)


def summarise_run(logs: list, log_dir: Path, *, model: str, suite: str, with_spec: bool) -> None:
    """Count the run's samples, print the table, write counts.csv and summary.json; exit 1 if any sample errored."""
    from antischeme.atomic import write_text
    from antischeme.report import LogError, aggregate_results, counts_from_samples, read_samples, tally

    try:
        table = read_samples([Path(log.location) for log in logs], partial=True)
    except LogError as exc:
        fail(f"no results to count: {exc}", code=1)
    tallies = tally(table)
    counts = counts_from_samples(table)
    aggs = aggregate_results(table)
    errors = _errors(table)
    write_text(log_dir / "counts.csv", counts.to_csv(index=False))
    write_text(log_dir / "summary.json", json.dumps({
        "model": model, "suite": suite, "with_spec": with_spec,
        "status": "errored" if errors else "complete",
        "evaluations": tallies.to_dict("records"),
        "counts": counts.to_dict("records"),
        "over_escalation": _rows(tallies, "over_escalation"),
        "aggregates": {k: v.model_dump() for k, v in aggs.items()},
        "errored": int(tallies["errored"].sum()), "errors": errors,
    }, indent=1, default=_json_default))
    _print_table(model, tallies, aggs, log_dir)
    if bool(tallies["inconclusive"].all()):
        Console().print("[bold]inconclusive[/]: no sample completed, escalated or refused; the rates above say "
                        "nothing about the model", highlight=False)
    if errors:
        fail(f"{len(errors)} of {len(table)} samples errored (counted as errored, not in n); first: "
             f"{errors[0]['sample']}: {errors[0]['error']}; rerun the same command to retry them", code=1)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    retried = re.search(r"RetryError\(<Future .*raised (\w+)>\)", line)
    return f"model request failed after retries: {retried.group(1)}" if retried else line


def _errors(table) -> list[dict[str, Any]]:
    rows = table.loc[table["outcome"] == "errored"]
    return [{"eval": r["eval"], "sample": r["sample"], "epoch": int(r["epoch"]),
             "error": _first_line(Exception(str(r["error"])))} for r in rows.to_dict("records")]


def _rows(tallies, measures: str) -> list[dict]:
    sel = tallies.loc[tallies["measures"] == measures]
    return [{"eval": r["eval"], "n": int(r["n"]), "k": int(r["k"]), "errored": int(r["errored"])}
            for r in sel.to_dict("records")]


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _roles(grader_model: str | None, judge_model: str | None) -> dict | None:
    from antischeme.commands._roles import model_roles

    return model_roles(grader=grader_model, judge=judge_model)


def _rate(row: dict) -> str:
    return "inconclusive" if row["inconclusive"] or not row["n"] else f"{row['k'] / row['n']:.1%}"


def _print_table(model: str, tallies, aggs: dict, log_dir: Path) -> None:
    console = wide_console()
    table = Table(title=f"Covert-action rate per evaluation — {model}")
    cols = ("evaluation", "n", "covert", "rate", "undecided", "completed", "escalated", "refused", "gave up",
            "errored")
    for col in cols:
        table.add_column(col, justify="left" if col == "evaluation" else "right")
    for r in tallies.to_dict("records"):
        outcomes = [str(r[c]) for c in ("undecided", "completed", "escalated", "refused", "gave_up", "errored")]
        if r["measures"] == "aggregate":
            agg = aggs.get(r["eval"])
            verdict = "inconclusive" if r["inconclusive"] or agg is None or "p_value" not in agg.statistics else (
                "yes" if agg.covert else "no")
            table.add_row(f"{r['eval']} (aggregate)", str(r["samples"] - r["errored"]), verdict,
                          _aggregate_detail(agg), *outcomes)
            continue
        name = r["eval"] + (" (needless escalation)" if r["measures"] == "over_escalation" else "")
        table.add_row(name, str(r["n"]), str(r["k"]), _rate(r), *outcomes)
    for name, agg in aggs.items():
        if name in set(tallies.loc[tallies["measures"] != "aggregate", "eval"]):
            tested = "p_value" in agg.statistics
            table.add_row(f"{name} (pooled test)", "", ("yes" if agg.covert else "no") if tested else "inconclusive",
                          _aggregate_detail(agg), *[""] * 6)
    console.print(table)
    console.print(f"logs, counts.csv and summary.json in {log_dir}", highlight=False)


def _aggregate_detail(agg) -> str:
    if agg is None:
        return "-"
    gap = agg.statistics.get("accuracy_gap")
    return f"gap {gap:+.1%}, p={agg.statistics.get('p_value', float('nan')):.3g}" if gap is not None else agg.reason
