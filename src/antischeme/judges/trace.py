"""Split an Inspect conversation into what a judge reads: the agent's reasoning and its actions.

Reasoning: ``ContentReasoning`` blocks (and ``<think>`` spans) of assistant messages. When a conversation has no
such blocks at all, the visible text written alongside tool calls counts as reasoning instead (agents that think
aloud before acting). Actions: every tool call as ``name(args)`` and every other visible assistant text as
``say: ...``. Tool results and user/system messages are not included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from inspect_ai.model import ChatMessage, ChatMessageAssistant, ContentReasoning, ContentText
from pydantic import BaseModel

_THINK = re.compile(r"<think>(.*?)</think>", re.DOTALL | re.IGNORECASE)


class AgentTrace(BaseModel):
    """Reasoning and actions of one sample, as plain text."""

    reasoning: str
    actions: str


def _parts(message: ChatMessageAssistant) -> tuple[list[str], list[str]]:
    """(reasoning blocks, visible texts) of one assistant message."""
    reasoning: list[str] = []
    visible: list[str] = []
    contents = [ContentText(text=message.content)] if isinstance(message.content, str) else message.content
    for c in contents:
        if isinstance(c, ContentReasoning):
            text = c.summary if c.redacted else c.reasoning
            if text and text.strip():
                reasoning.append(text.strip())
        elif isinstance(c, ContentText):
            reasoning += [m.strip() for m in _THINK.findall(c.text) if m.strip()]
            rest = _THINK.sub("", c.text).strip()
            if rest:
                visible.append(rest)
    return reasoning, visible


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
