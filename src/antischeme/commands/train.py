"""``antischeme train``: the deliberative-alignment pipeline, one command per stage (collect → filter → build-sft →
sft → rl), ``pipeline`` for all of them from a YAML file, and ``eval`` for a trained checkpoint.

Every stage has a config dataclass (``antischeme.train.*Config``); the main fields have options, and ``--set
field=value`` (repeatable) or ``--config FILE.yaml`` reach every other field.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer

from antischeme.commands._output import console as wide_console
from rich.console import Console
from rich.table import Table

from antischeme.commands._errors import fail
from antischeme.commands._network import max_connections_option
from antischeme.commands._options import POSITIVE, family_names, parse_model_args
from antischeme.commands._tools import TOOLS_HELP, tool_mode_option

SET_HELP = "override any config field: field=value (repeatable)"


def _quiet_threads() -> None:
    """Idle OpenMP threads sleep instead of spinning: CPU training slows down badly on a shared machine otherwise.
    Only effective before torch is first imported (it is, in the CLI)."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def _config(cls: type, config: Path | None, options: dict[str, Any], sets: list[str]) -> Any:
    """File values, then explicit options (those not None), then --set overrides."""
    import yaml

    from antischeme.train.config import ConfigError, from_dict, override

    from antischeme.train.config import load_yaml

    try:
        data = load_yaml(config) if config else {}
        cfg = from_dict(cls, {**data, **{k: v for k, v in options.items() if v not in (None, [], {})}})
        return override(cfg, sets)
    except (ConfigError, OSError, yaml.YAMLError) as exc:
        fail(str(exc))


def _refuse_test_suite(suites: dict[str, str | None], allow_test: bool) -> None:
    """Training on the test suite contaminates every later evaluation: refused unless --allow-test."""
    used = [f"{what}={suite}" for what, suite in suites.items() if suite == "test"]
    if used and not allow_test:
        fail(f"refusing to train on the test suite ({', '.join(used)}): its environments are the held-out "
             "evaluation; use train or val, or pass --allow-test if you really mean it")


def _filter_table(report: dict[str, Any]) -> Table:
    from antischeme.train.filter import DROP_REASONS

    table = Table(title=f"Filter: outcome reward ≥ {report['min_reward']} and spec-motivated ({report['motivation']})")
    for col in ("family", "rollouts", "kept", "keep rate", *DROP_REASONS):
        table.add_column(col, justify="left" if col == "family" else "right")
    for fam, row in report["families"].items():
        table.add_row(fam, str(row["total"]), str(row["kept"]), f"{row['keep_rate']:.0%}",
                      *(str(row["dropped"].get(k, 0)) for k in DROP_REASONS))
    table.add_row("all", str(report["total"]), str(report["kept"]), f"{report['keep_rate']:.0%}")
    return table


def register(app: typer.Typer) -> None:
    train = typer.Typer(help="Deliberative-alignment training: collect → filter → build-sft → sft → rl.",
                        no_args_is_help=True)
    app.add_typer(train, name="train")

    @train.command("collect")
    def collect_cmd(
        out: Path = typer.Option(Path("runs/collect"), "--out", "-o", help="output folder"),
        model: str = typer.Option("antischeme/smollm2", "--model", "-m", help="the model being trained"),
        model_arg: list[str] = typer.Option([], "--model-arg", "-M", help="provider argument key=value"),
        teacher: str | None = typer.Option(None, help="collect with another Inspect model, e.g. antischeme/saint"),
        suite: str = typer.Option("train", help="train | val | test"),
        family: list[str] = typer.Option([], "--family", "-f", help="families (default: all with envs in suite)",
                                         callback=family_names),
        variants: str | None = typer.Option(None, help="factor filter, e.g. 'nudge=strong'"),
        limit: int | None = typer.Option(None, help="at most N environments per family", callback=POSITIVE),
        samples: int | None = typer.Option(None, "--samples", "-k", help="K samples per environment",
                                           callback=POSITIVE),
        max_turns: int | None = typer.Option(None), max_tokens: int | None = typer.Option(None),
        temperature: float | None = typer.Option(None), seed: int | None = typer.Option(None),
        max_retries: int | None = typer.Option(None, "--max-retries", min=0,
                                               help="retries of one failed model request (default 2)"),
        timeout: int | None = typer.Option(None, "--timeout", min=1,
                                           help="seconds per model request, retries included (default: 120 for "
                                                "remote APIs, none in process)"),
        max_connections: int | None = max_connections_option(),
        config: Path | None = typer.Option(None, help="YAML with CollectConfig fields"),
        allow_test: bool = typer.Option(False, "--allow-test", help="allow the test suite as training data"),
        set_: list[str] = typer.Option([], "--set", help=SET_HELP),
        tools: str | None = typer.Option(None, "--tools", help=TOOLS_HELP),
    ) -> None:
        """Roll out on training environments WITH the spec; writes logs/, rollouts.jsonl, lineage.json."""
        from antischeme.envs.registry import UnknownNameError
        from antischeme.train.collect import CollectConfig, CollectError, collect
        from antischeme.train.rollouts import read_rollouts

        _quiet_threads()
        cfg = _config(CollectConfig, config, dict(
            out_dir=str(out), model=model, model_args=parse_model_args(model_arg), teacher=teacher, suite=suite,
            families=list(family), variants=variants, limit=limit, samples=samples, max_turns=max_turns,
            max_tokens=max_tokens, temperature=temperature, seed=seed, tools=tools, max_retries=max_retries,
            timeout=timeout, max_connections=max_connections), set_)
        _refuse_test_suite({"suite": cfg.suite}, allow_test)
        if cfg.tools is not None:
            tool_mode_option(cfg.tools, cfg.collector)
        try:
            path = collect(cfg)
        except (CollectError, UnknownNameError, ValueError) as exc:
            fail(str(exc))
        rollouts = read_rollouts(path)
        mean = sum(r.reward for r in rollouts) / len(rollouts)
        covert = sum(bool(r.verdict.covert) for r in rollouts)
        Console().print(f"{len(rollouts)} rollouts by {cfg.collector} (mean reward {mean:.2f}, {covert} covert) "
                        f"→ {path}")

    @train.command("filter")
    def filter_cmd(
        rollouts: Path = typer.Argument(..., help="rollouts.jsonl or the collect folder"),
        out: Path = typer.Option(Path("runs/filter"), "--out", "-o"),
        min_reward: float | None = typer.Option(None, help="minimum outcome reward (default 1.0)"),
        motivation: str | None = typer.Option(None, help="judge | llm | citation"),
        judge_model: str | None = typer.Option(None, help="LLM judge for spec motivation (any Inspect model)"),
        as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
    ) -> None:
        """Keep rollouts with a good outcome AND spec-motivated reasoning; report keep rates and drop reasons."""
        from antischeme.train.filter import REPORT_FILE, FilterConfig, filter_rollouts

        cfg = _config(FilterConfig, None, dict(rollouts=str(rollouts), out_dir=str(out), min_reward=min_reward,
                                               motivation=motivation, judge_model=judge_model), [])
        try:
            result = filter_rollouts(cfg)
        except (FileNotFoundError, ValueError) as exc:
            fail(str(exc))
        console = wide_console()
        if as_json:
            console.print_json(json.dumps(result.report))
        else:
            console.print(_filter_table(result.report))
        console.print(f"report: {out / REPORT_FILE}")
        if not result.kept:
            fail("no rollout passed the filter: nothing to train on (see the drop reasons above)", code=1)
        console.print(f"kept {len(result.kept)} → {result.path}")

    @train.command("build-sft")
    def build_sft_cmd(
        kept: Path = typer.Argument(..., help="kept.jsonl or the filter folder"),
        out: Path = typer.Option(Path("runs/sft_data"), "--out", "-o"),
        val_fraction: float | None = typer.Option(None, help="share of environments held out (default 0.1)"),
        seed: int | None = typer.Option(None),
    ) -> None:
        """Build the spec-free SFT DatasetDict (train/validation) with a dataset card."""
        from antischeme.train.sft_data import BuildSFTConfig, build_sft

        cfg = _config(BuildSFTConfig, None, dict(kept=str(kept), out_dir=str(out), val_fraction=val_fraction,
                                                 seed=seed), [])
        try:
            path = build_sft(cfg)
        except (FileNotFoundError, ValueError) as exc:
            fail(str(exc))
        Console().print(f"dataset → {path}")

    @train.command("sft")
    def sft_cmd(
        dataset: Path = typer.Argument(..., help="the build-sft folder"),
        out: Path = typer.Option(Path("runs/sft"), "--out", "-o"),
        model_path: str | None = typer.Option(None, help="base HF folder / hub id (default: embedded SmolLM2)"),
        adapter: str | None = typer.Option(None, help="continue training this adapter"),
        full: bool = typer.Option(False, "--full", help="full fine-tuning instead of LoRA"),
        max_steps: int | None = typer.Option(None), epochs: float | None = typer.Option(None),
        learning_rate: float | None = typer.Option(None, "--lr"), max_length: int | None = typer.Option(None),
        config: Path | None = typer.Option(None, help="YAML with SFTRunConfig fields"),
        set_: list[str] = typer.Option([], "--set", help=SET_HELP),
    ) -> None:
        """Supervised fine-tuning (TRL SFTTrainer), loss on assistant turns only; LoRA by default."""
        _quiet_threads()
        from antischeme.train.chat_template import ChatTemplateError
        from antischeme.train.sft import SFTRunConfig, run_sft

        cfg = _config(SFTRunConfig, config, dict(
            dataset=str(dataset), output_dir=str(out), model_path=model_path, adapter=adapter, full=full or None,
            max_steps=max_steps, num_train_epochs=epochs, learning_rate=learning_rate, max_length=max_length), set_)
        try:
            final = run_sft(cfg)
        except (FileNotFoundError, ChatTemplateError) as exc:
            fail(str(exc))
        Console().print(f"checkpoint → {final}\nevaluate: antischeme train eval {final}")

    @train.command("rl")
    def rl_cmd(
        out: Path = typer.Option(Path("runs/rl"), "--out", "-o"),
        model_path: str | None = typer.Option(None, help="base HF folder / hub id (default: embedded SmolLM2)"),
        adapter: str | None = typer.Option(None, help="start from this (SFT) adapter"),
        suite: str | None = typer.Option(None, help="training suite (default: train)"),
        family: list[str] = typer.Option([], "--family", "-f", callback=family_names),
        limit: int | None = typer.Option(None, help="at most N environments per family"),
        val_suite: str | None = typer.Option(None, help="validation suite (default: val)"),
        max_steps: int | None = typer.Option(None), num_generations: int | None = typer.Option(None),
        beta: float | None = typer.Option(None, help="KL coefficient"),
        config: Path | None = typer.Option(None, help="YAML with RLRunConfig fields"),
        allow_test: bool = typer.Option(False, "--allow-test", help="allow the test suite as training data"),
        set_: list[str] = typer.Option([], "--set", help=SET_HELP),
    ) -> None:
        """Outcome-only GRPO on the environment core, KL penalty, validation with early stopping."""
        _quiet_threads()
        from antischeme.train.rl import RLRunConfig, run_rl

        cfg = _config(RLRunConfig, config, dict(
            output_dir=str(out), model_path=model_path, adapter=adapter, suite=suite, families=list(family),
            limit=limit, val_suite=val_suite, max_steps=max_steps, num_generations=num_generations, beta=beta), set_)
        _refuse_test_suite({"suite": cfg.suite}, allow_test)
        try:
            final = run_rl(cfg)
        except (FileNotFoundError, ValueError, KeyError) as exc:
            fail(str(exc))
        Console().print(f"checkpoint → {final}\nevaluate: antischeme train eval {final}")

    @train.command("pipeline")
    def pipeline_cmd(
        config: Path = typer.Option(..., "--config", "-c", help="pipeline YAML (see configs/train/)"),
        stage: list[str] = typer.Option([], "--stage", help="run only these stages (repeatable)"),
        out: Path | None = typer.Option(None, "--out", "-o", help="override out_dir"),
        allow_test: bool = typer.Option(False, "--allow-test", help="allow the test suite as training data"),
    ) -> None:
        """Run every stage from one YAML file; prints the output and wall time of each stage."""
        _quiet_threads()
        from pydantic import ValidationError

        from antischeme.train.config import ConfigError
        from antischeme.train.pipeline import STAGES, PipelineConfig, run_pipeline

        try:
            cfg = PipelineConfig.load(config)
            if out is not None:
                cfg.out_dir = str(out)
            stages = cfg.stage_configs()
        except (OSError, ValidationError, ConfigError) as exc:
            fail(f"bad pipeline config {config}: {exc}")
        _refuse_test_suite({"collect.suite": stages["collect"].suite, "rl.suite": stages["rl"].suite}, allow_test)
        unknown = [s for s in stage if s not in STAGES]
        if unknown:
            fail(f"unknown stage(s) {unknown}; stages: {', '.join(STAGES)}")
        try:
            report = run_pipeline(cfg, list(stage) or None)
        except RuntimeError as exc:
            fail(str(exc), code=1)
        (Path(cfg.out_dir) / "pipeline_report.json").write_text(json.dumps(report, indent=1))
        table = Table(title=f"pipeline {cfg.name}")
        for col in ("stage", "seconds", "output"):
            table.add_column(col)
        for name, row in report.items():
            table.add_row(name, f"{row['seconds']:.1f}", row["output"])
        wide_console().print(table)

    @train.command("eval", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def eval_cmd(
        ctx: typer.Context,
        checkpoint: Path = typer.Argument(..., help="a final/ or checkpoint-N/ folder (adapter or full model)"),
    ) -> None:
        """Evaluate a checkpoint with antischeme eval (antischeme/local, its base model and -M adapter=DIR); extra
        options go to antischeme eval."""
        from antischeme.cli import run_in_process
        from antischeme.train.checkpoint import eval_argv

        try:
            argv = eval_argv(checkpoint, list(ctx.args))
        except FileNotFoundError as exc:
            fail(str(exc))
        Console(stderr=True).print("antischeme " + " ".join(argv))
        code = run_in_process(argv)
        if code:
            raise typer.Exit(code)
