"""The model's next message, with the environment's tools given to any Inspect model natively or emulated in text.

- ``native``: the tools go to the provider (its API's tool calling, or the server's tool parser).
- ``emulated``: for models served without a tool parser. The conversation is rendered in the project's tool
  emulation format (``models/tool_emulation.py``, the format the embedded model is prompted and trained in: tools
  described in the system prompt, calls as ``<tool_call>`` lines, results as ``<tool_response>`` user turns) and sent
  without tools; calls are parsed back from the reply, after its reasoning is split off (every style:
  ``envs/core/reasoning.py``). A malformed call becomes a ``ToolCall`` with ``parse_error`` and a call to an unknown
  tool stays as written: Inspect's ``execute_tools`` returns both to the model as tool errors and the sample goes on.

The handler implements Inspect's chat-API handler interface (``ChatAPIHandler``: what ``-M emulate_tools=true``
plugs into its OpenAI-compatible providers, there in Inspect's Llama-3.1 format) with the project's format, and the
wrapper works for every provider; malformed calls use Inspect's own ``parse_error`` path. Do not combine ``emulated`` with ``-M emulate_tools=true``.
The embedded model's provider emulates tools itself in the same format (and constrains decoding to the tool list),
so it always receives the tools natively.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Literal, get_args

from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageUser,
    ContentReasoning,
    ContentText,
    Model,
    ModelOutput,
)
from inspect_ai.model._providers.util.chatapi import ChatAPIHandler
from inspect_ai.tool import ToolCall, ToolDef, ToolInfo

from antischeme.models import tool_emulation as te
from antischeme.models.prompt_format import turns_from_messages
from antischeme.runners.inspect.convert import split_message

ToolMode = Literal["native", "emulated"]
TOOL_MODES: tuple[str, ...] = get_args(ToolMode)
EMBEDDED_MODELS = ("antischeme/smollm2", "antischeme/local")


def resolve_tool_mode(mode: str | None, model: str) -> ToolMode:
    """The tool mode to use: as asked, else ``emulated`` for the embedded model and ``native`` for every other."""
    if mode is None:
        return "emulated" if model in EMBEDDED_MODELS else "native"
    if mode not in TOOL_MODES:
        raise ValueError(f"unknown tool mode {mode!r}; choose {' or '.join(TOOL_MODES)}")
    return mode  # type: ignore[return-value]


def tool_specs(tools: Sequence[ToolInfo]) -> list[te.ToolSpec]:
    """Inspect tool descriptions as the emulation format's tool specs."""
    return [
        te.ToolSpec(t.name, t.description,
                    {k: v.model_dump(exclude_none=True) for k, v in t.parameters.properties.items()},
                    tuple(t.parameters.required))
        for t in tools
    ]


class EmulatedToolsHandler(ChatAPIHandler):
    """Inspect's chat-API handler interface, speaking the project's tool emulation format."""

    def input_with_tools(self, input: list[ChatMessage], tools: list[ToolInfo]) -> list[ChatMessage]:
        """The whole conversation as plain system/user/assistant text (consecutive tool results merged into one
        user turn, exactly as training data is rendered)."""
        system, turns = turns_from_messages(input)
        plain: list[ChatMessage] = []
        for m in te.chat_messages(system, turns, tool_specs(tools)):
            cls = {"system": ChatMessageSystem, "user": ChatMessageUser, "assistant": ChatMessageAssistant}[m["role"]]
            plain.append(cls(content=m["content"]))
        return plain

    def parse_assistant_response(self, response: str, tools: list[ToolInfo]) -> ChatMessageAssistant:
        return self.parse_message(ChatMessageAssistant(content=response, model=self.model, source="generate"))

    def parse_message(self, message: ChatMessageAssistant) -> ChatMessageAssistant:
        """A reply in the emulation format as a structured message: reasoning, visible text, tool calls."""
        split = split_message(message)
        if message.tool_calls:  # the provider parsed calls itself: keep them
            reasoning, content, calls = split.reasoning, split.visible, list(message.tool_calls)
        else:
            parsed = te.parse_reply(split.visible)
            reasoning = "\n".join(p for p in (split.reasoning, parsed.reasoning) if p)
            content = parsed.content
            calls = [_tool_call(c.name, c.arguments, c.error) for c in parsed.calls]
            calls += [_harmony_call(c.name, c.arguments) for c in split.calls]
        parts: list = [ContentReasoning(reasoning=reasoning)] if reasoning else []
        parts.append(ContentText(text=content))
        return ChatMessageAssistant(content=parts, tool_calls=calls or None, model=message.model or self.model,
                                    source="generate")


def _tool_call(name: str, arguments: dict, error: str | None) -> ToolCall:
    return ToolCall(id=f"call_{uuid.uuid4().hex[:12]}", function=name, arguments=arguments, parse_error=error)


def _harmony_call(name: str, raw: str) -> ToolCall:
    try:
        arguments = json.loads(raw) if raw.strip() else {}
    except json.JSONDecodeError as exc:
        return _tool_call(name, {}, f"could not parse tool call arguments: {exc.msg} at column {exc.colno}")
    if not isinstance(arguments, dict):
        return _tool_call(name, {}, "tool call arguments must be a JSON object")
    return _tool_call(name, arguments, None)


def emulates_tools_itself(model: Model) -> bool:
    """True for providers that render tools in the emulation format themselves (the embedded model)."""
    return bool(getattr(model.api, "emulates_tools", False))


async def next_message(model: Model, messages: list[ChatMessage], tools: Sequence[ToolInfo | ToolDef],
                       mode: ToolMode = "native") -> ModelOutput:
    """The model's reply to the conversation so far, tools (``ToolInfo`` or ``ToolDef``) given natively or emulated
    in text."""
    if mode == "native" or emulates_tools_itself(model):
        return await model.generate(messages, list(tools))
    infos = [t if isinstance(t, ToolInfo) else ToolInfo(name=t.name, description=t.description,
                                                         parameters=t.parameters) for t in tools]
    handler = EmulatedToolsHandler(model.name)
    output = await model.generate(handler.input_with_tools(messages, infos), [])
    if not output.choices:
        return output
    message = handler.parse_message(output.message)
    output.choices[0].message = message
    if message.tool_calls:
        output.choices[0].stop_reason = "tool_calls"
    return output
