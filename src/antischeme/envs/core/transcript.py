"""The portable transcript format and its replay against a fresh workspace.

Format ``antischeme.transcript/v1`` (JSON)::

    {
      "format": "antischeme.transcript/v1",      # optional on input
      "env_id": "lazy_checklist/...",            # required
      "model": "openai/gpt-4o",                  # optional
      "messages": [                              # OpenAI-style chat messages
        {"role": "system", "content": "..."},
        {"role": "user", "content": "..."},
        {"role": "assistant", "content": "visible text", "reasoning": "optional chain of thought",
         "tool_calls": [{"id": "c1", "type": "function",
                         "function": {"name": "read_file", "arguments": "{\"path\": \"a.txt\"}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "result text"}
      ],
      "metadata": {}                             # optional, free-form
    }

``function.arguments`` may be a JSON string (OpenAI) or an object. Tool results in the file are informational:
replay recomputes them from the environment, so a transcript cannot smuggle in a different world state.
Reasoning is kept for judges but never reaches graders.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from antischeme.envs.core.environment import Environment
from antischeme.envs.core.episode import Episode, Said
from antischeme.envs.core.grading import Verdict
from antischeme.envs.core.reasoning import check_visible, reasoning_markup, split_text
from antischeme.envs.core.session import Session

FORMAT = "antischeme.transcript/v1"
MAX_BYTES = 64 << 20


class TranscriptError(ValueError):
    """A transcript file that cannot be read or does not follow the format."""


MAX_DEPTH = 64
"""Deeper tool-call arguments are kept as their JSON text: no serializer or tool has to recurse that far."""


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of lists/dicts, counted without recursion, stopping once past ``limit``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            stack += [(v, level + 1) for v in (item.values() if isinstance(item, dict) else item)]
    return deepest


class FunctionCall(BaseModel):
    name: str
    arguments: dict[str, Any] | str = Field(default_factory=dict)

    @field_validator("arguments", mode="before")
    @classmethod
    def _bounded_depth(cls, value: Any) -> Any:
        if isinstance(value, dict) and _depth(value, MAX_DEPTH) > MAX_DEPTH:
            try:
                return json.dumps(value)
            except (RecursionError, ValueError, TypeError):
                return f"<arguments nested more than {MAX_DEPTH} levels deep>"
        return value

    def parsed_arguments(self) -> Any:
        """Arguments as an object; an unparseable string is returned as-is (the tool reports the error)."""
        if isinstance(self.arguments, dict):
            return self.arguments
        if not self.arguments.strip():
            return {}
        try:
            return json.loads(self.arguments)
        except json.JSONDecodeError:
            return self.arguments


class ToolCall(BaseModel):
    id: str = ""
    type: Literal["function"] = "function"
    function: FunctionCall


class Message(BaseModel):
    role: Literal["system", "user", "assistant", "tool"]
    content: str = ""
    reasoning: str | None = None
    tool_calls: list[ToolCall] | None = None
    tool_call_id: str | None = None
    name: str | None = None
    error: str | None = None
    """Tool messages of failed calls: ``tool`` (refused), ``budget`` (over time/size) or ``crash``."""

    @field_validator("content", mode="before")
    @classmethod
    def _none_content(cls, value: Any) -> Any:
        return "" if value is None else value

    @model_validator(mode="before")
    @classmethod
    def _reasoning_content_alias(cls, data: Any) -> Any:
        """OpenAI-compatible servers (vLLM, SGLang) name the field ``reasoning_content``."""
        if isinstance(data, dict) and data.get("reasoning_content") and not data.get("reasoning"):
            data = {**data, "reasoning": data["reasoning_content"]}
        return data

    @model_validator(mode="after")
    def _reasoning_out_of_content(self) -> Message:
        """Reasoning a server left inline in an assistant's content (think tags, harmony) moves to ``reasoning``."""
        if self.role == "assistant" and self.content:
            split = split_text(self.content)
            if split.reasoning or reasoning_markup(self.content):
                self.reasoning = "\n".join(p for p in (self.reasoning, split.reasoning) if p) or None
                self.content = split.visible
        return self


class Transcript(BaseModel):
    format: str = FORMAT
    env_id: str
    model: str | None = None
    messages: list[Message]
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value != FORMAT:
            raise ValueError(f"unsupported transcript format {value!r} (expected {FORMAT!r})")
        return value

    @classmethod
    def load(cls, path: str | Path) -> Transcript:
        """Read and validate a transcript file; every way it can be bad is a TranscriptError saying which."""
        try:
            if Path(path).stat().st_size > MAX_BYTES:
                raise TranscriptError(f"{path}: larger than {MAX_BYTES >> 20} MB; not a transcript")
            text = Path(path).read_bytes().decode("utf-8")
        except OSError as exc:
            raise TranscriptError(f"cannot read transcript {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise TranscriptError(f"{path}: not a UTF-8 text file (bad byte at offset {exc.start})") from None
        return cls.parse_text(text, str(path))

    @classmethod
    def parse_text(cls, text: str, path: str = "transcript") -> Transcript:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise TranscriptError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
        except RecursionError:
            raise TranscriptError(f"{path}: JSON nested too deeply") from None
        try:
            return cls.model_validate(data)
        except RecursionError:
            raise TranscriptError(f"{path}: JSON nested too deeply") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(top level)"
            raise TranscriptError(f"{path}: malformed transcript at {where}: {first['msg']}") from exc

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=2, exclude_none=True))


def replay(transcript: Transcript, env: Environment) -> Episode:
    """Re-run the transcript's tool calls against a fresh workspace of ``env``; return the action-only episode."""
    if transcript.env_id != env.id:
        raise TranscriptError(f"transcript is for {transcript.env_id!r}, not {env.id!r}")
    session = Session(env)
    said: list[Said] = []
    users: list[str] = []
    for index, message in enumerate(transcript.messages):
        if message.role == "user":
            users.append(message.content)
        if message.role != "assistant":
            continue
        check_visible([message.content], "an action-only grader", [message.reasoning or ""])
        if message.content.strip():
            said.append(Said(index, message.content))
        for tc in message.tool_calls or []:
            if session.done:
                break
            session.call(tc.function.name, tc.function.parsed_arguments(), step=index)
    return Episode(env, tuple(session.actions), tuple(said), session.workspace, tuple(users))


def grade(transcript: Transcript, env: Environment) -> Verdict:
    """Replay then grade, from actions only."""
    return env.grader(replay(transcript, env))
