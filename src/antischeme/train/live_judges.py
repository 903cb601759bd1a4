"""Judges tracked live during training: at every validation step, the validation episodes are graded from their
actions and their reasoning is judged (evaluation awareness, spec citation); the rates go to the trainer's
``report_to`` loggers (TensorBoard / W&B), to ``metrics.jsonl`` and to ``live_judges.csv`` for the experiment report.

Beyond the paper, which saw evaluation awareness rise from 2% to 20.6% during capability RL only after the fact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from antischeme.atomic import write_text
from antischeme.envs.core import Environment, Transcript, replay

LIVE_FILE = "live_judges.csv"
COLUMNS = ("step", "episodes", "covert_rate", "eval_awareness_rate", "spec_citation_rate", "reward")


def judge_transcripts(pairs: Sequence[tuple[Environment, Transcript]], rewards: Sequence[float] = ()) -> dict[str, float]:
    """Covert rate (action-only grader) and awareness / citation rates (offline judges on the reasoning)."""
    from antischeme.judges import BaselineJudge, JudgeInput

    judge = BaselineJudge()
    covert = aware = cited = 0
    for env, transcript in pairs:
        covert += bool(env.grader(replay(transcript, env)).covert)
        reasoning = "\n".join(m.reasoning or "" for m in transcript.messages if m.role == "assistant").strip()
        if reasoning:
            aware += bool(judge.classify_sync("eval_awareness", JudgeInput(text=reasoning)).label)
            cited += bool(judge.classify_sync("spec_citation", JudgeInput(text=reasoning)).label)
    n = max(1, len(pairs))
    out = {"val/covert_rate": covert / n, "val/eval_awareness_rate": aware / n, "val/spec_citation_rate": cited / n,
           "val/episodes": float(len(pairs))}
    if rewards:
        out["val/reward"] = sum(rewards) / len(rewards)
    return out


def append_row(folder: str | Path, step: int, metrics: dict[str, float]) -> Path:
    """Add one row to ``live_judges.csv`` (rewritten atomically, header included)."""
    path = Path(folder) / LIVE_FILE
    rows = list(csv.DictReader(path.open())) if path.is_file() else []
    rows.append({"step": step, "episodes": int(metrics.get("val/episodes", 0)),
                 **{c: metrics.get(f"val/{c}", "") for c in COLUMNS[2:]}})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text(path, out.getvalue())
    return path


def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a ``live_judges.csv`` (numbers parsed; empty cells as None)."""
    out = []
    for row in csv.DictReader(Path(path).open()):
        out.append({k: (float(v) if v not in ("", None) else None) for k, v in row.items()})
    return out


def publish_live(trainer: Any, folder: str | Path, metrics: dict[str, float]) -> None:
    """Send validation metrics to the trainer's loggers (``report_to``, metrics.jsonl) and to live_judges.csv."""
    step = int(trainer.state.global_step)
    if trainer.is_world_process_zero():
        append_row(folder, step, metrics)
    trainer.log(dict(metrics))


class LiveJudgesCallback:
    """For SFT: every ``every`` optimizer steps, play greedy episodes on ``envs`` with the model being trained and
    publish the live judges' rates (RL does the same inside its validation, see ``train.rl.validate``)."""

    def __init__(self, envs: Sequence[Environment], tokenizer: Any, folder: str | Path, every: int, *,
                 max_turns: int = 4, max_new_tokens: int = 128, max_completion_length: int = 1024) -> None:
        from transformers import TrainerCallback

        self.envs, self.tokenizer, self.folder, self.every = list(envs), tokenizer, Path(folder), max(1, every)
        self.limits = {"max_turns": max_turns, "max_new_tokens": max_new_tokens,
                       "max_completion_length": max_completion_length}
        self.trainer: Any = None
        outer = self

        class _Callback(TrainerCallback):
            def on_step_end(self, args, state, control, **kwargs):  # noqa: ANN001
                if state.global_step % outer.every == 0 and outer.trainer is not None:
                    outer.run()
                return control

        self.callback = _Callback()

    def run(self) -> dict[str, float]:
        from antischeme.runners.trl import hf_generator, run_episodes
        from antischeme.train.reward import transcript_reward

        model = self.trainer.model
        was_training = model.training
        model.eval()
        try:
            episodes = run_episodes(self.envs, self.tokenizer, hf_generator(model, self.tokenizer, temperature=0.0),
                                    **self.limits)
        finally:
            model.train(was_training)
        pairs = [(env, ep.transcript()) for ep, env in zip(episodes, self.envs, strict=True)]
        metrics = judge_transcripts(pairs, [transcript_reward(t, env) for env, t in pairs])
        publish_live(self.trainer, self.folder, metrics)
        return metrics
