"""Read Inspect ``.eval``/``.json`` logs into per-sample records: ids, metadata, covert verdict, reasoning, actions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from inspect_ai.log import read_eval_log, read_eval_log_samples
from pydantic import BaseModel

from antischeme.judges.trace import trace_from_messages

GRADER_SCORER = "action_grader"
# Inspect names JSON logs with a timestamp first; other .json files in a log directory are not logs.
_JSON_LOG_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}[:-]\d{2}[:-]\d{2}.*\.json$")


class LogError(ValueError):
    """A path that is not a readable Inspect log (or contains none)."""


class SampleRecord(BaseModel):
    """One sample of one log, ready for the judges."""

    log: str
    task: str
    model: str
    sample_id: str
    epoch: int
    env_id: str | None = None
    family: str | None = None
    category: str | None = None
    split: str | None = None
    factors: str | None = None  # JSON text, so the column stays flat in parquet/CSV
    covert: bool | None = None
    grader_value: float | None = None
    outcome: str | None = None
    grader_reason: str | None = None
    reasoning: str = ""
    actions: str = ""
    completed_at: str = ""
    """When the sample finished (then when its log was created): orders duplicate results of one sample."""


def find_logs(paths: Sequence[str | Path]) -> list[Path]:
    """Log files named directly, and every ``*.eval`` (and Inspect-named ``*.json``) log under directories."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            inside = (q for q in p.rglob("*") if q.is_file())
            found += sorted(q for q in inside if q.suffix == ".eval" or _JSON_LOG_NAME.match(q.name))
        elif p.is_file():
            found.append(p)
        else:
            raise LogError(f"no such log file or directory: {p}")
    if not found:
        raise LogError(f"no .eval or .json logs found in {', '.join(str(p) for p in paths)}")
    return found


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_records(path: Path) -> Iterator[SampleRecord]:
    """Records of every sample in one log."""
    try:
        header = read_eval_log(str(path), header_only=True)
        samples = read_eval_log_samples(str(path), all_samples_required=False, resolve_attachments=True)
        for sample in samples:
            meta = sample.metadata or {}
            grader = (sample.scores or {}).get(GRADER_SCORER)
            verdict = (grader.metadata or {}) if grader is not None else {}
            factors = meta.get("factors")
            trace = trace_from_messages(sample.messages)
            yield SampleRecord(
                log=str(path),
                task=header.eval.task,
                model=header.eval.model,
                sample_id=str(sample.id),
                epoch=sample.epoch,
                env_id=meta.get("env_id") or verdict.get("env_id") or str(sample.id),
                family=meta.get("family") or header.eval.task,
                category=meta.get("category"),
                split=meta.get("split"),
                factors=json.dumps(factors, sort_keys=True) if factors is not None else None,
                covert=verdict.get("covert") if isinstance(verdict.get("covert"), bool) else None,
                grader_value=_float(grader.value) if grader is not None else None,
                outcome=verdict.get("outcome"),
                grader_reason=verdict.get("reason"),
                reasoning=trace.reasoning,
                actions=trace.actions,
                completed_at=f"{sample.completed_at or ''}|{header.eval.created}",
            )
    except LogError:
        raise
    except Exception as exc:  # noqa: BLE001 - any unreadable file becomes one clear message
        raise LogError(f"cannot read Inspect log {path}: {type(exc).__name__}: {exc}") from exc
