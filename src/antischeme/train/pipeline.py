"""``antischeme train pipeline --config FILE.yaml``: every stage in order, outputs wired into the next stage's inputs.

The YAML holds one mapping per stage whose keys are the fields of that stage's config dataclass (``CollectConfig``,
``FilterConfig``, ``BuildSFTConfig``, ``SFTRunConfig``, ``RLRunConfig``); paths between stages, the base model and the
seed are filled in by the pipeline unless given explicitly.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from antischeme.train.collect import CollectConfig
from antischeme.train.config import from_dict, load_yaml
from antischeme.train.filter import FilterConfig
from antischeme.train.rl import RLRunConfig
from antischeme.train.sft import FINAL_DIR, SFTRunConfig
from antischeme.train.sft_data import BuildSFTConfig

Stage = Literal["collect", "filter", "build-sft", "sft", "rl", "eval"]
STAGES: tuple[str, ...] = ("collect", "filter", "build-sft", "sft", "rl", "eval")


class EvalStage(BaseModel):
    """Evaluate the SFT (or RL) result with ``antischeme eval`` on a few test environments."""

    model_config = ConfigDict(extra="forbid")
    checkpoint: Literal["sft", "rl"] = "sft"
    args: list[str] = Field(default_factory=lambda: ["--family", "lazy_checklist", "--limit", "1"])


class PipelineConfig(BaseModel):
    """The whole run. GPU launch settings (``accelerate``) are recorded for ``accelerate launch``; see configs/train."""

    model_config = ConfigDict(extra="forbid")
    name: str = "pipeline"
    out_dir: str = "runs/pipeline"
    model_path: str | None = Field(default=None, description="base weights; default: the embedded SmolLM2")
    seed: int = 0
    stages: list[Stage] = Field(default_factory=lambda: ["collect", "filter", "build-sft", "sft", "rl"])
    accelerate_config: str | None = Field(default=None, description="accelerate/DeepSpeed/FSDP file for GPU launches")
    collect: dict[str, Any] = Field(default_factory=dict)
    filter: dict[str, Any] = Field(default_factory=dict)
    build_sft: dict[str, Any] = Field(default_factory=dict)
    sft: dict[str, Any] = Field(default_factory=dict)
    rl: dict[str, Any] = Field(default_factory=dict)
    eval: EvalStage = Field(default_factory=EvalStage)

    @classmethod
    def load(cls, path: str | Path) -> PipelineConfig:
        return cls.model_validate(load_yaml(path))

    def stage_configs(self) -> dict[str, Any]:
        """The typed config of every stage, with inter-stage paths, base model and seeds filled in."""
        out = Path(self.out_dir)
        collect = from_dict(CollectConfig, {"out_dir": str(out / "collect"), "seed": self.seed, **self.collect})
        if self.model_path and not collect.teacher:
            collect.model_args.setdefault("model_path", self.model_path)
        filt = from_dict(FilterConfig, {"rollouts": collect.out_dir, "out_dir": str(out / "filter"), **self.filter})
        build = from_dict(BuildSFTConfig, {"kept": filt.out_dir, "out_dir": str(out / "sft_data"),
                                           "seed": self.seed, "model_path": self.model_path,
                                           **self.build_sft})
        sft = from_dict(SFTRunConfig, {"dataset": build.out_dir, "output_dir": str(out / "sft"),
                                       "model_path": self.model_path, "seed": self.seed, **self.sft})
        rl_defaults: dict[str, Any] = {"output_dir": str(out / "rl"), "model_path": self.model_path, "seed": self.seed,
                                       "suite": collect.suite, "families": collect.families}
        if "sft" in self.stages:
            sft_final = str(Path(sft.output_dir) / FINAL_DIR)
            rl_defaults.update({"model_path": sft_final} if sft.full else {"adapter": sft_final})
        rl = from_dict(RLRunConfig, {**rl_defaults, **self.rl})
        return {"collect": collect, "filter": filt, "build-sft": build, "sft": sft, "rl": rl}


def run_pipeline(cfg: PipelineConfig, stages: list[str] | None = None) -> dict[str, Any]:
    """Run the stages (all configured ones by default); returns {stage: {"output", "seconds"}}."""
    from antischeme.train.collect import collect
    from antischeme.train.filter import filter_rollouts
    from antischeme.train.rl import run_rl
    from antischeme.train.sft import run_sft
    from antischeme.train.sft_data import build_sft

    configs = cfg.stage_configs()
    todo = [s for s in STAGES if s in (stages or cfg.stages)]
    Path(cfg.out_dir).mkdir(parents=True, exist_ok=True)
    (Path(cfg.out_dir) / "pipeline.yaml").write_text(yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False))
    report: dict[str, Any] = {}
    for stage in todo:
        start = time.perf_counter()
        if stage == "collect":
            output: Any = collect(configs["collect"])
        elif stage == "filter":
            result = filter_rollouts(configs["filter"])
            if not result.kept:
                raise RuntimeError(f"filter kept no rollouts (see {result.path.parent / 'filter_report.json'})")
            output = result.path
        elif stage == "build-sft":
            output = build_sft(configs["build-sft"])
        elif stage == "sft":
            output = run_sft(configs["sft"])
        elif stage == "rl":
            output = run_rl(configs["rl"])
        else:
            output = _evaluate(cfg, configs)
        report[stage] = {"output": str(output), "seconds": round(time.perf_counter() - start, 2)}
    return report


def _evaluate(cfg: PipelineConfig, configs: dict[str, Any]) -> Path:
    from antischeme.cli import run_in_process
    from antischeme.train.checkpoint import eval_argv

    stage_cfg = configs[cfg.eval.checkpoint]
    checkpoint = Path(stage_cfg.output_dir) / FINAL_DIR
    log_dir = Path(cfg.out_dir) / "eval"
    code = run_in_process(eval_argv(checkpoint, [*cfg.eval.args, "--log-dir", str(log_dir)]))
    if code:
        raise RuntimeError(f"evaluation of {checkpoint} failed (exit code {code})")
    return log_dir
