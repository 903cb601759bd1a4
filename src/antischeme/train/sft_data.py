"""Stage 3 — build-sft: kept rollouts → a Hugging Face ``DatasetDict`` (train/validation) saved to disk.

Each example is the original conversation with **the spec removed** from the system prompt (context distillation: the
model must learn to act on the spec without seeing it), the original reasoning kept in the assistant turns, and tool
calls rendered in the format the model is served in (``train.render.render_example``): the tokenizer's native tool
template when it has one (rows then carry ``tools``, OpenAI function schemas as a JSON string, which TRL passes to the
template), else exactly the tool-emulation format the embedded model is prompted with at evaluation time.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from antischeme.envs.core import Environment
from antischeme.envs.core.prompting import system_prompt
from antischeme.envs.core.transcript import Message
from antischeme.envs.registry import environment
from antischeme.train.lineage import Lineage, make_lineage, read_lineage
from antischeme.train.render import render_example
from antischeme.train.rollouts import Rollout, read_rollouts

SPEC_TAG = "<anti_scheming_spec>"


class SpecLeakError(ValueError):
    """A training conversation still contains the spec."""


@dataclass
class BuildSFTConfig:
    """Settings of ``antischeme train build-sft``."""

    kept: str = "runs/filter"
    """kept.jsonl, or the filter folder holding it."""
    out_dir: str = "runs/sft_data"
    val_fraction: float = 0.1
    """Share of environments held out for validation (split by environment, so no episode leaks across)."""
    seed: int = 0
    model_path: str | None = None
    """The model to be trained (its tokenizer's chat template picks native or emulated tools); default: SmolLM2."""


def without_spec(messages: list[Message], env: Environment) -> list[Message]:
    """The conversation with its system prompt rebuilt without the spec (``prompting.system_prompt(env, None)``)."""
    return [Message(role="system", content=system_prompt(env, None))] + [m for m in messages if m.role != "system"]


def sft_example(rollout: Rollout, tokenizer: Any | None = None) -> dict[str, Any]:
    """One dataset row: ``messages`` (spec removed, reasoning kept; ``tools`` too for native templates) plus
    provenance columns."""
    env = environment(rollout.env_id)
    row = render_example(without_spec(rollout.transcript.messages, env), env, tokenizer)
    if any(SPEC_TAG in (m.get("content") or "") for m in row["messages"]):
        raise SpecLeakError(f"{rollout.id}: the spec is still present after removal")
    return {
        **row,
        "id": rollout.id,
        "env_id": rollout.env_id,
        "family": rollout.family,
        "epoch": rollout.epoch,
        "reward": rollout.reward,
        "source_model": rollout.model,
    }


def split_by_environment(rows: list[dict[str, Any]], val_fraction: float, seed: int) -> tuple[list, list]:
    """(train, validation) rows; whole environments go to validation, at least one when there are two or more."""
    envs = sorted({r["env_id"] for r in rows})
    random.Random(seed).shuffle(envs)
    n_val = 0 if len(envs) < 2 or val_fraction <= 0 else max(1, round(len(envs) * val_fraction))
    held = set(envs[:n_val])
    return [r for r in rows if r["env_id"] not in held], [r for r in rows if r["env_id"] in held]


def build_sft(cfg: BuildSFTConfig) -> Path:
    """Build and save the DatasetDict with its dataset card; returns the dataset folder."""
    from datasets import Dataset, DatasetDict

    kept_path = Path(cfg.kept)
    rollouts = read_rollouts(kept_path / "kept.jsonl" if kept_path.is_dir() else kept_path)
    if not rollouts:
        raise ValueError(f"no kept rollouts in {cfg.kept}: nothing to train on")
    tokenizer = None
    if cfg.model_path is not None:
        from antischeme.train.weights import load_tokenizer

        tokenizer = load_tokenizer(cfg.model_path)
    rows = [sft_example(r, tokenizer) for r in rollouts]
    train, val = split_by_environment(rows, cfg.val_fraction, cfg.seed)
    train_ds = Dataset.from_list(train)
    splits = {"train": train_ds}
    if val:  # an empty split cannot be reloaded from disk: leave it out (one environment, or val_fraction 0)
        splits["validation"] = Dataset.from_list(val, features=train_ds.features)
    out = Path(cfg.out_dir)
    DatasetDict(splits).save_to_disk(str(out))
    parent = read_lineage(kept_path if kept_path.is_dir() else kept_path.parent)
    lineage = make_lineage(
        "build-sft", base_model=parent.base_model if parent else None,
        data=sorted(p for p in out.rglob("*.arrow")), env_ids=[r["env_id"] for r in rows],
        seeds={**(parent.seeds if parent else {}), "split": cfg.seed},
        config={**asdict(cfg), "train_rows": len(train), "validation_rows": len(val)},
        parents={"filter": parent}, spec_hash=parent.spec_hash if parent else None,
    )
    lineage.save(out)
    (out / "README.md").write_text(dataset_card(lineage, train, val))
    return out


def dataset_card(lineage: Lineage, train: list[dict], val: list[dict]) -> str:
    families = sorted({r["family"] for r in train + val})
    return f"""---
pretty_name: antischeme deliberative-alignment SFT data
task_categories: [text-generation]
---
# antischeme SFT data (context distillation of the anti-scheming spec)

- rows: {len(train)} train, {len(val)} validation (split by environment)
- families: {", ".join(families)}
- environments: {len(lineage.env_ids)}
- spec hash (spec used at collection, removed here): `{lineage.spec_hash}`
- base model: {lineage.base_model}
- data hash (arrow files): `{lineage.data_hash}`

Each row's `messages` is one collected episode that had a good action-only outcome and reasoning judged to choose the
good action because of the spec. The system prompt is the environment's own, **without the spec**; the assistant turns
keep the original reasoning. Tool calls and results use the tool-emulation format of the evaluation prompts
(`<tool_call>{{"name": ..., "arguments": ...}}</tool_call>` in assistant turns, `<tool_response name="...">` in user
turns), so training and evaluation see identical formats. Train with loss on assistant turns only.

Columns: `messages`, `id` (env_id#epoch), `env_id`, `family`, `epoch`, `reward`, `source_model`.

## Lineage
```json
{json.dumps(lineage.model_dump(mode="json"), indent=1)}
```
"""
