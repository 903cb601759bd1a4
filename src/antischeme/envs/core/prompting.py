"""The opening messages of an episode: the environment's system prompt, optionally preceded by the spec."""

from __future__ import annotations

from antischeme.envs.core.environment import Environment
from antischeme.spec import Spec


def system_prompt(env: Environment, spec: Spec | None = None) -> str:
    """The system prompt; with a spec, the spec block comes first (deliberative-alignment collection)."""
    if spec is None:
        return env.system_prompt
    return spec.render() + "\n\n" + env.system_prompt
