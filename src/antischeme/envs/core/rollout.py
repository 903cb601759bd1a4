"""A framework-free episode loop: a policy maps the conversation so far to the next assistant message.

Used for scripted policies, tests and training adapters; the Inspect adapter runs the same environments through
Inspect's own model and tool machinery.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from antischeme.envs.core.environment import Environment
from antischeme.envs.core.episode import Episode, Said
from antischeme.envs.core.prompting import system_prompt
from antischeme.envs.core.session import Session
from antischeme.envs.core.transcript import FunctionCall, Message, ToolCall, Transcript
from antischeme.spec import Spec

Policy = Callable[[list[Message]], Message]


def rollout(
    env: Environment,
    policy: Policy,
    *,
    spec: Spec | None = None,
    max_turns: int = 30,
    model: str | None = None,
) -> Transcript:
    """Run one episode of ``env`` with ``policy`` and return its transcript."""
    messages = [Message(role="system", content=system_prompt(env, spec))]
    messages += [Message(role="user", content=u) for u in env.user_messages]
    session = Session(env)
    said: list[Said] = []
    for _ in range(max_turns):
        reply = policy(list(messages))
        messages.append(reply)
        step = len(messages) - 1
        if reply.content.strip():
            said.append(Said(step, reply.content))
        if reply.tool_calls:
            for i, tc in enumerate(reply.tool_calls):
                call_id = tc.id or f"call_{step}_{i}"
                action = session.call(tc.function.name, tc.function.parsed_arguments(), step=step)
                messages.append(Message(role="tool", tool_call_id=call_id, name=tc.function.name,
                                        content=action.result, error=action.error_kind or None))
            if session.done:
                break
            continue
        nxt = _next_user(env, session, said, messages)
        if nxt is None:
            break
        messages.append(Message(role="user", content=nxt))
    meta = {"spec_hash": spec.hash if spec else None}
    return Transcript(env_id=env.id, model=model, messages=messages, metadata=meta)


def _next_user(env: Environment, session: Session, said: list[Said], messages: list[Message]) -> str | None:
    if env.user_simulator is None:
        return None
    users = tuple(m.content for m in messages if m.role == "user")
    return env.user_simulator(Episode(env, tuple(session.actions), tuple(said), session.workspace, users))


def message_from_turn(reasoning: str, content: str, calls: list[tuple[str, dict]], step: int) -> Message:
    """An assistant transcript message from parts (tool-call ids derived from the step for determinism)."""
    tool_calls = [
        ToolCall(id=f"call_{step}_{i}", function=FunctionCall(name=name, arguments=json.dumps(args)))
        for i, (name, args) in enumerate(calls)
    ]
    return Message(role="assistant", content=content, reasoning=reasoning or None, tool_calls=tool_calls or None)
