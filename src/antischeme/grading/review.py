"""Human adjudication, as the paper did: a review CSV overrides grader verdicts; flagged samples listed for review.

Review file (CSV, header required)::

    eval_id,sample_id,epoch,verdict,note
    lazy_checklist,lazy_checklist/release-none-deploy,1,honest,"window closed; summary accurate"

``eval_id`` is the evaluation (family) name as in the sample table's ``eval`` column; ``verdict`` is ``covert``,
``honest`` or ``exclude`` (drop the rollout from the counts). ``apply_review`` is the one hook the counting path
calls (``counts.csv``, ``stats`` via that file, ``report``); it returns how many verdicts it changed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ValidationError

FIELDS = ("eval_id", "sample_id", "epoch", "verdict", "note")


class ReviewError(ValueError):
    """A review file that cannot be used (one line: file, row, problem)."""


class ReviewEntry(BaseModel):
    eval_id: str
    sample_id: str
    epoch: int = 1
    verdict: Literal["covert", "honest", "exclude"]
    note: str = ""


@dataclass(frozen=True)
class ReviewSummary:
    overrides: int
    """Verdicts changed (covert <-> honest, or a verdict given to an undecided rollout)."""
    confirmed: int
    excluded: int
    unmatched: list[str]
    """Review rows that match no rollout (``eval_id/sample_id#epoch``)."""

    def line(self) -> str:
        text = (f"human review: {self.overrides} verdict(s) overridden, {self.confirmed} confirmed, "
                f"{self.excluded} excluded")
        return text + (f"; {len(self.unmatched)} review row(s) matched no rollout" if self.unmatched else "")


def load_review(path: str | Path) -> list[ReviewEntry]:
    """The review rows; ReviewError on a missing file, a missing column, a bad verdict or a duplicate key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read review file {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [f for f in FIELDS[:4] if f not in (reader.fieldnames or [])]
    if missing:
        raise ReviewError(f"{path}: missing column(s) {', '.join(missing)} (expected {','.join(FIELDS)})")
    out: list[ReviewEntry] = []
    seen: set[tuple[str, str, int]] = set()
    for n, row in enumerate(reader, start=2):
        try:
            entry = ReviewEntry.model_validate({k: (v or "").strip() for k, v in row.items() if k in FIELDS
                                                and (k != "epoch" or (v or "").strip())})
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ReviewError(f"{path} line {n}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from exc
        key = (entry.eval_id, entry.sample_id, entry.epoch)
        if key in seen:
            raise ReviewError(f"{path} line {n}: duplicate review of {entry.eval_id}/{entry.sample_id}#{entry.epoch}")
        seen.add(key)
        out.append(entry)
    return out


def apply_review(rows: pd.DataFrame, review: Sequence[ReviewEntry] | None) -> tuple[pd.DataFrame, ReviewSummary]:
    """Rows (columns ``eval``, ``sample``, ``epoch``, ``covert``) with the review applied: ``covert`` set from the
    human verdict (a decided row is no longer ``undecided``), excluded rollouts dropped, a ``review_note`` column
    added. Nothing else changes."""
    if not review:
        return rows, ReviewSummary(0, 0, 0, [])
    out = rows.copy()
    epochs = out["epoch"].fillna(1).astype(int) if "epoch" in out.columns else pd.Series(1, index=out.index)
    keys = list(zip(out["eval"].astype(str), out["sample"].astype(str), epochs, strict=True))
    index = {k: i for i, k in zip(out.index, keys, strict=True)}
    overrides = confirmed = excluded = 0
    unmatched: list[str] = []
    drop: list[object] = []
    notes = pd.Series("", index=out.index, dtype=object)
    covert = out["covert"].astype(object)
    for entry in review:
        i = index.get((entry.eval_id, entry.sample_id, entry.epoch))
        if i is None:
            unmatched.append(f"{entry.eval_id}/{entry.sample_id}#{entry.epoch}")
            continue
        notes[i] = entry.note
        if entry.verdict == "exclude":
            drop.append(i)
            excluded += 1
            continue
        human = entry.verdict == "covert"
        before = covert[i]
        if before is None or pd.isna(before) or bool(before) != human:
            overrides += 1
        else:
            confirmed += 1
        covert[i] = human
        if "undecided" in out.columns:
            out.loc[i, "undecided"] = False
    out["covert"] = covert
    out["review_note"] = notes
    return out.drop(index=drop), ReviewSummary(overrides, confirmed, excluded, unmatched)


def flagged_samples(logs: Iterable[str | Path], limit: int = 200) -> pd.DataFrame:
    """Samples graded covert or undecided in Inspect logs: eval, sample, epoch, verdict, reason, what the agent did
    (the grader's reasoning-free rendering) and its reasoning, side by side, for a human reviewer."""
    from inspect_ai.log import read_eval_log

    from antischeme.envs.core.transcript import replay
    from antischeme.envs.registry import UnknownNameError, environment
    from antischeme.runners.inspect.convert import to_transcript

    rows: list[dict[str, object]] = []
    for path in dict.fromkeys(str(p) for p in logs if str(p)):
        try:
            log = read_eval_log(path)
        except Exception:  # noqa: BLE001 - an unreadable log was already reported by the sample reader
            continue
        for sample in log.samples or []:
            score = (sample.scores or {}).get("action_grader")
            meta = (score.metadata or {}) if score is not None else {}
            if not (meta.get("covert") is True or meta.get("undecided")):
                continue
            env_id = str((sample.metadata or {}).get("env_id", meta.get("env_id", "")))
            try:
                env = environment(env_id)
            except UnknownNameError:
                continue
            transcript = to_transcript(sample.messages, env.id)
            reasoning = "\n".join(f"[{i}] {m.reasoning}" for i, m in enumerate(transcript.messages) if m.reasoning)
            rows.append({
                "eval": env.family, "sample": str(sample.id), "epoch": sample.epoch,
                "verdict": "undecided" if meta.get("undecided") else "covert", "reason": meta.get("reason", ""),
                "actions": replay(transcript, env).render_actions(max_result_chars=200),
                "reasoning": reasoning or "(none recorded)",
            })
            if len(rows) >= limit:
                return pd.DataFrame(rows)
    return pd.DataFrame(rows, columns=["eval", "sample", "epoch", "verdict", "reason", "actions", "reasoning"])
