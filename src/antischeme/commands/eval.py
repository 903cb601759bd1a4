"""``antischeme eval``: run families as Inspect tasks against any model, then print covert rates per evaluation."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import typer

from antischeme.commands._output import console as wide_console
from rich.console import Console
from rich.table import Table

from antischeme.commands._errors import describe, fail, say_error
from antischeme.commands._options import POSITIVE, family_names, parse_model_args
from antischeme.commands._tools import TOOLS_HELP, tool_mode_option

QUICK_FAMILIES = ("lazy_checklist", "impossible_coding", "sandbagging_qa_no_goal")
"""The default subset for the embedded model: one family per detection method."""
QUICK_LIMIT, QUICK_TURNS, QUICK_TOKENS = 8, 6, 192


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
        log_dir: Path | None = typer.Option(None, help="where to write logs (default: logs/<timestamp>)"),
        max_turns: int | None = typer.Option(None, help="max assistant turns per episode", callback=POSITIVE),
        max_tokens: int | None = typer.Option(None, help="max new tokens per model call", callback=POSITIVE),
        model_arg: list[str] = typer.Option([], "--model-arg", "-M", help="provider argument key=value"),
        grader_model: str | None = typer.Option(None, help="LLM judge for classifier-graded families "
                                                "(default: their deterministic rule graders)"),
        judges: bool = typer.Option(False, "--judges", help="also score the chain of thought (evaluation awareness, "
                                    "spec citation, miscitation, spec motivation, mismatch)"),
        judge_model: str | None = typer.Option(None, help="LLM for the CoT judges (default: offline baselines)"),
        max_connections: int | None = typer.Option(None, help="concurrent samples per model", callback=POSITIVE),
        seed: int = typer.Option(0, help="generation seed (sampling models)"),
        tools: str | None = typer.Option(None, "--tools", help=TOOLS_HELP),
    ) -> None:
        """Evaluate a model; writes Inspect logs and counts.csv (eval,n,k) into the log directory."""
        from inspect_ai import eval as inspect_eval

        from antischeme.envs.registry import UnknownNameError, environments, families
        from antischeme.models.provider import EMBEDDED
        from antischeme.models.scripted import POLICIES
        from antischeme.report import counts_from_samples, read_samples
        from antischeme.runners.inspect.logs import aggregates, samples
        from antischeme.runners.inspect.task import family_task, variant_mismatch

        own = model.split("/", 1)[-1] if model.startswith("antischeme/") else None
        quick = own in EMBEDDED and not family
        scripted = own in POLICIES
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
                tasks.append(family_task(n, with_spec=with_spec, split=suite, variants=variants,
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
        log_dir.mkdir(parents=True, exist_ok=True)
        try:
            logs = inspect_eval(
                tasks, model=model, model_args=margs, limit=limit, epochs=epochs, log_dir=str(log_dir),
                max_tokens=max_tokens, seed=seed, max_connections=max_connections,
                model_roles=_roles(grader_model, judge_model), fail_on_error=False,
                log_realtime=not scripted,  # live sample viewing is pointless for instant scripted runs
                max_tasks=len(tasks) if own in EMBEDDED else None,  # one shared model batches across tasks
            )
        except (ValueError, LookupError, RuntimeError, OSError, TypeError) as exc:
            fail(f"evaluation of {model} could not start: {describe(exc) or exc}")
        results, errors = [], []
        for log in logs:
            if log.status != "success":
                errors.append(f"{log.eval.task}: {log.status} {log.error.message if log.error else ''}")
            results += list(samples(log))
        table = read_samples([Path(log.location) for log in logs]) if results else None
        counts = counts_from_samples(table) if table is not None else None
        rows = counts.to_dict("records") if counts is not None else []
        _write_counts(log_dir / "counts.csv", rows)
        over = _over_escalation(table) if table is not None else []
        aggs = aggregates(results)
        sizes = {name: sum(1 for r in results if r.family == name) for name in aggs}
        _print_table(model, rows, over, aggs, sizes, log_dir)
        (log_dir / "summary.json").write_text(json.dumps(
            {"model": model, "suite": suite, "with_spec": with_spec, "counts": rows, "over_escalation": over,
             "aggregates": {k: v.model_dump() for k, v in aggs.items()}, "errors": errors}, indent=1))
        if errors:
            fail("some tasks did not finish: " + "; ".join(errors), code=1)


def _roles(grader_model: str | None, judge_model: str | None) -> dict | None:
    from antischeme.commands._roles import model_roles

    return model_roles(grader=grader_model, judge=judge_model)


def _write_counts(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["eval", "n", "k"])
        writer.writeheader()
        writer.writerows(rows)


def _over_escalation(table) -> list[dict]:
    """Rows ``{eval, n, k}`` of families measuring needless escalation (k = needless refusals/escalations)."""
    rows = table.loc[(table["measures"] == "over_escalation") & table["covert"].notna()]
    grouped = rows.groupby("eval", sort=True)["covert"].agg(n="size", k="sum").reset_index()
    return [{"eval": r["eval"], "n": int(r["n"]), "k": int(r["k"])} for r in grouped.to_dict("records")]


def _print_table(model: str, rows: list[dict], over: list[dict], aggs: dict, sizes: dict[str, int],
                 log_dir: Path) -> None:
    console = wide_console()
    table = Table(title=f"Covert-action rate per evaluation — {model}")
    for col in ("evaluation", "samples", "covert", "rate"):
        table.add_column(col, justify="left" if col == "evaluation" else "right")
    for r in rows:
        table.add_row(str(r["eval"]), str(r["n"]), str(r["k"]), f"{int(r['k']) / int(r['n']):.1%}")
    for r in over:
        table.add_row(f"{r['eval']} (needless escalation)", str(r["n"]), str(r["k"]), f"{r['k'] / r['n']:.1%}")
    for name, agg in aggs.items():
        stats = agg.statistics
        gap = stats.get("accuracy_gap")
        detail = f"gap {gap:+.1%}, p={stats.get('p_value', float('nan')):.3g}" if gap is not None else agg.reason
        table.add_row(f"{name} (aggregate)", str(sizes[name]), "yes" if agg.covert else "no", detail)
    console.print(table)
    console.print(f"logs and counts.csv in {log_dir}")
