"""Budgets of one simulated tool call: wall time, output size and the size of values a tool may build.

Agents under test are adversarial: a pattern, an expression or a command line must not hang or exhaust the process
that runs a whole evaluation. Tools are bounded by construction (linear-time regex, evaluators with bounded
exponents and sequence sizes, size checks before text is built); the session additionally interrupts a call that
runs past its wall time (SIGALRM, main thread) and checks it cooperatively (``tick``) everywhere else. Exceeding a
budget raises :class:`BudgetExceeded`, which the session turns into a tool error the model sees.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from antischeme.envs.core.tools import ToolError


@dataclass(frozen=True)
class Budget:
    """Limits of one tool call."""

    seconds: float = 2.0
    """Wall time of the call."""
    output_chars: int = 200_000
    """Characters of the result returned to the model (and stored in the transcript)."""
    value_chars: int = 64_000_000
    """Characters of any intermediate text or sequence a tool builds (pipes, joins, evaluator results)."""
    int_digits: int = 4_300
    """Decimal digits of an integer an evaluator may compute (Python's own int/str conversion limit)."""


DEFAULT = Budget()


class BudgetExceeded(ToolError):
    """A tool call went past its budget; the message (shown to the model) says which one."""

    kind = "budget"


_current: ContextVar[tuple[Budget, float] | None] = ContextVar("antischeme_budget", default=None)


def current() -> Budget:
    """The budget of the call being executed (the default outside a call)."""
    active = _current.get()
    return active[0] if active else DEFAULT


def tick() -> None:
    """Raise BudgetExceeded if the running call is past its wall time (call it inside long loops)."""
    active = _current.get()
    if active and time.monotonic() > active[1]:
        raise BudgetExceeded(f"the command took longer than its {active[0].seconds:g} s time budget")


def check_chars(n: int, what: str = "output") -> None:
    """Raise BudgetExceeded if a value of ``n`` characters is larger than the budget allows."""
    limit = current().value_chars
    if n > limit:
        raise BudgetExceeded(f"{what} would be {n:,} characters, over the {limit:,}-character budget")


class _Alarm(BaseException):
    """Raised by the SIGALRM handler; BaseException so no tool's ``except Exception`` swallows it."""


_armed = threading.local()


def _on_alarm(signum: int, frame: object) -> None:
    if getattr(_armed, "on", False):
        _armed.on = False
        raise _Alarm


@contextlib.contextmanager
def limits(budget: Budget = DEFAULT) -> Iterator[None]:
    """Run the body under ``budget``: a wall-time interrupt where signals allow it, plus cooperative checks."""
    token = _current.set((budget, time.monotonic() + budget.seconds))
    use_signal = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = None
    if use_signal:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        _armed.on = True
        signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    try:
        yield
    except _Alarm:
        raise BudgetExceeded(f"the command took longer than its {budget.seconds:g} s time budget") from None
    finally:
        if use_signal:
            _armed.on = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        _current.reset(token)
