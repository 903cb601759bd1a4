"""Time SFT and GRPO steps of the antischeme training stages against plain TRL on the same data (embedded SmolLM2,
CPU, toy size), side by side with ratios.

- SFT, ours: ``antischeme.train.sft`` settings — ChatML template with generation markers, assistant-only loss, LoRA.
  Plain TRL: ``SFTTrainer`` on the same conversations with the stock template, full-sequence loss, same LoRA.
- GRPO, ours: ``GRPOTrainer`` + the environment ``rollout_func`` (multi-turn episodes, tools executed in a Session,
  reward by replaying actions). Plain TRL: ``GRPOTrainer`` single-turn generation on the same opening prompts with
  the same token budget and a constant reward.

Run: ``.venv/bin/python benchmarks/bench_train.py [--steps 3]``. The first step of each run is a warm-up and is not
timed. Set ``OMP_WAIT_POLICY=PASSIVE`` on a shared machine (done below when unset).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")

from transformers import TrainerCallback  # noqa: E402

ENVS = ["lazy_checklist/release-none-deploy", "lazy_checklist/clinical-strong-eval"]


class StepTimer(TrainerCallback):
    def __init__(self) -> None:
        self.times: list[float] = []
        self.start = 0.0

    def on_step_begin(self, args, state, control, **kw):  # noqa: ANN001
        self.start = time.perf_counter()

    def on_step_end(self, args, state, control, **kw):  # noqa: ANN001
        self.times.append(time.perf_counter() - self.start)


def timed(times: list[float]) -> float:
    return statistics.median(times[1:] if len(times) > 1 else times)


def sft_data(root: Path) -> Path:
    from antischeme.train.collect import CollectConfig, collect
    from antischeme.train.filter import FilterConfig, filter_rollouts
    from antischeme.train.sft_data import BuildSFTConfig, build_sft

    collect(CollectConfig(out_dir=str(root / "c"), teacher="antischeme/saint", suite="test",
                          families=["lazy_checklist"], env_ids=ENVS, samples=2, display="none"))
    filter_rollouts(FilterConfig(rollouts=str(root / "c"), out_dir=str(root / "f")))
    return build_sft(BuildSFTConfig(kept=str(root / "f"), out_dir=str(root / "d"), val_fraction=0.0))


def bench_sft(data: Path, root: Path, steps: int, max_length: int) -> dict[str, float]:
    from datasets import load_from_disk
    from trl import SFTConfig, SFTTrainer

    from antischeme.train.sft import SFTRunConfig, lora_config, sft_args
    from antischeme.train.chat_template import training_chat_template
    from antischeme.train.weights import base_model_path, load_tokenizer

    path = base_model_path(None)
    train = load_from_disk(str(data))["train"].select_columns(["messages"])
    out = {}
    for name in ("plain", "ours"):
        cfg = SFTRunConfig(dataset=str(data), output_dir=str(root / f"sft_{name}"), max_steps=steps,
                           gradient_accumulation_steps=1, max_length=max_length, lora_r=8, lora_alpha=16,
                           save_steps=10_000, report_to=["none"], assistant_only_loss=name == "ours", evaluate=False)
        tok = load_tokenizer(path)
        if name == "ours":
            tok.chat_template = training_chat_template(tok)
        timer = StepTimer()
        args = sft_args(cfg, has_validation=False)
        trainer = SFTTrainer(model=path, args=SFTConfig(**args), train_dataset=train, processing_class=tok,
                             peft_config=lora_config(cfg), callbacks=[timer])
        trainer.train()
        tokens = trainer.state.num_input_tokens_seen or steps * max_length
        out[name] = timed(timer.times)
        out[f"{name}_tokens_per_step"] = tokens / max(1, trainer.state.global_step)
    return out


def bench_grpo(root: Path, steps: int, max_completion: int) -> dict[str, float]:
    from datasets import Dataset
    from trl import GRPOConfig, GRPOTrainer

    from antischeme.envs.registry import environment
    from antischeme.runners.trl import EnvironmentRollouts, make_env_trainer_class, outcome_reward, prompt_record
    from antischeme.train.rl import RLRunConfig, grpo_args
    from antischeme.train.sft import SFTRunConfig, lora_config
    from antischeme.train.weights import base_model_path, load_tokenizer

    path = base_model_path(None)
    envs = [environment(e) for e in ENVS[:1]]
    data = Dataset.from_list([prompt_record(e) for e in envs])
    out = {}
    for name in ("plain", "ours"):
        cfg = RLRunConfig(output_dir=str(root / f"grpo_{name}"), num_generations=2, per_device_train_batch_size=2,
                          max_steps=steps, max_turns=3, max_new_tokens=max_completion // 3,
                          max_completion_length=max_completion, save_steps=10_000, report_to=["none"], val_every=0)
        tok = load_tokenizer(path, padding_side="left")
        timer = StepTimer()
        peft = lora_config(SFTRunConfig(lora_r=8, lora_alpha=16))
        if name == "ours":
            trainer = make_env_trainer_class()(
                model=path, reward_funcs=[outcome_reward], args=GRPOConfig(**grpo_args(cfg)), train_dataset=data,
                processing_class=tok, peft_config=peft, callbacks=[timer],
                rollout_func=EnvironmentRollouts(envs, max_turns=cfg.max_turns, max_new_tokens=cfg.max_new_tokens))
        else:
            args = {**grpo_args(cfg), "remove_unused_columns": False}
            trainer = GRPOTrainer(model=path, reward_funcs=[lambda completions, **kw: [0.0] * len(completions)],
                                  args=GRPOConfig(**args), train_dataset=data, processing_class=tok,
                                  peft_config=peft, callbacks=[timer])
        trainer.train()
        lengths = [h["completions/mean_length"] for h in trainer.state.log_history if "completions/mean_length" in h]
        out[name] = timed(timer.times)
        out[f"{name}_policy_tokens"] = statistics.mean(lengths) if lengths else 0.0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--max-length", type=int, default=1024, help="SFT sequence length")
    parser.add_argument("--max-completion", type=int, default=192, help="GRPO completion budget")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sft = bench_sft(sft_data(root), root, a.steps, a.max_length)
        grpo = bench_grpo(root, a.steps, a.max_completion)
    print(f"{'stage':<6} {'plain TRL s/step':>17} {'antischeme s/step':>18} {'ratio':>7}   notes")
    print(f"{'SFT':<6} {sft['plain']:>17.2f} {sft['ours']:>18.2f} {sft['ours'] / sft['plain']:>7.2f}   "
          f"tokens/step {sft['plain_tokens_per_step']:.0f} vs {sft['ours_tokens_per_step']:.0f}; "
          "assistant-only loss vs full sequence")
    print(f"{'GRPO':<6} {grpo['plain']:>17.2f} {grpo['ours']:>18.2f} {grpo['ours'] / grpo['plain']:>7.2f}   "
          f"policy tokens/completion {grpo['plain_policy_tokens']:.0f} vs {grpo['ours_policy_tokens']:.0f}; "
          "multi-turn episodes with tools vs one turn")


if __name__ == "__main__":
    main()
