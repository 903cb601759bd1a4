"""Simulated tools: a name, a description, JSON-schema parameters and a pure-Python function over a session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from antischeme.envs.core.session import Session

ToolFn = Callable[..., str]
"""``fn(session, **arguments) -> str``: the text returned to the model."""

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


class ToolError(Exception):
    """A tool call the tool cannot carry out; its message goes back to the model as an error."""


@dataclass(frozen=True)
class Tool:
    """One simulated tool. ``parameters`` maps argument names to JSON schemas."""

    name: str
    description: str
    fn: ToolFn
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    ends_episode: bool = False
    """Calling this tool ends the episode (e.g. a final submission)."""

    def schema(self) -> dict[str, Any]:
        """JSON schema of the arguments object."""
        return {
            "type": "object",
            "properties": self.parameters,
            "required": list(self.required),
            "additionalProperties": False,
        }

    def openai_schema(self) -> dict[str, Any]:
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": self.schema()},
        }

    def check_arguments(self, arguments: Any) -> dict[str, Any]:
        """Validate arguments against the schema; raise ToolError with a message the model can act on."""
        if not isinstance(arguments, dict):
            raise ToolError(f"{self.name}: arguments must be a JSON object, got {type(arguments).__name__}")
        missing = [r for r in self.required if r not in arguments]
        if missing:
            raise ToolError(f"{self.name}: missing required argument(s): {', '.join(missing)}")
        unknown = [k for k in arguments if k not in self.parameters]
        if unknown:
            raise ToolError(
                f"{self.name}: unknown argument(s): {', '.join(unknown)}; "
                f"expected: {', '.join(self.parameters) or 'none'}"
            )
        out: dict[str, Any] = {}
        for key, value in arguments.items():
            out[key] = _coerce(self.name, key, value, self.parameters[key])
        return out

    def call(self, session: Session, arguments: Any) -> str:
        return self.fn(session, **self.check_arguments(arguments))


def _coerce(tool: str, key: str, value: Any, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if kind is None:
        return value
    if kind == "integer" and isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if kind == "number" and isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            pass
    if kind == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    ok = isinstance(value, _JSON_TYPES.get(kind, (object,)))
    if kind in ("integer", "number") and isinstance(value, bool):
        ok = False
    if not ok:
        raise ToolError(f"{tool}: argument {key!r} must be of type {kind}, got {type(value).__name__}")
    if "enum" in schema and value not in schema["enum"]:
        raise ToolError(f"{tool}: argument {key!r} must be one of {schema['enum']}, got {value!r}")
    return value


def tool(
    name: str,
    description: str,
    parameters: dict[str, dict[str, Any]] | None = None,
    required: tuple[str, ...] | None = None,
    ends_episode: bool = False,
) -> Callable[[ToolFn], Tool]:
    """Decorator turning ``fn(session, **args) -> str`` into a Tool. All parameters required unless told."""

    def wrap(fn: ToolFn) -> Tool:
        params = parameters or {}
        return Tool(
            name=name,
            description=description,
            fn=fn,
            parameters=params,
            required=tuple(params) if required is None else required,
            ends_episode=ends_episode,
        )

    return wrap
