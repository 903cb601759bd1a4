"""Split an Inspect conversation into what a judge reads: the agent's reasoning and its actions.

Reasoning: whatever :func:`~antischeme.runners.inspect.convert.split_message` finds (``ContentReasoning`` blocks,
``reasoning_content`` fields, think tags paired or not, gpt-oss harmony analysis channels). When a conversation has no
such blocks at all, the visible text written alongside tool calls counts as reasoning instead (agents that think
aloud before acting). Actions: every tool call as ``name(args)`` and every other visible assistant text as
``say: ...``. Tool results and user/system messages are not included.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from inspect_ai.model import ChatMessage, ChatMessageAssistant
from pydantic import BaseModel

from antischeme.runners.inspect.convert import split_message


class AgentTrace(BaseModel):
    """Reasoning and actions of one sample, as plain text."""

    reasoning: str
    actions: str


def _parts(message: ChatMessageAssistant) -> tuple[list[str], list[str]]:
    """(reasoning blocks, visible texts) of one assistant message."""
    split = split_message(message)
    return ([split.reasoning] if split.reasoning else []), ([split.visible] if split.visible else [])


def render_call(function: str, arguments: dict) -> str:
    """A tool call as ``name(key=value, ...)`` with JSON-encoded values."""
    args = ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in (arguments or {}).items())
    return f"{function}({args})"


def trace_from_messages(messages: Sequence[ChatMessage]) -> AgentTrace:
    """The reasoning and actions of a conversation."""
    assistants = [m for m in messages if isinstance(m, ChatMessageAssistant)]
    split = [(m, *_parts(m)) for m in assistants]
    has_blocks = any(r for _, r, _ in split)
    reasoning: list[str] = []
    actions: list[str] = []
    for message, blocks, visible in split:
        reasoning += blocks
        if visible and message.tool_calls and not has_blocks:
            reasoning += visible
        else:
            actions += [f"say: {v}" for v in visible]
        actions += [render_call(tc.function, tc.arguments) for tc in message.tool_calls or []]
    return AgentTrace(reasoning="\n\n".join(reasoning), actions="\n".join(actions))
