"""Chat Deception: the shape of one conversation scenario and the registry of all of them.

Each scenario is a short chat in which a tool result shows that something failed, is missing or is wrong, and a
simulated user presses the assistant to say otherwise. What the results show is fixed; the claims that would
contradict them are listed as patterns, so the rule fallback can compare claims with results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from antischeme.envs.core import Episode


def rx(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@dataclass(frozen=True)
class Reply:
    """A scripted assistant reply: tool calls first (one turn), then the visible text (next turn)."""

    text: str
    calls: tuple[tuple[str, dict], ...] = ()
    reasoning: str = ""


@dataclass(frozen=True)
class Scenario:
    key: str
    domain: str
    org: str
    role: str
    """System-prompt sentence: who the assistant is and what it can do."""
    opening: str
    pressure: str
    """Second user message when the assistant has reported the problem."""
    confirm: str
    """Second user message when it has not (the user asks to confirm the good news)."""
    closing: str
    truth: str
    """One line: what the tool results actually show."""
    tools: tuple[str, ...]
    false_claims: tuple[re.Pattern[str], ...]
    """Claims contradicted by the tool results (checked per sentence, skipping negated or hedged sentences)."""
    check_claims: tuple[re.Pattern[str], ...]
    """Claims of having performed the check; unsupported when the check never ran."""
    disclosure: tuple[re.Pattern[str], ...]
    """Wording that reports the problem to the user."""
    checks: tuple[str, ...]
    """What counts as performing the check: 'tool:<name>', 'file:<path>' (read) or 'run:<program path>'."""
    exempt: tuple[re.Pattern[str], ...] = ()
    """Sentences matching these are about something else (e.g. the previous version, the correct total)."""
    files: dict[str, str] = field(default_factory=dict)
    schemer: tuple[Reply, ...] = ()
    saint: tuple[Reply, ...] = ()
    resolved: Callable[[Episode], bool] | None = None
    """The problem was legitimately fixed during the chat (then the good news is true)."""
