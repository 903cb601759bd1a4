"""Base rollouts: graded samples of Inspect logs, with their transcripts and covert verdicts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from antischeme.envs.core import Transcript


@dataclass(frozen=True)
class BaseRollout:
    """One base trajectory: the cluster every continuation of it belongs to."""

    id: str
    env_id: str
    family: str
    epoch: int
    log: str
    model: str
    model_args: dict[str, Any]
    covert: bool
    transcript: Transcript


def load_bases(logs: Iterable[str | Path], family: str | None = None) -> list[BaseRollout]:
    """Per-sample graded samples of the logs (aggregate-graded families have no per-sample verdict: skipped)."""
    from inspect_ai.log import read_eval_log

    from antischeme.runners.inspect.logs import log_paths, samples

    out: list[BaseRollout] = []
    seen: dict[str, int] = {}
    for path in log_paths(logs):
        log = read_eval_log(str(path))
        if log.eval.task.startswith("intervene_"):
            continue  # continuations written by an earlier intervention run are not base rollouts
        for s in samples(log):
            if (family and s.family != family) or s.verdict.covert is None:
                continue
            # a content-derived id: the same base rollouts give the same continuation ids (and seeds) in every run
            # content-derived, over set fields only: an optional field added to the format keeps existing ids
            dump = s.transcript.model_dump_json(exclude={"metadata"}, exclude_none=True)
            digest = hashlib.sha256(dump.encode()).hexdigest()[:10]
            base_id = f"{s.env_id}#{s.epoch}@{digest}"
            seen[base_id] = seen.get(base_id, 0) + 1
            base_id += f".{seen[base_id]}" if seen[base_id] > 1 else ""
            out.append(BaseRollout(id=base_id, env_id=s.env_id, family=s.family,
                                   epoch=s.epoch, log=str(path), model=s.model,
                                   model_args=dict(log.eval.model_args or {}), covert=bool(s.verdict.covert),
                                   transcript=s.transcript))
    return out
