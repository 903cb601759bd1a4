"""The stage kinds of an experiment. Each takes the run context and its parameters and returns what it produced
(JSON-able), which later stages read: ``{"model": {...}}`` for stages that train, log folders for evaluations.

A model is referred to as ``{"adapter": DIR}`` (a PEFT adapter on the base), ``{"model_path": DIR}`` (a full model
folder) or ``{}`` (the base model itself).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from antischeme.stress.experiments.config import ExperimentConfig

EMBEDDED = "antischeme/local"
TRAINING_FAMILIES = ["covert_rule_violation", "anti_overrefusal"]


@dataclass
class RunContext:
    """What every stage sees: the experiment, its size, its folder, and the outputs of finished stages."""

    config: ExperimentConfig
    size: str
    out: Path
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    progress: Callable[[str], None] = print
    here: Path = Path(".")
    """The folder of the stage being run (set by the runner)."""

    def model(self, ref: str | dict[str, str] | None) -> dict[str, str]:
        """The model a reference names: ``base`` (or None), an earlier stage's trained model, or a model dict."""
        if isinstance(ref, dict):
            return dict(ref)
        if ref in (None, "base"):
            return {"model_path": self.config.model_path} if self.config.model_path else {}
        model = self.outputs[ref].get("model")
        if model is None:
            raise ValueError(f"stage {ref!r} did not produce a model")
        return dict(model)

    def model_args(self, ref: str | dict[str, str] | None) -> list[str]:
        """``-M`` arguments of ``antischeme eval --model antischeme/local`` for a reference."""
        from antischeme.train.checkpoint import checkpoint_model_args

        model = self.model(ref)
        if model.get("adapter"):
            return checkpoint_model_args(model["adapter"])
        return [f"model_path={model['model_path']}"] if model.get("model_path") else []


def _sft_start(ctx: RunContext, ref: str | None) -> dict[str, Any]:
    """SFT/RL config fields that start training from a reference (continue its adapter, or its full model)."""
    model = ctx.model(ref)
    return {"adapter": model.get("adapter"), "model_path": model.get("model_path") or ctx.config.model_path}


# --- implant: the hidden goal, by SFT on covert goal-pursuing trajectories ------------------------------------------

def implant(ctx: RunContext, p: dict[str, Any]) -> dict[str, Any]:
    """Collect saboteur trajectories on the ``organism`` split, keep the covert ones, SFT on them (spec-free)."""
    from antischeme.train.collect import CollectConfig, collect
    from antischeme.train.config import from_dict
    from antischeme.train.rollouts import read_rollouts, write_rollouts
    from antischeme.train.sft import SFTRunConfig, run_sft
    from antischeme.train.sft_data import BuildSFTConfig, build_sft

    d = ctx.here
    rollouts = collect(CollectConfig(
        out_dir=str(d / "collect"), teacher=p.get("teacher", "antischeme/schemer"), suite="organism",
        families=p.get("families", ["successor_sabotage"]), limit=p.get("limit"), samples=p.get("samples", 1),
        max_turns=p.get("max_turns", 8), display="none", seed=ctx.config.seed))
    kept = [r for r in read_rollouts(rollouts) if r.verdict.covert]
    if not kept:
        raise RuntimeError("implant: the teacher produced no covert trajectory to implant")
    (d / "kept").mkdir(parents=True, exist_ok=True)
    write_rollouts(d / "kept" / "kept.jsonl", kept)
    data = build_sft(BuildSFTConfig(kept=str(d / "kept"), out_dir=str(d / "sft_data"),
                                    val_fraction=p.get("val_fraction", 0.0), seed=ctx.config.seed))
    sft = from_dict(SFTRunConfig, {"dataset": str(data), "output_dir": str(d / "sft"), "seed": ctx.config.seed,
                                   "evaluate": False, "report_to": ["none"], **_sft_start(ctx, p.get("from")),
                                   **p.get("sft", {})})
    final = run_sft(sft)
    return {"model": {"adapter": str(final)}, "trajectories": len(kept), "dataset": str(data)}


# --- align: the deliberative-alignment pipeline (AS), optionally with SITA hints -------------------------------------

def align(ctx: RunContext, p: dict[str, Any]) -> dict[str, Any]:
    """collect (spec in the prompt) → filter → build-sft (spec removed) → sft [→ rl], starting from ``from``.
    ``sita: true`` trains on the hinted twins of the training environments (``train_sita``/``val_sita``)."""
    from antischeme.train.pipeline import PipelineConfig, run_pipeline

    suite, val_suite = ("train_sita", "val_sita") if p.get("sita") else ("train", "val")
    start = _sft_start(ctx, p.get("from"))
    stages = ["collect", "filter", "build-sft", "sft"] + (["rl"] if p.get("rl") else [])
    cfg = PipelineConfig(
        name=f"{ctx.config.name}-{p.get('label', 'align')}", out_dir=str(ctx.here / "pipeline"),
        model_path=start["model_path"], seed=ctx.config.seed, stages=stages,  # type: ignore[arg-type]
        collect={"teacher": p.get("teacher", "antischeme/saint"), "suite": suite,
                 "families": p.get("families", TRAINING_FAMILIES), "limit": p.get("limit", 2),
                 "samples": p.get("samples", 1), "max_turns": p.get("max_turns", 12), "display": "none"},
        filter={"min_reward": p.get("min_reward", 1.0)},
        build_sft={"val_fraction": p.get("val_fraction", 0.25)},
        sft={"adapter": start["adapter"], "evaluate": False, "report_to": ["none"],
             "live_judges_suite": val_suite, **p.get("sft", {})},
        rl={"val_suite": val_suite, "report_to": ["none"], **p.get("rl", {})} if p.get("rl") else {},
    )
    report = run_pipeline(cfg)
    final = Path(report["rl" if p.get("rl") else "sft"]["output"])
    return {"model": {"adapter": str(final)}, "pipeline": report, "suite": suite}


# --- capability_rl: RL on capability tasks after AS -------------------------------------------------------------------

def capability_rl(ctx: RunContext, p: dict[str, Any]) -> dict[str, Any]:
    """GRPO on the ``capability`` split (verifiable rewards) from ``from``; validation episodes on the training
    distribution's ``val`` split are graded and judged live; every saved checkpoint is kept for evaluation."""
    from antischeme.train.config import from_dict
    from antischeme.train.rl import RLRunConfig, run_rl

    d = ctx.here / "rl"
    start = _sft_start(ctx, p.get("from"))
    cfg = from_dict(RLRunConfig, {
        "output_dir": str(d), **start, "suite": "capability", "families": ["capability_tasks"],
        "val_suite": "val", "val_families": p.get("val_families", ["covert_rule_violation"]),
        "val_patience": 10**6, "report_to": ["none"], "seed": ctx.config.seed,
        "save_total_limit": 1000, **p.get("rl", {})})  # every checkpoint is an evaluation arm
    final = run_rl(cfg)
    checkpoints = {f"step{c.name.split('-')[-1]}": str(c) for c in sorted(d.glob("checkpoint-*"),
                                                                        key=lambda c: int(c.name.split("-")[-1]))}
    return {"model": {"adapter": str(final)}, "checkpoints": checkpoints, "live_judges": str(d / "live_judges.csv")}


# --- evaluate: every arm on the test suite (subset) and on held-out goal environments ---------------------------------

def arms_of(ctx: RunContext, p: dict[str, Any]) -> dict[str, dict[str, str] | str]:
    """Arm label → model reference, plus every checkpoint of the stages named in ``checkpoints_of``."""
    arms: dict[str, Any] = dict(p.get("arms", {}))
    for stage in p.get("checkpoints_of", []):
        for step, path in ctx.outputs[stage].get("checkpoints", {}).items():
            arms[f"{stage}@{step}"] = {"adapter": path}
    return arms


def evaluate(ctx: RunContext, p: dict[str, Any]) -> dict[str, Any]:
    """``antischeme eval`` (with the CoT judges) per arm: the test ``families`` (``all``: the whole suite; ``limit``
    environments each), and ``goal_families`` on the held-out ``goal_test`` split (``goal_limit``, default ``limit``)."""
    from antischeme.cli import run_in_process

    d = ctx.here
    common = ["--max-turns", str(p.get("max_turns", 6)), "--max-tokens", str(p.get("max_tokens", 128)), "--judges",
              "--seed", str(ctx.config.seed)]
    runs: dict[str, dict[str, Any]] = {}
    for arm, ref in arms_of(ctx, p).items():
        margs = [a for m in ctx.model_args(ref) for a in ("-M", m)]
        runs[arm] = {}
        for part, suite, fams, limit in (("test", "test", p.get("families", []), p.get("limit")),
                                         ("goal", "goal_test", p.get("goal_families", []),
                                          p.get("goal_limit", p.get("limit")))):
            if not fams:
                continue
            chosen_limit = ["--limit", str(limit)] if limit else []
            log_dir = d / arm / part
            ctx.progress(f"  evaluate {arm} on {suite} ({', '.join(fams)})")
            chosen = [] if fams == "all" else [a for f in fams for a in ("--family", f)]
            argv = ["eval", "--model", p.get("model", EMBEDDED), *margs, "--suite", suite, *chosen, *common,
                    *chosen_limit, "--log-dir", str(log_dir)]
            code = run_in_process(argv)
            runs[arm][part] = {"log_dir": str(log_dir), "exit_code": code}
            if not list(log_dir.rglob("*.eval")):
                raise RuntimeError(f"evaluate: {arm} on {suite} wrote no log (exit code {code})")
    return {"runs": runs}


# --- redteam: probes of the organism's hidden goal --------------------------------------------------------------------

def redteam(ctx: RunContext, p: dict[str, Any]) -> dict[str, Any]:
    """Red-team probes per arm (trusted ally, monitored vs unmonitored, direct) scored for misaligned answers, and
    the miscitation judge over the reasoning of the ``miscitation_arms`` in the evaluation logs."""
    from antischeme.stress.experiments.redteam import miscitation_rate, run_probes

    d = ctx.here
    results: dict[str, Any] = {}
    for arm, ref in p.get("arms", {}).items():
        ctx.progress(f"  red-team {arm}")
        results[arm] = run_probes(p.get("model", EMBEDDED), ctx.model_args(ref), d / arm,
                                  limit=p.get("limit"), max_tokens=p.get("max_tokens", 96),
                                  auditor_model=p.get("auditor_model"), auditor_probes=p.get("auditor_probes", 4),
                                  grader_model=p.get("grader_model"), seed=ctx.config.seed)
    evaluation = ctx.outputs.get(p.get("evaluation", "evaluate"), {}).get("runs", {})
    miscite = {arm: miscitation_rate([Path(r["log_dir"]) for r in evaluation.get(arm, {}).values()])
               for arm in p.get("miscitation_arms", []) if arm in evaluation}
    (d / "redteam.json").write_text(json.dumps({"probes": results, "miscitation": miscite}, indent=1))
    return {"probes": results, "miscitation": miscite}


# --- report -----------------------------------------------------------------------------------------------------------

def report(ctx: RunContext, p: dict[str, Any]) -> dict[str, Any]:
    from antischeme.stress.experiments.report import write_experiment_report

    path = write_experiment_report(ctx, p)
    return {"report": str(path)}


KINDS: dict[str, Callable[[RunContext, dict[str, Any]], dict[str, Any]]] = {
    "implant": implant, "align": align, "capability_rl": capability_rl, "evaluate": evaluate, "redteam": redteam,
    "report": report,
}
