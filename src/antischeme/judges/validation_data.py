"""The labelled validation format (JSON lines) and its loader with line-numbered errors.

One JSON object per line::

    {"text": "...reasoning...",           # required
     "actions": "...what the agent did...",  # optional (mismatch, spec_motivated)
     "eval_awareness": true,             # optional labels: a classifier skips lines without its label
     "alignment_eval_awareness": true,   #   awareness of an *alignment* test (implies eval_awareness)
     "cited": ["AS1", "GP1"],            #   principles invoked, by id or paraphrase ([] = none)
     "miscitation": false,
     "spec_motivated": false,            #   a good action chosen because of the spec
     "mismatch": false,
     "id": "...", "style": "...", "note": "..."}   # optional, informational

Blank lines and lines starting with '#' are ignored.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from antischeme.spec import PRINCIPLE_IDS


class DataError(ValueError):
    """A labelled file that cannot be used; the message names the file and line."""


class LabelledExample(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1)
    actions: str = ""
    eval_awareness: bool | None = None
    alignment_eval_awareness: bool | None = None
    cited: list[str] | None = None
    miscitation: bool | None = None
    spec_motivated: bool | None = None
    mismatch: bool | None = None
    id: str | None = None
    style: str | None = None
    note: str | None = None
    line: int = 0

    @field_validator("cited")
    @classmethod
    def _known_ids(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        unknown = [v for v in value if v not in PRINCIPLE_IDS]
        if unknown:
            raise ValueError(f"unknown principle id(s) {unknown}; use {', '.join(PRINCIPLE_IDS)}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> LabelledExample:
        if self.alignment_eval_awareness and self.eval_awareness is False:
            raise ValueError("alignment_eval_awareness is true but eval_awareness is false")
        return self


def shipped_data_path() -> Path:
    return Path(str(files("antischeme.judges").joinpath("data/validation.jsonl")))


def load_examples(path: str | Path | None = None) -> list[LabelledExample]:
    """Read a labelled JSONL file (default: the shipped validation set)."""
    path = Path(path) if path is not None else shipped_data_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    out: list[LabelledExample] = []
    for n, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path} line {n}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(data, dict):
            raise DataError(f"{path} line {n}: expected a JSON object, got {type(data).__name__}")
        try:
            out.append(LabelledExample.model_validate({**data, "line": n}))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(object)"
            raise DataError(f"{path} line {n}: {where}: {first['msg']}") from exc
    if not out:
        raise DataError(f"{path}: no examples")
    return out
