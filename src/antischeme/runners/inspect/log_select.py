"""Which logs and which samples count: finished logs only (unless partial ones are asked for), and one result per
(task, model, sample id, epoch) — the latest — however many runs wrote into a directory."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

FINISHED = "success"
"""Inspect's status of a log whose every sample ran (errored samples make it ``error`` in antischeme runs)."""


class UnreadableLogError(ValueError):
    """A file that is not a readable Inspect log."""


class DuplicateResultsWarning(UserWarning):
    """Several results for one sample were found; only the latest is kept."""


class SkippedLogsWarning(UserWarning):
    """Logs that did not finish were left out."""


@dataclass
class LogSelection:
    """Log files kept (with their status) and the ones left out, with why."""

    kept: list[str] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def note(self) -> str | None:
        if not self.skipped:
            return None
        return (f"left out {len(self.skipped)} unfinished log(s) ({'; '.join(self.skipped[:3])}"
                f"{'; ...' if len(self.skipped) > 3 else ''}); pass --partial to include their samples, flagged")


def select_logs(files: Sequence[str], partial: bool = False) -> LogSelection:
    """Keep finished logs; with ``partial`` also cancelled, errored and crashed (``started``) ones."""
    from inspect_ai.log import read_eval_log

    out = LogSelection()
    for name in files:
        try:
            status = read_eval_log(name, header_only=True).status
        except Exception as exc:  # inspect raises many types for unreadable files
            raise UnreadableLogError(f"cannot read Inspect log {name}: {type(exc).__name__}: {exc}") from None
        if status == FINISHED or partial:
            out.kept.append(name)
            out.status[name] = status
        else:
            out.skipped.append(f"{name.rsplit('/', 1)[-1]}: {status}")
    if out.note():
        warnings.warn(out.note(), SkippedLogsWarning, stacklevel=2)
    return out


def keep_latest(items: Iterable[T], key: Callable[[T], Hashable], stamp: Callable[[T], str]) -> list[T]:
    """The latest item (by ``stamp``, ISO time) per ``key``, in first-seen key order; warns with the number dropped."""
    best: dict[Hashable, T] = {}
    dropped = 0
    for item in items:
        k = key(item)
        if k in best:
            dropped += 1
            if stamp(item) < stamp(best[k]):
                continue
        best[k] = item
    warn_dropped(dropped)
    return list(best.values())


def warn_dropped(dropped: int) -> None:
    if dropped:
        warnings.warn(f"dropped {dropped} older duplicate result(s) of the same (task, model, sample, epoch); "
                      "kept the latest of each", DuplicateResultsWarning, stacklevel=3)
