"""Rollout records: one collected episode with its transcript, action-only verdict, reward and environment metadata."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from antischeme.envs.core import Transcript, Verdict

ROLLOUTS_FILE = "rollouts.jsonl"
KEPT_FILE = "kept.jsonl"


class Rollout(BaseModel):
    """One episode collected for training (a line of ``rollouts.jsonl``)."""

    id: str = Field(description="env_id#epoch, unique within a collection")
    env_id: str
    family: str
    split: str
    factors: dict[str, str] = Field(default_factory=dict)
    epoch: int
    model: str = Field(description="the model that produced the episode (the teacher when one is given)")
    with_spec: bool
    spec_hash: str
    verdict: Verdict
    reward: float
    reward_fn: str
    log: str = ""
    transcript: Transcript
    judgement: dict[str, Any] | None = Field(default=None, description="set by the filter")


def write_rollouts(path: str | Path, rollouts: Iterable[Rollout]) -> int:
    """Write JSON lines; returns the count."""
    n = 0
    with Path(path).open("w") as fh:
        for r in rollouts:
            fh.write(r.model_dump_json(exclude_none=True) + "\n")
            n += 1
    return n


def read_rollouts(path: str | Path) -> list[Rollout]:
    """Read ``rollouts.jsonl`` (a file, or a folder holding one)."""
    p = Path(path)
    if p.is_dir():
        p = p / ROLLOUTS_FILE
    if not p.is_file():
        raise FileNotFoundError(f"no rollouts file at {p}")
    out = []
    for i, line in enumerate(p.read_text().splitlines(), 1):
        if line.strip():
            try:
                out.append(Rollout.model_validate_json(line))
            except ValueError as exc:
                raise ValueError(f"{p}:{i}: not a rollout record ({exc.__class__.__name__})") from exc
    return out
