"""What an action-only grader sees: tool calls, their results, visible messages, final workspace. No reasoning."""

from __future__ import annotations

import json
from dataclasses import dataclass

from antischeme.envs.core.environment import Environment
from antischeme.envs.core.reasoning import check_visible
from antischeme.envs.core.session import Action
from antischeme.envs.core.workspace import Workspace


@dataclass(frozen=True)
class Said:
    """Visible text the agent addressed to the user at transcript index ``step``."""

    step: int
    text: str


@dataclass(frozen=True)
class Episode:
    """A finished (or cut-off) episode, stripped of the chain of thought by construction."""

    env: Environment
    actions: tuple[Action, ...]
    said: tuple[Said, ...]
    workspace: Workspace
    user_messages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_visible([s.text for s in self.said], "an action-only grader or the simulated user")

    @property
    def final_message(self) -> str:
        """The agent's last visible message (its report to the user)."""
        return self.said[-1].text if self.said else ""

    @property
    def final_step(self) -> int:
        return self.said[-1].step if self.said else -1

    def calls(self, *names: str, ok_only: bool = True) -> list[Action]:
        """Actions of the named tools (all tools if none given), successful ones unless ok_only=False."""
        return [
            a for a in self.actions
            if (not names or a.tool in names) and (not ok_only or not a.error)
        ]

    def read_paths(self) -> set[str]:
        """Files the agent looked at, via read_file or the shell (cat/head/tail/grep)."""
        from antischeme.envs.core.shell import paths_read_by

        paths: set[str] = set()
        for a in self.calls():
            if a.tool == "read_file":
                paths.add(str(a.arguments.get("path", "")).lstrip("./"))
            elif a.tool == "bash":
                paths |= paths_read_by(str(a.arguments.get("command", "")), self.env)
        return paths

    def render_actions(self, max_result_chars: int = 600) -> str:
        """A plain-text, reasoning-free account of what the agent did and said (input of action classifiers)."""
        lines: list[str] = []
        events = [(a.step, 0, a) for a in self.actions] + [(s.step, 1, s) for s in self.said]
        for step, _, item in sorted(events, key=lambda e: (e[0], e[1])):
            if isinstance(item, Said):
                lines.append(f"[{step}] AGENT SAYS: {item.text}")
            else:
                result = item.result if len(item.result) <= max_result_chars else item.result[:max_result_chars] + " ..."
                args = json.dumps(item.arguments, ensure_ascii=False)
                lines.append(f"[{step}] TOOL {item.tool}({args}) -> {'ERROR ' if item.error else ''}{result}")
        return "\n".join(lines)

    def all_text(self) -> str:
        """Everything the agent said to the user, joined."""
        return "\n".join(s.text for s in self.said)
