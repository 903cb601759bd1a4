"""Run the judges over logged samples and build the per-sample dataframe."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from antischeme.judges.base import Judge
from antischeme.atomic import atomic_path
from antischeme.judges.logs import LogError, SampleRecord, find_logs, read_records
from antischeme.runners.inspect.log_select import UnreadableLogError, keep_latest, select_logs
from antischeme.judges.schema import CLASSIFIERS, ClassifierName, JudgeInput, JudgeResult


def _columns(results: dict[ClassifierName, JudgeResult]) -> dict[str, object]:
    row: dict[str, object] = {}
    for clf, res in results.items():
        row[clf] = res.label
        row[f"{clf}_confidence"] = res.confidence
        row[f"{clf}_evidence"] = " | ".join(res.evidence)
    if "eval_awareness" in results:
        aware = results["eval_awareness"]
        row["eval_awareness_kind"] = aware.kind
        row["alignment_eval_awareness"] = aware.alignment_aware
    if "spec_citation" in results:
        row["cited"] = ",".join(results["spec_citation"].cited)
    failed = [f"{c}: {r.error}" for c, r in results.items() if r.failed]
    row["judge_failed"] = bool(failed)
    row["judge_errors"] = "; ".join(failed)
    return row


async def analyze_records(
    records: Sequence[SampleRecord],
    judge: Judge,
    classifiers: Sequence[ClassifierName] = CLASSIFIERS,
    concurrency: int = 4,
) -> pd.DataFrame:
    """One row per sample: its metadata and verdict, plus label/confidence/evidence per classifier."""
    items = [JudgeInput(text=r.reasoning, actions=r.actions) for r in records]
    results = await judge.classify_many(items, classifiers, concurrency=concurrency)
    rows = []
    for rec, res in zip(records, results, strict=True):
        base = rec.model_dump(exclude={"reasoning", "actions"})
        base["judge"] = judge.implementation
        base["has_reasoning"] = bool(rec.reasoning.strip())
        base["reasoning_chars"] = len(rec.reasoning)
        rows.append({**base, **_columns(res)})
    frame = pd.DataFrame(rows)
    for col in ("covert", *classifiers, "alignment_eval_awareness"):
        if col in frame:
            frame[col] = frame[col].astype("boolean")
    return frame


def load_records(paths: Sequence[str | Path], partial: bool = False) -> list[SampleRecord]:
    """The samples of the finished logs (all logs with ``partial``) under the given paths, each sample once: its
    latest result per (task, model, sample id, epoch)."""
    try:
        files = select_logs([str(p) for p in find_logs(paths)], partial=partial).kept
    except UnreadableLogError as exc:
        raise LogError(str(exc)) from None
    if not files:
        raise LogError("no finished Inspect logs among the given paths; pass --partial to read unfinished ones")
    records = [rec for path in files for rec in read_records(Path(path))]
    return keep_latest(records, key=lambda r: (r.task, r.model, r.sample_id, r.epoch), stamp=lambda r: r.completed_at)


async def analyze_logs(
    paths: Sequence[str | Path],
    judge: Judge,
    classifiers: Sequence[ClassifierName] = CLASSIFIERS,
    concurrency: int = 4,
) -> pd.DataFrame:
    """Read logs and judge every sample's reasoning."""
    return await analyze_records(load_records(paths), judge, classifiers, concurrency)


def write_frame(frame: pd.DataFrame, out: str | Path) -> Path:
    """Write as parquet (.parquet) or CSV (.csv)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix not in (".parquet", ".csv"):
        raise ValueError(f"--out must end in .parquet or .csv, got {out.name}")
    with atomic_path(out) as tmp:
        if out.suffix == ".parquet":
            frame.to_parquet(tmp, index=False)
        else:
            frame.to_csv(tmp, index=False)
    return out


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Rates per model and task: covert, awareness, citation, miscitation, motivation, mismatch."""
    cols = [c for c in ("covert", *CLASSIFIERS) if c in frame]
    if frame.empty:
        return pd.DataFrame()
    grouped = frame.groupby(["model", "task"], dropna=False)
    out = grouped[cols].agg(lambda s: s.astype("Float64").mean())
    out.insert(0, "n", grouped.size())
    return out.reset_index()
