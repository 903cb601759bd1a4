"""Experiment configs: the shipped ones load (GPU variants through ``extends``), their training stages produce valid
TRL arguments, references and sizes are checked, and the CLI lists them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from trl import GRPOConfig, SFTConfig

from antischeme.stress.experiments import ExperimentConfigError, load_experiment
from antischeme.stress.experiments.config import SIZES
from antischeme.train.config import from_dict
from antischeme.train.rl import RLRunConfig, grpo_args
from antischeme.train.sft import SFTRunConfig, sft_args

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = sorted((ROOT / "configs" / "experiments").rglob("*.yaml"))
GPU_ONLY = {"bf16": False, "gradient_checkpointing": False}
"""Settings that need a GPU to construct; they are checked for presence, then switched off."""


def test_the_three_experiments_and_their_gpu_variants_exist() -> None:
    names = {load_experiment(p).name for p in CONFIGS}
    assert {"hidden_goal", "capability_degradation", "as_sita"} <= names
    assert {"hidden_goal-qwen3-8b", "capability_degradation-qwen3-8b", "as_sita-qwen3-8b"} <= names


@pytest.mark.parametrize("path", CONFIGS, ids=[p.stem for p in CONFIGS])
@pytest.mark.parametrize("size", SIZES)
def test_training_stages_give_valid_trainer_arguments(path: Path, size: str, tmp_path: Path) -> None:
    cfg = load_experiment(path)
    assert cfg.expected_wall_time, "every experiment states its expected wall time"
    for stage in cfg.stages:
        p = cfg.stage_params(stage, size)
        if stage.kind in ("implant", "align"):
            sft = from_dict(SFTRunConfig, {"output_dir": str(tmp_path), **p.get("sft", {})})
            SFTConfig(**{**sft_args(sft), **GPU_ONLY, "output_dir": str(tmp_path)})
        if stage.kind == "capability_rl" or (stage.kind == "align" and p.get("rl")):
            rl = from_dict(RLRunConfig, {"output_dir": str(tmp_path), **p.get("rl", {})})
            args = {**grpo_args(rl), **GPU_ONLY, "use_vllm": False}
            args = {k: v for k, v in args.items() if not k.startswith("vllm_")}
            GRPOConfig(**args)


def test_gpu_variant_extends_the_cpu_experiment() -> None:
    gpu = load_experiment(ROOT / "configs/experiments/gpu/hidden_goal-qwen3-8b.yaml")
    cpu = load_experiment(ROOT / "configs/experiments/hidden_goal.yaml")
    assert [s.name for s in gpu.stages] == [s.name for s in cpu.stages] and gpu.model_path == "Qwen/Qwen3-8B"
    sab = gpu.stages[0]
    assert gpu.stage_params(sab, "full")["sft"]["lora_r"] == 64
    assert gpu.stage_params(sab, "tiny") == cpu.stage_params(sab, "tiny")


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("name: x\nstages: []\n", "at least one stage"),
    ("name: x\nstages:\n  - {name: a, kind: align, params: {from: later}}\n", "not an earlier stage"),
    ("name: x\nstages:\n  - {name: a, kind: bake}\n", "stages.0.kind"),
    ("name: x\nstages:\n  - {name: a, kind: report}\nsizes: {tiny: {b: {}}}\n", "unknown stages"),
    ("name: x\nextends: x.yaml\nstages:\n  - {name: a, kind: report}\n", "loops back"),
    (": : :", "not valid YAML"),
])
def test_bad_configs_are_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(ExperimentConfigError, match=message):
        load_experiment(path)


def test_cli_list_and_bad_input() -> None:
    cli = [sys.executable, "-m", "antischeme.cli", "experiment"]
    listed = subprocess.run([*cli, "list", "--format", "json"], capture_output=True, text=True, cwd=ROOT, check=True)
    rows = json.loads(listed.stdout)
    assert all({"name", "config", "stages"} <= set(r) for r in rows) and len(rows) >= 6
    for argv in (["run", "configs/experiments/nope.yaml"], ["run", "configs/experiments/as_sita.yaml", "--size", "xl"],
                 ["status", "/nonexistent"]):
        bad = subprocess.run([*cli, *argv], capture_output=True, text=True, cwd=ROOT)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr
        assert len([line for line in bad.stderr.splitlines() if line.strip()]) == 1, bad.stderr
