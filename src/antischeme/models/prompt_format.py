"""Inspect messages / transcripts -> the (system, turns) structure that tool emulation renders.

Shared by the embedded model at evaluation time and by SFT dataset building, so both see the same format.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import ChatMessage

from antischeme.envs.core.transcript import Message


def turns_from_messages(messages: list[ChatMessage]) -> tuple[str, list[dict[str, Any]]]:
    from antischeme.runners.inspect.convert import to_transcript

    return turns_from_transcript(to_transcript(messages, env_id="").messages)


def turns_from_transcript(messages: list[Message]) -> tuple[str, list[dict[str, Any]]]:
    """System text and role turns (assistant: reasoning/content/calls; tool: name/content/error)."""
    system = "\n\n".join(m.content for m in messages if m.role == "system")
    turns: list[dict[str, Any]] = []
    for m in messages:
        if m.role == "user":
            turns.append({"role": "user", "content": m.content})
        elif m.role == "assistant":
            calls = [(tc.function.name, _obj(tc.function.parsed_arguments())) for tc in (m.tool_calls or [])]
            turns.append({"role": "assistant", "reasoning": m.reasoning or "", "content": m.content, "calls": calls})
        elif m.role == "tool":
            turns.append({"role": "tool", "name": m.name or "tool", "content": m.content,
                          "error": m.content.startswith("Error:")})
    return system, turns


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {"_raw": value}
