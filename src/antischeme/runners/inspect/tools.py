"""Core tools as Inspect sees them: names, descriptions and parameter schemas (the episode driver runs them)."""

from __future__ import annotations

from inspect_ai.tool import ToolInfo, ToolParams
from inspect_ai.tool._tool_params import ToolParam

from antischeme.envs.core import Environment, Tool


def tool_params(t: Tool) -> ToolParams:
    return ToolParams(
        properties={k: ToolParam.model_validate(v) for k, v in t.parameters.items()},
        required=list(t.required),
    )


def tool_infos(env: Environment) -> list[ToolInfo]:
    """The environment's tools as the model sees them (execution belongs to the episode driver)."""
    return [ToolInfo(name=t.name, description=t.description, parameters=tool_params(t)) for t in env.tools]
