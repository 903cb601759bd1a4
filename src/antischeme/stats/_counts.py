"""The counts table: one row per evaluation with ``n`` rollouts of which ``k`` were covert."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, Field, ValidationError, model_validator

COUNT_COLUMNS: tuple[str, ...] = ("eval", "n", "k")
EXTRA_COLUMNS: tuple[str, ...] = ("undecided", "errored")
"""Optional columns: samples not in ``n`` because no verdict could be given, or because the sample errored."""


class CountsError(ValueError):
    """A counts table that cannot be used; the message says where and why."""


class CountRow(BaseModel, frozen=True):
    """One evaluation's counts."""

    eval: str = Field(min_length=1)
    n: int = Field(ge=0, strict=True)
    k: int = Field(ge=0, strict=True)
    undecided: int | None = Field(default=None, ge=0, strict=True)
    errored: int | None = Field(default=None, ge=0, strict=True)

    @model_validator(mode="after")
    def _k_within_n(self) -> CountRow:
        if self.k > self.n:
            raise ValueError(f"k ({self.k}) > n ({self.n})")
        return self


def _parse_count(text: str, column: str, where: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CountsError(f"{where}: {column} must be a whole number, got {text!r}") from None
    if value < 0:
        raise CountsError(f"{where}: {column} must not be negative, got {value}")
    return value


def _row(record: dict[str, str], where: str) -> CountRow:
    name = (record.get("eval") or "").strip()
    if not name:
        raise CountsError(f"{where}: eval name is empty")
    n = _parse_count((record.get("n") or "").strip(), "n", where)
    k = _parse_count((record.get("k") or "").strip(), "k", where)
    cells = {c: str(record.get(c) or "").strip() for c in EXTRA_COLUMNS}
    extra = {c: _parse_count(v, c, where) for c, v in cells.items() if v not in ("", "nan", "None")}
    try:
        return CountRow(eval=name, n=n, k=k, **extra)
    except ValidationError as err:
        raise CountsError(f"{where} ({name}): {err.errors()[0]['msg'].removeprefix('Value error, ')}") from None


def counts_frame(rows: list[CountRow], source: str) -> pd.DataFrame:
    """Rows → a DataFrame with columns eval, n, k; rejects an empty table and duplicate evals."""
    if not rows:
        raise CountsError(f"{source}: no rows")
    names = [r.eval for r in rows]
    dupes = sorted({x for x in names if names.count(x) > 1})
    if dupes:
        raise CountsError(f"{source}: duplicate eval rows: {', '.join(dupes)}")
    frame = pd.DataFrame(
        {"eval": names, "n": [r.n for r in rows], "k": [r.k for r in rows]}
    ).astype({"eval": str, "n": "int64", "k": "int64"})
    for c in EXTRA_COLUMNS:  # kept (missing cells as 0) when any row has the column
        if any(getattr(r, c) is not None for r in rows):
            frame[c] = [getattr(r, c) or 0 for r in rows]
    return frame


def validate_counts(frame: pd.DataFrame, source: str = "counts") -> pd.DataFrame:
    """Check an in-memory table with columns eval, n, k (as built from logs); returns a clean copy."""
    absent = [c for c in COUNT_COLUMNS if c not in frame.columns]
    if absent:
        raise CountsError(f"{source}: missing column(s) {', '.join(absent)}; expected eval,n,k")
    columns = [*COUNT_COLUMNS, *(c for c in EXTRA_COLUMNS if c in frame.columns)]
    rows = [
        _row({c: str(rec[c]) for c in columns}, f"{source} row {i + 1}")
        for i, rec in enumerate(frame[columns].to_dict("records"))
    ]
    return counts_frame(rows, source)


def read_counts(path: Path) -> pd.DataFrame:
    """Read and validate a counts CSV (header ``eval,n,k``; optional ``undecided``/``errored`` columns are kept,
    any other column is ignored)."""
    if not path.is_file():
        raise CountsError(f"{path}: no such file")
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:  # tolerate a spreadsheet BOM
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            if not header:
                raise CountsError(f"{path}: empty file; expected a header eval,n,k")
            absent = [c for c in COUNT_COLUMNS if c not in header]
            if absent:
                raise CountsError(
                    f"{path}: missing column(s) {', '.join(absent)}; found {', '.join(header)}; expected eval,n,k"
                )
            reader.fieldnames = header
            rows = []
            for record in reader:
                if all(not (v or "").strip() for v in record.values() if isinstance(v, str)):
                    continue  # blank line
                if None in record:
                    raise CountsError(f"{path} line {reader.line_num}: more fields than the header has")
                rows.append(_row(record, f"{path} line {reader.line_num}"))
    except UnicodeDecodeError:
        raise CountsError(f"{path}: not a UTF-8 text file") from None
    except csv.Error as err:
        raise CountsError(f"{path}: not a valid CSV file ({err})") from None
    return counts_frame(rows, str(path))


def write_counts(frame: pd.DataFrame, path: Path) -> None:
    """Write a counts table as CSV (eval,n,k), atomically; undecided/errored columns are kept when present."""
    from antischeme.atomic import write_text

    extra = [c for c in EXTRA_COLUMNS if c in frame.columns]
    write_text(path, frame.loc[:, [*COUNT_COLUMNS, *extra]].to_csv(index=False))
