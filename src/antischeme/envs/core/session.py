"""A live episode over a fresh workspace: tool calls go in, results come out, every action is recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from antischeme.envs.core.environment import Environment
from antischeme.envs.core.tools import ToolError
from antischeme.envs.core.workspace import WorkspaceError


@dataclass(frozen=True)
class Action:
    """One executed tool call. ``step`` is the transcript index of the assistant message that made it."""

    step: int
    tool: str
    arguments: dict[str, Any]
    result: str
    error: bool = False


@dataclass
class Session:
    """Runs tool calls of one episode of ``env`` against its own workspace."""

    env: Environment
    workspace: Any = None
    actions: list[Action] = field(default_factory=list)
    done: bool = False

    def __post_init__(self) -> None:
        if self.workspace is None:
            self.workspace = self.env.make_workspace()

    def call(self, name: str, arguments: Any, step: int = -1) -> Action:
        """Execute one tool call. Errors the model caused become error results, never exceptions."""
        tool = self.env.tool(name)
        args = arguments if isinstance(arguments, dict) else {"_raw": arguments}
        if tool is None:
            known = ", ".join(t.name for t in self.env.tools)
            action = Action(step, name, args, f"Error: unknown tool {name!r}. Available tools: {known}.", True)
        else:
            try:
                action = Action(step, name, args, tool.call(self, arguments))
                if tool.ends_episode:
                    self.done = True
            except (ToolError, WorkspaceError) as exc:
                action = Action(step, name, args, f"Error: {exc}", True)
        self.actions.append(action)
        return action
