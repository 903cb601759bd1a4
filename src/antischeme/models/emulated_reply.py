"""A raw completion in the tool-emulation format as a portable transcript message (TRL rollouts, continuations)."""

from __future__ import annotations

from antischeme.envs.core.transcript import FunctionCall, Message, ToolCall
from antischeme.models import tool_emulation as te


def message_from_text(text: str, step: int) -> Message:
    """Reasoning, visible content and tool calls of ``text``; a malformed call keeps its parse error as arguments
    (the tool reports it back to the model). Tool-call ids derive from ``step``, the message's transcript index."""
    parsed = te.parse_reply(text)
    calls = [
        ToolCall(id=f"call_{step}_{i}", function=FunctionCall(
            name=c.name, arguments=c.arguments if c.error is None else f"<unparseable tool call: {c.error}>"))
        for i, c in enumerate(parsed.calls)
    ]
    return Message(role="assistant", content=parsed.content, reasoning=parsed.reasoning or None,
                   tool_calls=calls or None)
