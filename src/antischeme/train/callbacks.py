"""Trainer callbacks: metrics as JSON lines, and periodic validation with early stopping on plateau."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from transformers import TrainerCallback

METRICS_FILE = "metrics.jsonl"


class JsonlMetricsCallback(TrainerCallback):
    """Appends every logged metrics dict (with step, epoch and wall time) to ``metrics.jsonl``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.start = time.perf_counter()

    def write(self, record: dict[str, Any]) -> None:
        with self.path.open("a") as fh:
            fh.write(json.dumps(record, default=float) + "\n")

    def on_log(self, args, state, control, logs=None, **kwargs):  # noqa: ANN001
        if state.is_world_process_zero and logs:
            self.write({"step": state.global_step, "epoch": state.epoch,
                        "elapsed_s": round(time.perf_counter() - self.start, 3), **logs})


class ValidationEarlyStopping(TrainerCallback):
    """Every ``every`` steps, score the policy on held-out environments; stop when the score has not improved by more
    than ``min_delta`` for ``patience`` validations in a row (a plateau)."""

    def __init__(self, evaluate: Callable[[Any], dict[str, float]], every: int, patience: int = 3,
                 min_delta: float = 0.0, metric: str = "val/reward",
                 log: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.evaluate = evaluate
        self.every = max(1, every)
        self.patience = patience
        self.min_delta = min_delta
        self.metric = metric
        self.log = log
        self.best: float | None = None
        self.bad = 0
        self.history: list[dict[str, Any]] = []
        self.trainer: Any = None

    def on_step_end(self, args, state, control, **kwargs):  # noqa: ANN001
        if state.global_step % self.every:
            return control
        model = kwargs.get("model")
        scores = self.evaluate(model)
        value = scores[self.metric]
        improved = self.best is None or value > self.best + self.min_delta
        self.best = value if improved else self.best
        self.bad = 0 if improved else self.bad + 1
        record = {"step": state.global_step, **scores, "val/best": self.best, "val/plateau_count": self.bad}
        self.history.append(record)
        if self.log is not None:
            self.log(record)
        if self.bad >= self.patience:
            record["early_stop"] = True
            control.should_training_stop = True
        return control
