"""Command-line inputs → one labelled sample table: positional logs by model, ``NAME=LOGS`` by name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from antischeme.report._samples import LogError, read_samples


def parse_label(text: str) -> tuple[str, Path]:
    """``"NAME=PATH"`` → (NAME, PATH)."""
    name, sep, path = text.partition("=")
    if not sep or not name.strip() or not path.strip():
        raise LogError(f"--label expects NAME=LOGS (a log file or directory), got {text!r}")
    return name.strip(), Path(path.strip())


def load_labelled(positional: Sequence[Path], labels: Sequence[str], partial: bool = False) -> pd.DataFrame:
    """All rollouts, with a ``label`` column (``partial``: unfinished logs too, rows flagged).

    Column order: positional logs' models alphabetically, then ``--label`` names in the order given.
    """
    parsed = [parse_label(text) for text in labels]
    if not positional and not parsed:
        raise LogError("no logs given: pass log files or directories, or --label NAME=LOGS")
    frames: list[pd.DataFrame] = []
    if positional:
        frames.append(read_samples(positional, partial=partial).sort_values("label", kind="stable"))
    grouped: dict[str, list[Path]] = {}
    for name, path in parsed:
        grouped.setdefault(name, []).append(path)
    frames += [read_samples(paths, label=name, partial=partial) for name, paths in grouped.items()]
    return pd.concat(frames, ignore_index=True)


def label_order(samples: pd.DataFrame) -> list[str]:
    """Labels in order of first appearance."""
    return list(dict.fromkeys(samples["label"]))
