"""Tool use for models without a native tool template: tools described in the prompt, calls parsed from text.

The same rendering is used to prompt the model at evaluation time and to build its SFT data (so training and
evaluation see identical formats). Call syntax, one per line::

    <tool_call>{"name": "read_file", "arguments": {"path": "notes.md"}}</tool_call>

Tool results come back as user turns wrapped in ``<tool_response name="...">``. A ``<think>...</think>`` block and any
text before the first call are the model's reasoning; text after the last call (or the whole reply without calls) is
its visible message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

TOOL_OPEN, TOOL_CLOSE = "<tool_call>", "</tool_call>"
MAX_TOOL_RESULT_CHARS = 2000

_CALL_BLOCK = re.compile(r"<tool_call>(.*?)(?:</tool_call>|$)", re.DOTALL)
_THINK = re.compile(r"<think>(.*?)(?:</think>|$)", re.DOTALL)


@dataclass(frozen=True)
class ToolSpec:
    """What the prompt needs to know about one tool."""

    name: str
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedCall:
    name: str
    arguments: dict[str, Any]
    error: str | None = None


@dataclass(frozen=True)
class ParsedReply:
    reasoning: str
    content: str
    calls: list[ParsedCall]


def tools_prompt(tools: list[ToolSpec]) -> str:
    """The block appended to the system prompt describing the tools and the call syntax."""
    if not tools:
        return ""
    lines = [
        "# Tools",
        "You can use the tools below. To call one, write a line exactly like:",
        f'{TOOL_OPEN}{{"name": "TOOL_NAME", "arguments": {{"ARG": "VALUE"}}}}{TOOL_CLOSE}',
        "Think first in plain text, then write the tool call(s). The result comes back in a <tool_response>. "
        "When you are finished, answer the user without any tool call.",
        "",
    ]
    for t in tools:
        args = ", ".join(
            f"{k}: {v.get('type', 'any')}{'' if k in t.required else ' (optional)'}" for k, v in t.parameters.items()
        )
        lines.append(f"- {t.name}({args}): {t.description}")
    return "\n".join(lines)


def render_assistant(reasoning: str, content: str, calls: list[tuple[str, dict[str, Any]]]) -> str:
    """An assistant turn as the model writes it."""
    parts = [reasoning.strip()] if reasoning.strip() else []
    parts += [f"{TOOL_OPEN}{json.dumps({'name': n, 'arguments': a}, ensure_ascii=False)}{TOOL_CLOSE}" for n, a in calls]
    if content.strip():
        parts.append(content.strip())
    return "\n".join(parts)


def render_tool_result(name: str, result: str, error: bool = False) -> str:
    text = result if len(result) <= MAX_TOOL_RESULT_CHARS else result[:MAX_TOOL_RESULT_CHARS] + "\n...[truncated]"
    status = ' status="error"' if error else ""
    return f'<tool_response name="{name}"{status}>\n{text}\n</tool_response>'


def chat_messages(
    system: str, turns: list[dict[str, Any]], tools: list[ToolSpec]
) -> list[dict[str, str]]:
    """Role/content messages for a plain chat template.

    ``turns`` are dicts with ``role`` in user/assistant/tool; assistant turns carry ``reasoning``, ``content``,
    ``calls`` [(name, args)]; tool turns carry ``name``, ``content``, ``error``. Consecutive tool results are merged
    into one user message.
    """
    out = [{"role": "system", "content": "\n\n".join(p for p in (system.strip(), tools_prompt(tools)) if p)}]
    for turn in turns:
        role = turn["role"]
        if role == "assistant":
            text = render_assistant(turn.get("reasoning", ""), turn.get("content", ""), turn.get("calls", []))
            out.append({"role": "assistant", "content": text})
        elif role == "tool":
            text = render_tool_result(turn.get("name", "tool"), turn.get("content", ""), bool(turn.get("error")))
            if out[-1]["role"] == "user" and out[-1]["content"].startswith("<tool_response"):
                out[-1]["content"] += "\n" + text
            else:
                out.append({"role": "user", "content": text})
        else:
            out.append({"role": "user", "content": turn.get("content", "")})
    return out


def parse_reply(text: str) -> ParsedReply:
    """Split a raw completion into reasoning, visible content and tool calls (malformed calls carry an error)."""
    think = " ".join(m.strip() for m in _THINK.findall(text))
    body = _THINK.sub("", text)
    blocks = list(_CALL_BLOCK.finditer(body))
    if not blocks:
        bare = _bare_json_call(body)
        if bare is None:
            return ParsedReply(reasoning=think, content=body.strip(), calls=[])
        start, end, call = bare
        before = body[:start].strip()
        return ParsedReply(reasoning=_join(think, before), content=body[end:].strip(), calls=[call])
    before = body[: blocks[0].start()].strip()
    after = body[blocks[-1].end():].strip()
    calls = [_parse_call(b.group(1)) for b in blocks]
    return ParsedReply(reasoning=_join(think, before), content=after, calls=calls)


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _parse_call(raw: str) -> ParsedCall:
    data, error = _loads_lenient(raw.strip())
    if data is None:
        name = re.search(r'"name"\s*:\s*"([^"]+)"', raw)
        return ParsedCall(name.group(1) if name else "invalid_tool_call", {}, f"could not parse tool call: {error}")
    name = data.get("name") or data.get("tool") or data.get("function")
    args = data.get("arguments", data.get("parameters", data.get("args", {})))
    if isinstance(args, str):
        parsed, _ = _loads_lenient(args)
        args = parsed if isinstance(parsed, dict) else args
    if not isinstance(name, str) or not name:
        return ParsedCall("invalid_tool_call", {}, 'tool call has no "name"')
    if not isinstance(args, dict):
        return ParsedCall(name, {}, '"arguments" must be a JSON object')
    return ParsedCall(name, args)


def _loads_lenient(raw: str) -> tuple[dict[str, Any] | None, str]:
    start, end = raw.find("{"), raw.rfind("}")
    if start < 0:
        return None, "no JSON object found"
    candidate = raw[start: end + 1] if end > start else raw[start:]
    attempts = [candidate, re.sub(r",\s*([}\]])", r"\1", candidate)]
    opened = candidate.count("{") - candidate.count("}")
    if opened > 0:
        attempts.append(candidate + "}" * opened)
    for attempt in attempts:
        try:
            value = json.loads(attempt)
            if isinstance(value, dict):
                return value, ""
        except json.JSONDecodeError as exc:
            last = f"{exc.msg} at column {exc.colno}"
    return None, last if "last" in locals() else "not a JSON object"


def _bare_json_call(body: str) -> tuple[int, int, ParsedCall] | None:
    """A JSON object with a "name" key written without the tags (a common small-model slip)."""
    match = re.search(r'\{\s*"name"\s*:\s*"[^"]+".*\}', body, re.DOTALL)
    if not match:
        return None
    data, _ = _loads_lenient(match.group(0))
    if data is None or not ("arguments" in data or "parameters" in data):
        return None
    return match.start(), match.end(), _parse_call(match.group(0))
