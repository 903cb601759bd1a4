"""Stage 5 — rl: TRL ``GRPOTrainer`` on the same environment core, outcome-only reward, KL penalty, validation on the
``val`` split every N steps with early stopping on plateau."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from antischeme.envs.core import Environment
from antischeme.envs.registry import environments, families
from antischeme.train.callbacks import METRICS_FILE, JsonlMetricsCallback, ValidationEarlyStopping
from antischeme.train.config import default_report_to
from antischeme.train.lineage import hash_json, make_lineage, read_lineage
from antischeme.train.live_judges import publish_live
from antischeme.train.reward import reward_source, transcript_reward
from antischeme.train.weights import base_model_label, base_model_path, load_causal_lm, load_tokenizer

FINAL_DIR = "final"
ROLLOUT_LOG = "rollouts.jsonl"
"""Every training episode (step, env_id, transcript), for inspection and reward audits."""


@dataclass
class RLRunConfig:
    """Settings of ``antischeme train rl`` (defaults work for the embedded model on CPU, slowly)."""

    output_dir: str = "runs/rl"
    model_path: str | None = None
    """Base weights; default: the embedded SmolLM2 (converted HF folder)."""
    adapter: str | None = None
    """Start from this (SFT) adapter and keep training it; the KL reference is a frozen copy of it."""
    full: bool = False
    suite: str = "train"
    families: list[str] = field(default_factory=list)
    """Default: every family with environments in ``suite``."""
    variants: str | None = None
    env_ids: list[str] = field(default_factory=list)
    limit: int | None = None
    """At most N training environments per family."""
    val_suite: str = "val"
    val_families: list[str] = field(default_factory=list)
    """Default: the training families that have ``val_suite`` environments."""
    val_env_ids: list[str] = field(default_factory=list)
    val_limit: int | None = 8
    val_every: int = 10
    """Validate every N optimizer steps (0: never)."""
    val_patience: int = 3
    val_min_delta: float = 0.0
    num_generations: int = 4
    per_device_train_batch_size: int = 4
    gradient_accumulation_steps: int = 1
    max_steps: int = 100
    learning_rate: float = 2e-5
    beta: float = 0.04
    """KL penalty coefficient (> 0 keeps the policy near the reference)."""
    temperature: float = 1.0
    top_p: float = 1.0
    max_turns: int = 4
    max_new_tokens: int = 128
    """Per policy turn."""
    max_completion_length: int = 1024
    """Whole multi-turn completion (policy and tool-result tokens)."""
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    lora_target_modules: str = "all-linear"
    use_vllm: bool = False
    vllm_mode: str = "colocate"
    vllm_gpu_memory_utilization: float = 0.3
    vllm_tensor_parallel_size: int = 1
    logging_steps: int = 1
    save_steps: int = 50
    save_total_limit: int = 2
    dtype: str = "bfloat16"
    bf16: bool = False
    gradient_checkpointing: bool = False
    seed: int = 0
    report_to: list[str] = field(default_factory=default_report_to)
    extra: dict[str, Any] = field(default_factory=dict)
    """Passed to ``GRPOConfig`` as is (e.g. ``deepspeed``, ``fsdp``, ``vllm_server_base_url``)."""


def grpo_args(cfg: RLRunConfig) -> dict[str, Any]:
    """The ``GRPOConfig`` keyword arguments for this run."""
    args: dict[str, Any] = {
        "output_dir": cfg.output_dir,
        "learning_rate": cfg.learning_rate,
        "max_steps": cfg.max_steps,
        "per_device_train_batch_size": cfg.per_device_train_batch_size,
        "gradient_accumulation_steps": cfg.gradient_accumulation_steps,
        "num_generations": cfg.num_generations,
        "max_completion_length": cfg.max_completion_length,
        "beta": cfg.beta,
        "temperature": cfg.temperature,
        "top_p": cfg.top_p,
        "logging_steps": cfg.logging_steps,
        "save_strategy": "steps",
        "save_steps": cfg.save_steps,
        "save_total_limit": cfg.save_total_limit,
        "bf16": cfg.bf16,
        "gradient_checkpointing": cfg.gradient_checkpointing,
        "seed": cfg.seed,
        "report_to": cfg.report_to,
        "use_vllm": cfg.use_vllm,
        "remove_unused_columns": False,
        "model_init_kwargs": {"dtype": cfg.dtype},
    }
    if cfg.use_vllm:
        args.update(vllm_mode=cfg.vllm_mode, vllm_gpu_memory_utilization=cfg.vllm_gpu_memory_utilization,
                    vllm_tensor_parallel_size=cfg.vllm_tensor_parallel_size)
    return {**args, **cfg.extra}


def _select(suite: str, names: list[str], env_ids: list[str], variants: str | None, limit: int | None,
            fallback_names: list[str] | None = None) -> list[Environment]:
    from antischeme.runners.inspect.task import select_environments

    if env_ids:
        chosen = set(env_ids)
        return [e for e in environments(suite) if e.id in chosen]
    names = names or fallback_names or [n for n in families() if environments(suite, [n])]
    out: list[Environment] = []
    for n in names:
        if not environments(suite, [n]):
            continue
        envs = select_environments(n, suite, variants)
        out += envs[:limit] if limit else envs
    return out


def train_environments(cfg: RLRunConfig) -> list[Environment]:
    envs = _select(cfg.suite, cfg.families, cfg.env_ids, cfg.variants, cfg.limit)
    if not envs:
        raise ValueError(f"no {cfg.suite!r} environments selected for RL; e.g. --suite test --family lazy_checklist")
    return envs


def validation_environments(cfg: RLRunConfig, train: list[Environment]) -> list[Environment]:
    names = cfg.val_families or sorted({e.family for e in train})
    return _select(cfg.val_suite, cfg.val_families, cfg.val_env_ids, None, cfg.val_limit, names) if cfg.val_every else []


def validate(model: Any, tokenizer: Any, envs: list[Environment], cfg: RLRunConfig) -> dict[str, float]:
    """Greedy episodes on the validation environments: mean outcome reward, covert rate, and the live judges'
    evaluation-awareness and spec-citation rates (:mod:`antischeme.train.live_judges`)."""
    from antischeme.runners.trl import hf_generator, run_episodes
    from antischeme.train.live_judges import judge_transcripts

    was_training = model.training
    model.eval()
    try:
        episodes = run_episodes(envs, tokenizer, hf_generator(model, tokenizer, temperature=0.0),
                                max_turns=cfg.max_turns, max_new_tokens=cfg.max_new_tokens,
                                max_completion_length=cfg.max_completion_length)
    finally:
        model.train(was_training)
    pairs = [(env, ep.transcript()) for ep, env in zip(episodes, envs, strict=True)]
    return judge_transcripts(pairs, [transcript_reward(t, env) for env, t in pairs])


def run_rl(cfg: RLRunConfig) -> Path:
    """Train with GRPO; returns the folder of the final adapter (or full model) with its lineage."""
    from datasets import Dataset
    from trl import GRPOConfig

    from antischeme.runners.trl import EnvironmentRollouts, make_env_trainer_class, outcome_reward, prompt_record
    from antischeme.train.sft import SFTRunConfig, lora_config

    train_envs = train_environments(cfg)
    val_envs = validation_environments(cfg, train_envs)
    path = base_model_path(cfg.model_path)
    tokenizer = load_tokenizer(path, padding_side="left")
    model: Any = load_causal_lm(path, cfg.dtype, adapter=cfg.adapter) if cfg.adapter else path
    peft = lora_config(SFTRunConfig(full=cfg.full, adapter=cfg.adapter, lora_r=cfg.lora_r, lora_alpha=cfg.lora_alpha,
                                    lora_dropout=cfg.lora_dropout, lora_target_modules=cfg.lora_target_modules))
    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    metrics = JsonlMetricsCallback(out / METRICS_FILE)
    callbacks: list[Any] = [metrics]
    holder: dict[str, Any] = {}
    stopper = None
    if val_envs:
        def evaluate(_model: Any) -> dict[str, float]:
            from trl.models.utils import unwrap_model_for_generation

            trainer = holder["trainer"]
            with unwrap_model_for_generation(trainer.model_wrapped, trainer.accelerator) as unwrapped:
                scores = validate(unwrapped, tokenizer, val_envs, cfg)
            publish_live(trainer, out, scores)
            return scores

        stopper = ValidationEarlyStopping(evaluate, cfg.val_every, cfg.val_patience, cfg.val_min_delta,
                                          log=metrics.write)
        callbacks.append(stopper)
    trainer_cls = make_env_trainer_class()
    trainer = trainer_cls(
        model=model, reward_funcs=[outcome_reward], args=GRPOConfig(**grpo_args(cfg)),
        train_dataset=Dataset.from_list([prompt_record(e) for e in train_envs]), processing_class=tokenizer,
        peft_config=peft, callbacks=callbacks,
        rollout_func=EnvironmentRollouts(train_envs, max_turns=cfg.max_turns, max_new_tokens=cfg.max_new_tokens,
                                         log_path=out / ROLLOUT_LOG),
    )
    holder["trainer"] = trainer
    result = trainer.train()
    final = out / FINAL_DIR
    trainer.save_model(str(final))
    tokenizer.save_pretrained(str(final))
    summary = {"train": result.metrics, "steps": trainer.state.global_step,
               "validation": stopper.history if stopper else [],
               "early_stopped": bool(stopper and stopper.history and stopper.history[-1].get("early_stop"))}
    (out / "summary.json").write_text(json.dumps(summary, indent=1, default=float))
    parent = read_lineage(cfg.adapter) if cfg.adapter else None
    lineage = make_lineage(
        "rl", base_model=base_model_label(cfg.model_path), env_ids=[e.id for e in train_envs + val_envs],
        seeds={**(parent.seeds if parent else {}), "rl": cfg.seed},
        config={**asdict(cfg), "summary": summary,
                "reward_fns": {f: reward_source(f) for f in sorted({e.family for e in train_envs})}},
        parents={"sft": parent}, spec_hash=parent.spec_hash if parent else None,
    )
    lineage.data_hash = hash_json(sorted(e.id for e in train_envs))  # RL data = the environment set
    lineage.save(out)
    lineage.save(final)
    return final
