"""Inspect chat messages (live or from a log) to the portable transcript format, and back."""

from __future__ import annotations

import json
from collections.abc import Sequence

from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageTool,
    ChatMessageUser,
    ContentReasoning,
    ContentText,
)
from inspect_ai.tool import ToolCall as InspectToolCall

from antischeme.envs.core.reasoning import Split, split_text
from antischeme.envs.core.transcript import FunctionCall, Message, ToolCall, Transcript


def split_message(message: ChatMessageAssistant) -> Split:
    """Reasoning and visible text of an assistant message, whatever the style.

    ``ContentReasoning`` blocks (how Inspect's providers carry native reasoning and OpenAI-compatible servers'
    ``reasoning_content`` / ``reasoning`` fields; a redacted block contributes its summary only) are reasoning; the
    text parts are split by :func:`~antischeme.envs.core.reasoning.split_text` (think tags, paired or not; gpt-oss
    harmony channels).
    """
    contents = [ContentText(text=message.content)] if isinstance(message.content, str) else message.content
    reasoning: list[str] = []
    visible: list[str] = []
    calls: list = []
    for c in contents:
        if isinstance(c, ContentReasoning):
            text = (c.summary or "") if c.redacted else c.reasoning
            if text and text.strip():
                reasoning.append(text.strip())
        elif isinstance(c, ContentText):
            part = split_text(c.text)
            reasoning += [part.reasoning] if part.reasoning else []
            visible += [part.visible] if part.visible else []
            calls += part.calls
    return Split("\n".join(reasoning), "\n".join(visible), tuple(calls))


def reasoning_of(message: ChatMessageAssistant) -> str:
    """The chain of thought of an assistant message (every style; see :func:`split_message`)."""
    return split_message(message).reasoning


def visible_text(message: ChatMessageAssistant) -> str:
    """What the principal sees of an assistant message: its text without any reasoning."""
    return split_message(message).visible


def to_transcript(
    messages: Sequence[ChatMessage], env_id: str, model: str | None = None, metadata: dict | None = None
) -> Transcript:
    """Convert Inspect messages 1:1 (indices are preserved, so verdict evidence points into both)."""
    out: list[Message] = []
    for m in messages:
        if isinstance(m, ChatMessageAssistant):
            calls = [
                ToolCall(id=tc.id, function=FunctionCall(name=tc.function, arguments=_arguments(tc)))
                for tc in (m.tool_calls or [])
            ]
            split = split_message(m)
            out.append(Message(role="assistant", content=split.visible, reasoning=split.reasoning or None,
                               tool_calls=calls or None))
        elif isinstance(m, ChatMessageTool):
            content = m.text if m.error is None else f"Error: {m.error.message}"
            out.append(Message(role="tool", content=content, tool_call_id=m.tool_call_id, name=m.function))
        else:
            out.append(Message(role=m.role, content=m.text))
    return Transcript(env_id=env_id, model=model, messages=out, metadata=metadata or {})


def _arguments(tc: InspectToolCall) -> dict | str:
    if tc.parse_error:
        return f"<unparseable tool call: {tc.parse_error}>"
    return dict(tc.arguments)


def to_inspect(transcript: Transcript) -> list[ChatMessage]:
    """Transcript messages as Inspect messages (e.g. to resume or judge a transcript with Inspect models)."""
    out: list[ChatMessage] = []
    for m in transcript.messages:
        if m.role == "system":
            out.append(ChatMessageSystem(content=m.content))
        elif m.role == "user":
            out.append(ChatMessageUser(content=m.content))
        elif m.role == "tool":
            out.append(ChatMessageTool(content=m.content, tool_call_id=m.tool_call_id, function=m.name))
        else:
            parts: list = []
            if m.reasoning:
                parts.append(ContentReasoning(reasoning=m.reasoning))
            parts.append(ContentText(text=m.content))
            calls = [
                InspectToolCall(id=tc.id, function=tc.function.name, arguments=_as_dict(tc.function.parsed_arguments()))
                for tc in (m.tool_calls or [])
            ]
            out.append(ChatMessageAssistant(content=parts, tool_calls=calls or None))
    return out


def _as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else {"_raw": json.dumps(value)}
