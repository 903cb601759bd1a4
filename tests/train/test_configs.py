"""Config dataclasses and the shipped pipeline configs (GPU ones are checked for the trainer arguments they produce;
nothing here runs on a GPU)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml
from trl import GRPOConfig, SFTConfig

from antischeme.train.config import ConfigError, from_dict, override
from antischeme.train.pipeline import PipelineConfig
from antischeme.train.rl import RLRunConfig, grpo_args
from antischeme.train.sft import SFTRunConfig, lora_config, sft_args

CONFIGS = Path(__file__).resolve().parents[2] / "configs" / "train"
GPU_ONLY = {"bf16": False, "deepspeed": None, "fsdp": "", "fsdp_config": None, "use_vllm": False,
            "vllm_server_base_url": None}


def test_overrides_are_typed() -> None:
    cfg = override(SFTRunConfig(), ["max_steps=3", "full=true", "learning_rate=1e-5", "report_to=none,wandb",
                                    "extra={gradient_checkpointing_kwargs: {use_reentrant: false}}",
                                    "max_length=none", "lora-r=4"])
    assert (cfg.max_steps, cfg.full, cfg.learning_rate, cfg.report_to, cfg.max_length, cfg.lora_r) == (
        3, True, 1e-5, ["none", "wandb"], None, 4)
    assert cfg.extra == {"gradient_checkpointing_kwargs": {"use_reentrant": False}}
    assert lora_config(cfg) is None and lora_config(SFTRunConfig()).r == 16
    with pytest.raises(ConfigError, match="unknown SFTRunConfig field"):
        override(SFTRunConfig(), ["max_stepz=3"])
    with pytest.raises(ConfigError, match="max_steps"):
        override(SFTRunConfig(), ["max_steps=many"])


def _fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _build(cls: type, args: dict):
    """The TRL config, with GPU-only switches turned off so that TRL's own checks run on this CPU."""
    return cls(**{**args, **{k: v for k, v in GPU_ONLY.items() if k in args}, "output_dir": "/tmp/unused"})


@pytest.mark.parametrize("name", ["toy-smollm2", "qwen2.5-7b-zero3", "qwen2.5-32b-fsdp"])
def test_shipped_configs_load_and_make_valid_trainer_arguments(name: str) -> None:
    cfg = PipelineConfig.load(CONFIGS / f"{name}.yaml")
    stages = cfg.stage_configs()
    sft, rl = sft_args(stages["sft"]), grpo_args(stages["rl"])
    assert set(sft) <= _fields(SFTConfig) and set(rl) <= _fields(GRPOConfig)
    assert sft["assistant_only_loss"] is True and rl["beta"] > 0
    assert rl["remove_unused_columns"] is False  # the env_id column must reach the rollout function
    built_sft, built_rl = _build(SFTConfig, sft), _build(GRPOConfig, rl)
    assert built_rl.num_generations == stages["rl"].num_generations
    assert built_rl.generation_batch_size % built_rl.num_generations == 0
    assert built_sft.assistant_only_loss
    if cfg.accelerate_config:
        launch = yaml.safe_load((CONFIGS.parents[1] / cfg.accelerate_config).read_text())
        assert launch["mixed_precision"] == "bf16" and sft["bf16"] and rl["bf16"]
        assert rl["use_vllm"] and rl["gradient_checkpointing"] and cfg.model_path.startswith("Qwen/Qwen2.5-")


def test_qwen_7b_zero3_arguments() -> None:
    cfg = PipelineConfig.load(CONFIGS / "qwen2.5-7b-zero3.yaml")
    stages = cfg.stage_configs()
    sft, rl = sft_args(stages["sft"]), grpo_args(stages["rl"])
    ds = CONFIGS.parents[1] / sft["deepspeed"]
    assert json.loads(ds.read_text())["zero_optimization"]["stage"] == 3 and rl["deepspeed"] == sft["deepspeed"]
    assert stages["sft"].full and lora_config(stages["sft"]) is None
    assert stages["rl"].model_path.endswith("sft/final") and stages["rl"].adapter is None  # RL on the SFT model
    assert (rl["use_vllm"], rl["vllm_mode"], rl["vllm_gpu_memory_utilization"]) == (True, "colocate", 0.35)
    launch = yaml.safe_load((CONFIGS.parents[1] / cfg.accelerate_config).read_text())
    assert launch["distributed_type"] == "DEEPSPEED" and launch["deepspeed_config"]["zero_stage"] == 3


def test_qwen_32b_fsdp_arguments() -> None:
    cfg = PipelineConfig.load(CONFIGS / "qwen2.5-32b-fsdp.yaml")
    stages = cfg.stage_configs()
    sft, rl = sft_args(stages["sft"]), grpo_args(stages["rl"])
    assert sft["fsdp"] == rl["fsdp"] == "full_shard auto_wrap"
    assert sft["fsdp_config"]["transformer_layer_cls_to_wrap"] == ["Qwen2DecoderLayer"]
    assert lora_config(stages["sft"]).r == 64 and stages["rl"].adapter.endswith("sft/final")
    assert (rl["vllm_mode"], rl["vllm_server_base_url"]) == ("server", "http://vllm-node:8000")
    launch = yaml.safe_load((CONFIGS.parents[1] / cfg.accelerate_config).read_text())
    assert launch["distributed_type"] == "FSDP" and launch["num_processes"] == 16


def test_pipeline_wires_stage_paths(tmp_path: Path) -> None:
    cfg = PipelineConfig(out_dir=str(tmp_path), model_path="/models/base", seed=7,
                         collect={"suite": "test", "families": ["lazy_checklist"]}, rl={"max_steps": 1})
    s = cfg.stage_configs()
    assert s["filter"].rollouts == s["collect"].out_dir and s["build-sft"].kept == s["filter"].out_dir
    assert s["sft"].dataset == s["build-sft"].out_dir and s["rl"].adapter == str(tmp_path / "sft" / "final")
    assert s["collect"].model_args == {"model_path": "/models/base"} and s["sft"].model_path == "/models/base"
    assert s["rl"].suite == "test" and s["rl"].families == ["lazy_checklist"] and s["rl"].seed == 7
    with pytest.raises(ConfigError):
        PipelineConfig(sft={"nope": 1}).stage_configs()
    assert from_dict(RLRunConfig, {"beta": "0.1"}).beta == 0.1
