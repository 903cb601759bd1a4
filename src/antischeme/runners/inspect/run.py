"""Run registered family tasks on Inspect's ``eval_set``: resumable, retried, one run per log directory at a time.

Rerunning with the same log directory reuses every completed sample Inspect finds there (finished logs, logs of
failed attempts, and logs a killed process left ``started``, recovered from Inspect's sample buffer) and runs only
the rest.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspect_ai import Task
from inspect_ai.log import EvalLog

from antischeme.runners.inspect.registered import TASKS

LOCK_FILE = ".antischeme.lock"


class LogDirBusyError(RuntimeError):
    """Another process is running an evaluation into the same log directory."""


@dataclass
class RunResult:
    """What ``eval_set`` left: its logs (headers), whether everything finished, and whether it was interrupted."""

    logs: list[EvalLog] = field(default_factory=list)
    complete: bool = False
    interrupted: bool = False


def registered_task(name: str, **task_args: Any) -> Task:
    """The family's task built through Inspect's registry, so logs name a task ``inspect eval-retry`` can find."""
    return TASKS[name](**task_args)


@contextmanager
def log_dir_lock(log_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``log_dir`` for the run; a second run into the same directory fails at once."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOCK_FILE
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise LogDirBusyError(f"log directory {log_dir} is in use by another run (pid {holder}); "
                                  "wait for it or choose another --log-dir") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def display_mode() -> str:
    """Inspect's live display on a terminal; one plain line per event otherwise (pipes, CI, log files)."""
    return "full" if sys.stdout.isatty() else "plain"


def run_tasks(tasks: list[Task], log_dir: Path, *, retry_attempts: int, **options: Any) -> RunResult:
    """Evaluate ``tasks`` with ``eval_set`` into ``log_dir``; a Ctrl-C is reported as ``interrupted``.

    Any errored sample marks its task's log ``error`` (after the remaining samples ran). The set is then run again
    up to ``retry_attempts`` times — ``eval_set`` reuses the completed samples and reruns only the errored ones —
    unless an attempt completed no new sample (a dead endpoint or a broken model: retrying at once would only fail
    again; the user reruns later).
    """
    from inspect_ai import eval_set

    result = RunResult()
    display = options.pop("display", None) or display_mode()
    done = 0
    try:
        for _ in range(retry_attempts + 1):
            result.complete, result.logs = eval_set(
                tasks, log_dir=str(log_dir), retry_attempts=0, retry_immediate=False,
                fail_on_error=True, continue_on_fail=True, retry_on_error=0,
                log_dir_allow_dirty=False, display=display, **options,
            )
            if not result.logs or any(log.status == "cancelled" for log in result.logs):
                result.interrupted = True  # Inspect reports a Ctrl-C as cancelled logs (or none), not an exception
                break
            now = sum(_completed(log) for log in result.logs)
            if result.complete or now <= done:
                break
            done = now
    except KeyboardInterrupt:
        result.interrupted = True
    return result


def _completed(log: EvalLog) -> int:
    """Samples of the log that finished without error."""
    return log.results.completed_samples if log.results else 0


REMOTE_TIMEOUT = 120
"""Default seconds per model request for remote APIs; in-process models (``antischeme/...``) get none: their
requests wait for a shared batch on the local CPU, which may legitimately take minutes."""


def request_timeout(timeout: int | None, model: str | None) -> int | None:
    """The per-request timeout to use: ``timeout`` if given, else ``REMOTE_TIMEOUT`` unless the model is in-process."""
    if timeout is not None:
        return timeout
    return None if (model or "").startswith("antischeme/") else REMOTE_TIMEOUT

