"""A raw completion in a native chat template's format as a portable transcript message (TRL rollouts).

Parsing is TRL's own: :func:`trl.chat_template_utils.add_response_schema` knows the response format of the common
tool templates (Qwen2.5/Qwen3, Llama 3.1/3.2, gpt-oss, ...) and :func:`trl.chat_template_utils.parse_response`
applies it — the same machinery GRPOTrainer's ``environment_factory`` uses. The counterpart for the tool-emulation
format is :func:`antischeme.models.emulated_reply.message_from_text`.
"""

from __future__ import annotations

import copy
import warnings
import weakref
from typing import Any

from antischeme.envs.core.transcript import FunctionCall, Message, ToolCall

INVALID_CALL = "invalid_tool_call"
"""Tool name of a call the template's format cannot parse (the session answers with an unknown-tool error)."""

_PARSERS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


class UnknownResponseFormatWarning(UserWarning):
    """A native tool template TRL has no response template for: its turns are parsed as tool emulation."""


def response_parser(tokenizer: Any) -> Any | None:
    """``tokenizer`` itself when it already has a response template, else a shallow copy carrying TRL's template for its
    chat template; ``None`` (warned once per tokenizer) when TRL does not know the template.

    The caller's tokenizer is never modified: with a response template on it, GRPOTrainer would start parsing the
    multi-turn completions of a ``rollout_func`` itself.
    """
    if tokenizer in _PARSERS:
        return _PARSERS[tokenizer]
    from trl.chat_template_utils import add_response_schema

    parser: Any | None = tokenizer
    if getattr(tokenizer, "response_template", None) is None and getattr(tokenizer, "response_schema", None) is None:
        try:
            parser = add_response_schema(copy.copy(tokenizer))
        except ValueError:
            name = getattr(tokenizer, "name_or_path", "") or "this tokenizer"
            warnings.warn(f"TRL has no response template for the chat template of {name}; its turns are parsed in "
                          "the tool-emulation format", UnknownResponseFormatWarning, stacklevel=2)
            parser = None
    _PARSERS[tokenizer] = parser
    return parser


def message_from_ids(parser: Any, ids: list[int], prefix: list[int], step: int,
                     tools: list[dict[str, Any]] | None = None) -> Message:
    """Reasoning, visible content and tool calls of the generated ``ids`` (``prefix``: the tokens before them;
    ``tools``: OpenAI schemas that type the arguments). A tool call the format cannot parse becomes a call of
    :data:`INVALID_CALL` (the tool error goes back to the model), as malformed emulated calls do. Tool-call ids derive
    from ``step``, the message's transcript index."""
    from trl.chat_template_utils import parse_response

    parsed = parse_response(parser, ids, prefix=prefix, tools=tools)
    content = parsed.get("content") or ""
    calls = [(c["function"]["name"], c["function"].get("arguments") or {}) for c in parsed.get("tool_calls") or []]
    opener = _call_opener(parser)
    if not calls and opener and opener in content:  # parse_response fell back to the decoded text
        content, _, broken = content.partition(opener)
        calls = [(INVALID_CALL, f"<unparseable tool call: {opener}{broken.strip()[:200]}>")]
    return Message(role="assistant", content=content.strip(), reasoning=parsed.get("reasoning_content") or None,
                   tool_calls=[ToolCall(id=f"call_{step}_{i}", function=FunctionCall(name=n, arguments=a))
                               for i, (n, a) in enumerate(calls)] or None)


def _call_opener(parser: Any) -> str | None:
    """The text that opens a tool call in the parser's response template (``<tool_call>`` for Qwen), if it has one."""
    template = getattr(parser, "response_template", None) or {}
    return (template.get("fields", {}).get("tool_calls") or {}).get("open")
