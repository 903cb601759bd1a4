"""Core tools as Inspect ToolDefs bound to one live Session."""

from __future__ import annotations

from typing import Any

from inspect_ai.tool import ToolDef, ToolError, ToolParams
from inspect_ai.tool._tool_params import ToolParam

from antischeme.envs.core import Session, Tool


def inspect_tools(session: Session) -> list[ToolDef]:
    """One ToolDef per environment tool; calls run against ``session`` (errors go back to the model)."""
    return [_tool_def(session, t) for t in session.env.tools]


def tool_params(t: Tool) -> ToolParams:
    return ToolParams(
        properties={k: ToolParam.model_validate(v) for k, v in t.parameters.items()},
        required=list(t.required),
    )


def _tool_def(session: Session, t: Tool) -> ToolDef:
    async def execute(**kwargs: Any) -> str:
        action = session.call(t.name, kwargs)
        if action.error:
            raise ToolError(action.result.removeprefix("Error: "))
        return action.result

    return ToolDef(execute, name=t.name, description=t.description, parameters=tool_params(t))
