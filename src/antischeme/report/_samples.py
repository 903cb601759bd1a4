"""Inspect logs → one row per rollout: label, model, eval, category, covert, outcome and judge flags."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from antischeme.report._counterfactual import counterfactual_verdicts
from antischeme.runners.inspect.log_select import FINISHED, select_logs, warn_dropped

ACTION_SCORER = "action_grader"
JUDGE_SCORERS: dict[str, str] = {"eval_awareness": "judge_eval_awareness", "spec_citation": "judge_spec_citation"}
SAMPLE_FIELDS: tuple[str, ...] = (
    "label", "model", "eval", "title", "category", "in_headline", "measures", "grading",
    "sample", "epoch", "covert", "undecided", "outcome", "error", "reason", "details",
    "eval_awareness", "spec_citation", "log", "partial",
)
ERRORED = "errored"
"""The ``outcome`` of a sample that raised (after Inspect's retries) instead of finishing."""


class LogError(ValueError):
    """Logs that cannot be read or hold nothing to report."""


def _verdict(field: str) -> Callable[[Any], Any]:
    def extract(sample: Any) -> Any:
        score = (sample.scores or {}).get(ACTION_SCORER)
        return None if score is None or not score.metadata else score.metadata.get(field)

    return extract


def _details(sample: Any) -> Any:
    score = (sample.scores or {}).get(ACTION_SCORER)
    details = None if score is None or not score.metadata else score.metadata.get("details")
    return json.dumps(details, sort_keys=True) if details else None


def _flag(scorer: str) -> Callable[[Any], Any]:
    def extract(sample: Any) -> Any:
        score = (sample.scores or {}).get(scorer)
        value = None if score is None else score.value
        if isinstance(value, bool):
            return value
        return bool(value >= 0.5) if isinstance(value, int | float) else None

    return extract


def _columns() -> list[Any]:
    from inspect_ai.analysis import EvalColumn, SampleColumn

    return [
        EvalColumn("model", path="eval.model", required=True),
        EvalColumn("task", path="eval.task", required=True),
        EvalColumn("task_family", path="eval.metadata.family"),
        EvalColumn("title", path="eval.metadata.title"),
        EvalColumn("task_category", path="eval.metadata.category"),
        EvalColumn("in_headline", path="eval.metadata.in_headline"),
        EvalColumn("measures", path="eval.metadata.measures"),
        EvalColumn("grading", path="eval.metadata.grading"),
        EvalColumn("status", path="status"),
        EvalColumn("created", path="eval.created", type=str),
        SampleColumn("sample", path="id", required=True, type=str),
        SampleColumn("epoch", path="epoch"),
        SampleColumn("sample_family", path="metadata.family"),
        SampleColumn("sample_category", path="metadata.category"),
        SampleColumn("covert", path=_verdict("covert")),
        SampleColumn("undecided", path=_verdict("undecided")),
        SampleColumn("outcome", path=_verdict("outcome")),
        SampleColumn("reason", path=_verdict("reason")),
        SampleColumn("details", path=_details),
        SampleColumn("error", path="error", type=str),
        SampleColumn("completed_at", path="completed_at", type=str),
        *(SampleColumn(name, path=_flag(scorer)) for name, scorer in JUDGE_SCORERS.items()),
    ]


def log_files(paths: Sequence[Path]) -> list[str]:
    """Every Inspect log named or found (recursively) under the paths, in a stable order."""
    from inspect_ai.log import list_eval_logs

    found: list[str] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(info.name for info in list_eval_logs(str(path.resolve())))
            if not inside:
                raise LogError(f"{path}: no Inspect logs (.eval or .json) in this directory")
            found += inside
        elif path.is_file():
            if path.suffix not in (".eval", ".json"):
                raise LogError(f"{path}: not an Inspect log (expected a .eval or .json file)")
            found.append(path.resolve().as_posix())
        else:
            raise LogError(f"{path}: no such file or directory")
    return list(dict.fromkeys(found))


def _first_present(frame: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for col in columns:
        if col in frame.columns:
            out = out.where(out.notna(), frame[col])
    return out


def _as_boolean(series: pd.Series) -> pd.Series:
    return series.map(lambda v: None if v is None or pd.isna(v) else bool(v)).astype("boolean")


def normalise(raw: pd.DataFrame, label: str | None) -> pd.DataFrame:
    """samples_df output → the sample table (``SAMPLE_FIELDS``); ``label`` None means label by model."""
    task_name = raw["task"].astype(str).str.split("/").str[-1]
    out = pd.DataFrame(index=raw.index)
    out["model"] = raw["model"].astype(str)
    out["label"] = out["model"] if label is None else label
    out["eval"] = _first_present(raw, ["task_family", "sample_family"]).fillna(task_name).astype(str)
    out["title"] = _first_present(raw, ["title"]).fillna(out["eval"]).astype(str)
    out["category"] = _first_present(raw, ["task_category", "sample_category"]).astype(object)
    out["in_headline"] = _as_boolean(_first_present(raw, ["in_headline"]))
    out["measures"] = _first_present(raw, ["measures"]).fillna("covert_action").astype(str)
    out["grading"] = _first_present(raw, ["grading"]).astype(object)
    out["sample"] = raw["sample"].astype(str)
    out["epoch"] = raw["epoch"] if "epoch" in raw.columns else 1
    error = _first_present(raw, ["error"])
    errored = error.notna() & (error.astype(str).str.len() > 0)
    out["covert"] = _as_boolean(_first_present(raw, ["covert"]).where(~errored, None))
    out["undecided"] = _as_boolean(_first_present(raw, ["undecided"])).fillna(False).astype(bool)
    out["outcome"] = _first_present(raw, ["outcome"]).astype(object).where(~errored, ERRORED)
    out["error"] = error.where(errored, None).astype(object)
    out["reason"] = _first_present(raw, ["reason"]).astype(object)
    out["details"] = _first_present(raw, ["details"]).astype(object)
    for name in JUDGE_SCORERS:
        out[name] = _as_boolean(_first_present(raw, [name]))
    out["log"] = raw["log"].astype(str) if "log" in raw.columns else ""
    status = _first_present(raw, ["status"]).fillna(FINISHED)
    out["partial"] = (status != FINISHED).astype(bool)
    return out.loc[:, list(SAMPLE_FIELDS)].reset_index(drop=True)


def latest_per_sample(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per (task, model, sample id, epoch): the latest completed (warns with the number dropped)."""
    stamp = (_first_present(raw, ["completed_at"]).fillna("").astype(str) + "|"
             + _first_present(raw, ["created"]).fillna("").astype(str))
    key = pd.DataFrame({"task": raw["task"].astype(str).str.split("/").str[-1], "model": raw["model"].astype(str),
                        "sample": raw["sample"].astype(str),
                        "epoch": raw["epoch"] if "epoch" in raw.columns else 1, "stamp": stamp})
    order = key.sort_values("stamp", kind="stable").index
    latest = ~key.loc[order].duplicated(["task", "model", "sample", "epoch"], keep="last")
    kept = sorted(order[latest.to_numpy()])
    warn_dropped(len(raw) - len(kept))
    return raw.loc[kept].reset_index(drop=True)


def read_samples(paths: Sequence[Path], label: str | None = None, partial: bool = False) -> pd.DataFrame:
    """The sample table of the logs under ``paths``; rows are labelled ``label`` or, if None, by model.

    Only finished logs are read unless ``partial`` (then rows of unfinished logs have ``partial=True``); each
    sample appears once (its latest result); verdicts a family decides against a counterfactual are filled in.
    """
    from inspect_ai.analysis import samples_df

    try:
        files = select_logs(log_files(paths), partial=partial).kept
    except LogError:
        raise
    except Exception as err:  # inspect raises many types for unreadable logs
        raise LogError(f"cannot read Inspect logs ({type(err).__name__}: {err})") from None
    if not files:
        raise LogError(f"no finished Inspect logs in {', '.join(str(p) for p in paths)}; "
                       "pass --partial to read unfinished ones")
    try:
        with warnings.catch_warnings():  # inspect_ai calls a pandas API that pandas 3 deprecates
            warnings.filterwarnings("ignore", message="The inplace keyword", category=Warning)
            raw = samples_df(files, columns=_columns(), quiet=True)
    except Exception as err:  # inspect raises many types for unreadable logs
        raise LogError(f"cannot read Inspect logs ({type(err).__name__}: {err})") from None
    if raw.empty:
        raise LogError(f"no samples in {', '.join(str(p) for p in paths)}")
    return counterfactual_verdicts(normalise(latest_per_sample(raw), label))
