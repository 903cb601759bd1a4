"""A live episode over a fresh workspace: tool calls go in, results come out, every action is recorded.

Every call runs under a :class:`~antischeme.envs.core.budget.Budget` (wall time, output size, value sizes) and
nothing a tool raises escapes: a tool's own refusal, a call over budget and a crash inside a simulated tool all
become an error result the model sees, recorded in the action with its ``kind``; the episode goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from antischeme.envs.core import budget as _budget
from antischeme.envs.core.budget import Budget, BudgetExceeded
from antischeme.envs.core.environment import Environment
from antischeme.envs.core.tools import ToolError
from antischeme.envs.core.workspace import WorkspaceError

ErrorKind = Literal["", "tool", "budget", "crash"]
MAX_ERROR_CHARS = 2_000


@dataclass(frozen=True)
class Action:
    """One executed tool call. ``step`` is the transcript index of the assistant message that made it.

    ``error_kind``: ``tool`` (the tool refused: bad arguments, missing file), ``budget`` (over a time or size
    budget) or ``crash`` (an unexpected exception inside the simulated tool); empty when the call succeeded."""

    step: int
    tool: str
    arguments: dict[str, Any]
    result: str
    error: bool = False
    error_kind: ErrorKind = ""


@dataclass
class Session:
    """Runs tool calls of one episode of ``env`` against its own workspace."""

    env: Environment
    workspace: Any = None
    actions: list[Action] = field(default_factory=list)
    done: bool = False
    budget: Budget = _budget.DEFAULT

    def __post_init__(self) -> None:
        if self.workspace is None:
            self.workspace = self.env.make_workspace()

    def call(self, name: str, arguments: Any, step: int = -1) -> Action:
        """Execute one tool call. Whatever happens inside the tool becomes a result, never an exception."""
        tool = self.env.tool(name) if isinstance(name, str) else None
        args = arguments if isinstance(arguments, dict) else {"_raw": arguments}
        if tool is None:
            known = ", ".join(t.name for t in self.env.tools)
            action = Action(step, str(name), args, f"Error: unknown tool {str(name)[:200]!r}. "
                            f"Available tools: {known}.", True, "tool")
        else:
            action = self._run(tool, name, arguments, args, step)
        self.actions.append(action)
        return action

    def _run(self, tool: Any, name: str, arguments: Any, args: dict[str, Any], step: int) -> Action:
        kind: ErrorKind = ""
        try:
            with _budget.limits(self.budget):
                result = tool.call(self, arguments)
                if not isinstance(result, str):
                    raise TypeError(f"tool returned {type(result).__name__}, not text")
            if len(result) > self.budget.output_chars:
                raise BudgetExceeded(f"output of {len(result):,} characters is over the "
                                     f"{self.budget.output_chars:,}-character budget; narrow it (head, grep, a path)")
        except BudgetExceeded as exc:
            kind, message = "budget", f"Error: {name}: {exc}"
        except (ToolError, WorkspaceError) as exc:
            kind, message = "tool", f"Error: {exc}"
        except MemoryError:
            kind, message = "budget", f"Error: {name}: the command ran out of its memory budget"
        except RecursionError:
            kind, message = "budget", f"Error: {name}: input nested too deeply"
        except Exception as exc:  # noqa: BLE001 - a simulated tool must never end the sample
            kind, message = "crash", f"Error: {name} failed: {type(exc).__name__}: {str(exc)[:500]}"
        if kind:
            if len(message) > MAX_ERROR_CHARS:  # messages may quote the (huge) arguments
                message = message[:MAX_ERROR_CHARS] + f"… ({len(message) - MAX_ERROR_CHARS:,} more characters)"
            return Action(step, name, args, message, True, kind)
        if tool.ends_episode:
            self.done = True
        return Action(step, name, args, result)
