"""The one episode driver: every framework runs episodes through it, and it can start from a transcript prefix.

The driver owns the turn logic and nothing else: it holds the :class:`Session`, executes the tool calls of each
assistant message, asks the simulated user when the agent stops calling tools, and applies the stop rules (turn
budget, a tool that ends the episode, no tool call and no further user message). It never calls a model: an adapter
reads :meth:`EpisodeDriver.conversation`, obtains "the model's next message" in its own framework's types (a sync
policy, an awaited Inspect ``generate``, one batched ``model.generate`` across many drivers) and hands it to
:meth:`EpisodeDriver.step`. Because the driver is a state object rather than a loop, a batch of episodes is stepped
together simply by holding one driver per episode.

:meth:`EpisodeDriver.from_prefix` replays a transcript prefix against a fresh workspace (tool results are recomputed,
never trusted), so an episode can be resumed from any turn — the basis of the resampling interventions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from antischeme.envs.core.environment import Environment
from antischeme.envs.core.episode import Episode, Said
from antischeme.envs.core.prompting import system_prompt
from antischeme.envs.core.session import Action, Session
from antischeme.envs.core.transcript import Message, ToolCall, Transcript
from antischeme.spec import Spec

StopReason = Literal["max_turns", "session_done", "no_tool_call", "budget"]


@dataclass(frozen=True)
class Step:
    """What one assistant message caused: the actions it ran and the messages the environment appended."""

    actions: tuple[Action, ...]
    added: tuple[Message, ...]
    done: bool

    @property
    def user_message(self) -> str | None:
        """The simulated user's reply, when the agent stopped calling tools and the conversation goes on."""
        return next((m.content for m in self.added if m.role == "user"), None)


@dataclass
class EpisodeDriver:
    """One episode of ``env`` in progress. ``messages`` is the conversation so far (portable transcript messages)."""

    env: Environment
    messages: list[Message]
    session: Session
    max_turns: int = 30
    turns: int = 0
    stop_reason: StopReason | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    # ---- starting -------------------------------------------------------------------------------------------
    @classmethod
    def start(cls, env: Environment, *, spec: Spec | None = None, max_turns: int = 30) -> EpisodeDriver:
        """A fresh episode: the system prompt (with the spec block when given) and the opening user messages."""
        opening = [Message(role="system", content=system_prompt(env, spec))]
        opening += [Message(role="user", content=u) for u in env.user_messages]
        return cls(env, opening, Session(env), max_turns,
                   metadata={"spec_hash": spec.hash if spec else None})

    @classmethod
    def from_prefix(cls, env: Environment, messages: Sequence[Message], *, max_turns: int = 30) -> EpisodeDriver:
        """Resume after ``messages``: the workspace is replayed to that point by re-running every assistant tool call.

        System and user messages are kept as given (earlier simulated-user replies included); tool messages are
        recomputed from the environment, one per call. A prefix ending with an assistant message is stepped like a
        live reply, so the stop rules (and the simulated user) apply to it exactly as if it had just been generated.
        """
        driver = cls(env, [], Session(env), max_turns)
        last = len(messages) - 1
        for index, message in enumerate(messages):
            if message.role == "tool":
                continue
            if message.role != "assistant":
                driver.messages.append(message)
            elif index == last:
                driver.step(message)
            else:
                driver._record(message)
        if driver.stop_reason is None:
            driver._check_stops()
        return driver

    # ---- state ----------------------------------------------------------------------------------------------
    @property
    def done(self) -> bool:
        return self.stop_reason is not None

    def conversation(self) -> list[Message]:
        """The conversation so far, to be turned into the model's next message (a copy: adapters may not mutate)."""
        return list(self.messages)

    def episode(self) -> Episode:
        """The action-only view of the episode so far (what graders and the simulated user see)."""
        said = tuple(Said(i, m.content) for i, m in enumerate(self.messages)
                     if m.role == "assistant" and m.content.strip())
        users = tuple(m.content for m in self.messages if m.role == "user")
        return Episode(self.env, tuple(self.session.actions), said, self.session.workspace, users)

    def transcript(self, model: str | None = None, metadata: dict[str, Any] | None = None) -> Transcript:
        return Transcript(env_id=self.env.id, model=model, messages=list(self.messages),
                          metadata={**self.metadata, **(metadata or {})})

    # ---- stepping -------------------------------------------------------------------------------------------
    def step(self, reply: Message) -> Step:
        """Apply the model's next message: run its tool calls, then (if it made none) ask the simulated user."""
        if self.done:
            raise RuntimeError(f"episode of {self.env.id} is over ({self.stop_reason}); no further step")
        if reply.role != "assistant":
            raise ValueError(f"the model's next message must be an assistant message, not {reply.role!r}")
        start = len(self.messages)
        actions = self._record(reply)
        if not reply.tool_calls:
            follow = self._simulated_user()
            if follow is None:
                self.stop_reason = "no_tool_call"
            else:
                self.messages.append(Message(role="user", content=follow))
        self._check_stops()
        return Step(tuple(actions), tuple(self.messages[start + 1:]), self.done)

    def stop(self, reason: StopReason = "budget") -> None:
        """End the episode early (an adapter's own budget, e.g. GRPO's completion length)."""
        self.stop_reason = self.stop_reason or reason

    def _record(self, reply: Message) -> list[Action]:
        """Append an assistant message and the results of its tool calls (ids filled in where missing)."""
        step = len(self.messages)
        calls = [tc if tc.id else tc.model_copy(update={"id": f"call_{step}_{i}"})
                 for i, tc in enumerate(reply.tool_calls or [])]
        message = reply.model_copy(update={"tool_calls": calls or None})
        self.messages.append(message)
        self.turns += 1
        actions = []
        for tc in calls:
            if self.session.done:  # a tool already ended the episode: later calls of the same turn do not run
                break
            actions.append(self._execute(tc, step))
        return actions

    def _execute(self, tc: ToolCall, step: int) -> Action:
        action = self.session.call(tc.function.name, tc.function.parsed_arguments(), step=step)
        self.messages.append(Message(role="tool", tool_call_id=tc.id, name=tc.function.name, content=action.result,
                                     error=action.error_kind or None))
        return action

    def _check_stops(self) -> None:
        if self.stop_reason is not None:
            return
        if self.session.done:
            self.stop_reason = "session_done"
        elif self.turns >= self.max_turns:
            self.stop_reason = "max_turns"

    def _simulated_user(self) -> str | None:
        if self.env.user_simulator is None or self.session.done:
            return None
        return self.env.user_simulator(self.episode())

