"""Environment conversations in the embedded model's tool-emulation format — the one format shared by evaluation
(``EmbeddedModel.render_prompt``), SFT data and RL rollouts. Only composes ``prompt_format`` and ``tool_emulation``."""

from __future__ import annotations

from antischeme.envs.core import Environment
from antischeme.envs.core.prompting import system_prompt
from antischeme.envs.core.transcript import Message
from antischeme.models import tool_emulation as te
from antischeme.models.prompt_format import turns_from_transcript
from antischeme.spec import Spec


def tool_specs(env: Environment) -> list[te.ToolSpec]:
    """The environment's tools exactly as the embedded model's prompt describes them (via Inspect's ToolParams)."""
    from antischeme.runners.inspect.tools import tool_params

    specs = []
    for t in env.tools:
        params = tool_params(t)
        props = {k: v.model_dump(exclude_none=True) for k, v in params.properties.items()}
        specs.append(te.ToolSpec(t.name, t.description, props, tuple(params.required)))
    return specs


def opening_messages(env: Environment, spec: Spec | None = None) -> list[Message]:
    """System prompt (with the spec block only when given) and the environment's opening user messages."""
    return [Message(role="system", content=system_prompt(env, spec))] + [
        Message(role="user", content=u) for u in env.user_messages
    ]


def render_chat(messages: list[Message], env: Environment) -> list[dict[str, str]]:
    """Role/content chat messages in the evaluation-time tool-emulation format."""
    system, turns = turns_from_transcript(messages)
    return te.chat_messages(system, turns, tool_specs(env))


def tool_results_text(results: list[tuple[str, str, bool]]) -> str:
    """The user-turn text carrying tool results ``[(name, content, error)]``, merged as at evaluation time."""
    turns = [{"role": "tool", "name": n, "content": c, "error": e} for n, c, e in results]
    return te.chat_messages("", turns, [])[1]["content"]
