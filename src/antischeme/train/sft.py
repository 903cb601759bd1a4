"""Stage 4 — sft: TRL ``SFTTrainer`` on the spec-free conversations, loss on assistant turns only, LoRA by default."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from antischeme.train.callbacks import METRICS_FILE, JsonlMetricsCallback
from antischeme.train.chat_template import check_assistant_mask, training_chat_template
from antischeme.train.config import default_report_to
from antischeme.train.lineage import make_lineage, read_lineage
from antischeme.train.weights import base_model_label, base_model_path, load_causal_lm, load_tokenizer

FINAL_DIR = "final"


@dataclass
class SFTRunConfig:
    """Settings of ``antischeme train sft`` (defaults work for the embedded model on CPU)."""

    dataset: str = "runs/sft_data"
    """The DatasetDict folder written by build-sft."""
    output_dir: str = "runs/sft"
    model_path: str | None = None
    """Base weights (HF folder or hub id); default: the embedded SmolLM2, converted once from GGUF."""
    adapter: str | None = None
    """Continue training this PEFT adapter instead of starting a new one."""
    full: bool = False
    """Full fine-tuning instead of LoRA."""
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    lora_target_modules: str = "all-linear"
    learning_rate: float = 2e-4
    num_train_epochs: float = 2.0
    max_steps: int = -1
    """> 0 overrides num_train_epochs."""
    per_device_train_batch_size: int = 1
    gradient_accumulation_steps: int = 4
    max_length: int | None = 4096
    lr_scheduler_type: str = "cosine"
    warmup_steps: float = 0.05
    logging_steps: int = 1
    save_steps: int = 50
    save_total_limit: int = 2
    evaluate: bool = True
    """Compute the loss on the validation split (when it is not empty)."""
    eval_steps: int | None = None
    """Evaluate every N steps (None: once per epoch)."""
    dtype: str = "bfloat16"
    bf16: bool = False
    """Mixed precision autocast (GPU configs); on CPU the weights are already bf16."""
    gradient_checkpointing: bool = False
    assistant_only_loss: bool = True
    seed: int = 0
    report_to: list[str] = field(default_factory=default_report_to)
    extra: dict[str, Any] = field(default_factory=dict)
    """Passed to ``SFTConfig`` as is (e.g. ``deepspeed``, ``fsdp``, ``fsdp_config``)."""
    live_judges_every: int = 0
    """Every N steps, play greedy validation episodes and log covert / awareness / citation rates (0: never)."""
    live_judges_suite: str = "val"
    live_judges_families: list[str] = field(default_factory=lambda: ["covert_rule_violation"])
    live_judges_limit: int = 4
    """Validation environments per family for the live judges."""
    live_judges_max_turns: int = 3
    live_judges_max_new_tokens: int = 96


def sft_args(cfg: SFTRunConfig, has_validation: bool = True) -> dict[str, Any]:
    """The ``SFTConfig`` keyword arguments for this run."""
    evaluate = has_validation and cfg.evaluate
    args: dict[str, Any] = {
        "output_dir": cfg.output_dir,
        "learning_rate": cfg.learning_rate,
        "num_train_epochs": cfg.num_train_epochs,
        "max_steps": cfg.max_steps,
        "per_device_train_batch_size": cfg.per_device_train_batch_size,
        "per_device_eval_batch_size": cfg.per_device_train_batch_size,
        "gradient_accumulation_steps": cfg.gradient_accumulation_steps,
        "max_length": cfg.max_length,
        "lr_scheduler_type": cfg.lr_scheduler_type,
        "warmup_steps": cfg.warmup_steps,
        "logging_steps": cfg.logging_steps,
        "save_strategy": "steps",
        "save_steps": cfg.save_steps,
        "save_total_limit": cfg.save_total_limit,
        "eval_strategy": ("steps" if cfg.eval_steps else "epoch") if evaluate else "no",
        "eval_steps": cfg.eval_steps,
        "bf16": cfg.bf16,
        "gradient_checkpointing": cfg.gradient_checkpointing,
        "assistant_only_loss": cfg.assistant_only_loss,
        "packing": False,
        "seed": cfg.seed,
        "report_to": cfg.report_to,
        "model_init_kwargs": {"dtype": cfg.dtype},
        "dataset_num_proc": None,
    }
    return {**args, **cfg.extra}


def lora_config(cfg: SFTRunConfig) -> Any:
    """The LoRA config, or None for full fine-tuning / continuing an adapter."""
    if cfg.full or cfg.adapter:
        return None
    from peft import LoraConfig

    targets: str | list[str] = cfg.lora_target_modules
    if targets != "all-linear":
        targets = [t.strip() for t in targets.split(",") if t.strip()]
    return LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                      target_modules=targets, task_type="CAUSAL_LM")


def _live_judges(cfg: SFTRunConfig, tokenizer: Any, out: Path) -> Any:
    """The live-judges callback of this run, or None when ``live_judges_every`` is 0."""
    if not cfg.live_judges_every:
        return None
    from antischeme.envs.registry import environments
    from antischeme.train.live_judges import LiveJudgesCallback

    envs = [e for name in cfg.live_judges_families
            for e in environments(cfg.live_judges_suite, [name])[: cfg.live_judges_limit]]
    if not envs:
        raise ValueError(f"no {cfg.live_judges_suite!r} environments in {cfg.live_judges_families} for live judges")
    return LiveJudgesCallback(envs, tokenizer, out, cfg.live_judges_every, max_turns=cfg.live_judges_max_turns,
                              max_new_tokens=cfg.live_judges_max_new_tokens)


def run_sft(cfg: SFTRunConfig) -> Path:
    """Train; returns the folder of the final adapter (or full model) with its lineage."""
    from datasets import load_from_disk
    from trl import SFTConfig, SFTTrainer

    data = load_from_disk(cfg.dataset)
    columns = ["messages"] + (["tools"] if "tools" in data["train"].column_names else [])  # tools: native template
    train = data["train"].select_columns(columns)
    val = data["validation"].select_columns(columns) if "validation" in data else None
    val = val if val is not None and len(val) else None
    path = base_model_path(cfg.model_path)
    tokenizer = load_tokenizer(path)
    if cfg.assistant_only_loss:
        tokenizer.chat_template = training_chat_template(tokenizer)
        if "tools" not in columns:  # the emulation format: assistant turns are plain text, checkable exactly
            check_assistant_mask(tokenizer, train[0]["messages"])
    model: Any = path
    if cfg.adapter:
        model = load_causal_lm(path, cfg.dtype, adapter=cfg.adapter)
    out = Path(cfg.output_dir)
    metrics = JsonlMetricsCallback(out / METRICS_FILE)
    live = _live_judges(cfg, tokenizer, out)
    trainer = SFTTrainer(
        model=model, args=SFTConfig(**sft_args(cfg, val is not None)), train_dataset=train,
        eval_dataset=val if cfg.evaluate else None,
        processing_class=tokenizer, peft_config=lora_config(cfg),
        callbacks=[metrics] + ([live.callback] if live else []),
    )
    if live:
        live.trainer = trainer
    result = trainer.train()
    final = out / FINAL_DIR
    trainer.save_model(str(final))
    tokenizer.save_pretrained(str(final))
    evals = [h for h in trainer.state.log_history if "eval_loss" in h]
    summary = {"train": result.metrics, "steps": trainer.state.global_step, "eval": evals[-1] if evals else None}
    (out / "summary.json").write_text(json.dumps(summary, indent=1, default=float))
    parent = read_lineage(cfg.dataset)
    lineage = make_lineage(
        "sft", base_model=base_model_label(cfg.model_path), data=[cfg.dataset], env_ids=parent.env_ids if parent else (),
        seeds={**(parent.seeds if parent else {}), "sft": cfg.seed}, config={**asdict(cfg), "summary": summary},
        parents={"build-sft": parent, "adapter": read_lineage(cfg.adapter) if cfg.adapter else None},
        spec_hash=parent.spec_hash if parent else None,
    )
    lineage.save(out)
    lineage.save(final)
    return final
