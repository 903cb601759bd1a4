"""``antischeme intervene ablate|inject|control``: causal interventions on verbalised evaluation awareness."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

KINDS = {
    "ablate": "Cut aware base rollouts before their first aware sentence; resample the turn until unaware; finish.",
    "inject": "Insert an evaluation-aware sentence into unaware base rollouts; continue on-policy; finish.",
    "control": "Insert a neutral sentence of similar length into unaware base rollouts; continue; finish.",
}


def _run(kind: str, logs: list[Path], family: str | None, resamples: int, max_attempts: int, out: Path | None,
         model: str | None, model_arg: list[str], judge: str | None, at: str, seed: int, max_turns: int,
         max_new_tokens: int, temperature: float, base_url: str | None, tokenizer: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    from antischeme.commands._errors import fail
    from antischeme.commands._options import parse_model_args
    from antischeme.envs.registry import UnknownNameError
    from antischeme.envs.registry import family as family_of
    from antischeme.models.continuation import PrefillUnsupportedError
    from antischeme.stress.interventions import SUMMARY, InterventionError, Settings, run

    if at not in ("reasoning", "action"):
        fail(f"bad --at {at!r}: choose reasoning (start of the first reasoning) or action (first consequential "
             "action)")
    try:
        if family:
            family_of(family)
    except UnknownNameError as err:
        fail(str(err))
    target = out or Path(f"intervention-{'ablate' if kind == 'ablate' else 'inject'}")
    if target.exists() and not target.is_dir():
        fail(f"--out {target} exists and is not a directory")
    console = Console(stderr=True)
    settings = Settings(kind=kind, logs=logs, out=target, family=family, resamples=resamples,  # type: ignore[arg-type]
                        max_attempts=max_attempts, model=model, model_args=parse_model_args(model_arg),
                        judge_model=judge, at=at, seed=seed, max_turns=max_turns,  # type: ignore[arg-type]
                        max_new_tokens=max_new_tokens, temperature=temperature, base_url=base_url,
                        tokenizer=tokenizer, display="rich" if sys.stderr.isatty() else "none")
    try:
        summary = run(settings, progress=lambda line: console.print(line, highlight=False, soft_wrap=True))
    except (InterventionError, PrefillUnsupportedError, FileNotFoundError, UnknownNameError, ValueError) as err:
        fail(str(err))
    table = Table(title=f"intervene {kind} — covert rate per arm (95% clustered interval)",
                  title_justify="left")
    for name in ("arm", "k/n", "rate", "95% interval"):
        table.add_column(name, justify="left" if name == "arm" else "right")
    for a in summary["arms"]:
        table.add_row(a["arm"], f"{a['k']}/{a['n']}", f"{100 * a['rate']:.1f}%",
                      f"[{100 * a['lo']:.1f}, {100 * a['hi']:.1f}]")
    out_console = Console()
    out_console.print(table)
    for t in summary["tests"]:
        out_console.print(f"{t['a']} vs {t['b']}: cluster permutation p = {t['p_value']:.3g}", highlight=False)
    if summary["failures"]:
        console.print(f"[yellow]warning:[/] {len(summary['failures'])} continuations failed (listed in "
                      f"{target / SUMMARY})", highlight=False)
    out_console.print(f"wrote {target / SUMMARY} and the Inspect logs under {target / 'logs'}", highlight=False)


def _command(kind: str):
    """The subcommand of one intervention kind (all three share their options)."""

    def command(
        logs: Annotated[list[Path], typer.Option("--logs", help="Inspect logs (files or folders) of the base "
                                                                "rollouts; repeatable.")],
        family: Annotated[str | None, typer.Option("--family", help="Only this family's rollouts.")] = None,
        resamples: Annotated[int, typer.Option("--resamples", min=1, help="Continuations per base rollout (K).")]
        = 4,
        max_attempts: Annotated[int, typer.Option("--max-attempts", min=1, help="Ablate: tries per continuation "
                                                  "to drop awareness (R); failures are reported.")] = 8,
        out: Annotated[Path | None, typer.Option("--out", help="Output folder (intervention.json, arms/, logs/); "
                                                 "inject and control share one.")] = None,
        model: Annotated[str | None, typer.Option("--model", help="Model that continues (default: the base "
                                                  "logs' model and its -M arguments).")] = None,
        model_arg: Annotated[list[str], typer.Option("--model-arg", "-M", help="Model argument key=value.")]
        = [],  # noqa: B006 - typer needs a literal default
        judge: Annotated[str | None, typer.Option("--judge", help="Inspect model of an LLM awareness judge "
                                                  "(default: the offline baseline).")] = None,
        at: Annotated[str, typer.Option("--at", help="Inject/control: insert at the start of the first "
                                        "'reasoning' or before the first consequential 'action'.")]
        = "reasoning",
        seed: Annotated[int, typer.Option("--seed", help="Seed of the resampling and the bootstrap.")] = 0,
        max_turns: Annotated[int, typer.Option("--max-turns", min=1)] = 30,
        max_new_tokens: Annotated[int, typer.Option("--max-new-tokens", min=1, help="Tokens per continued "
                                                    "turn.")] = 256,
        temperature: Annotated[float, typer.Option("--temperature", min=0.0)] = 1.0,
        base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible server (…/v1) for "
                                                     "continuation through /v1/completions.")] = None,
        tokenizer: Annotated[str | None, typer.Option("--tokenizer", help="Tokenizer folder whose chat template "
                                                      "renders prompts for --base-url.")] = None,
    ) -> None:
        _run(kind, logs, family, resamples, max_attempts, out, model, model_arg, judge, at, seed, max_turns,
             max_new_tokens, temperature, base_url, tokenizer)

    command.__doc__ = KINDS[kind]
    return command


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Causal interventions on verbalised evaluation awareness (ablate, inject, control).",
                        no_args_is_help=True)
    for kind in KINDS:
        group.command(kind)(_command(kind))
    app.add_typer(group, name="intervene")
