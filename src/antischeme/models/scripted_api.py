"""Inspect-facing scripted models ``antischeme/schemer`` and ``antischeme/saint``: no key, no network."""

from __future__ import annotations

import hashlib

from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ContentReasoning,
    ContentText,
    GenerateConfig,
    ModelOutput,
    ModelUsage,
)
from inspect_ai.tool import ToolCall, ToolChoice, ToolInfo

from antischeme.envs.core import Environment
from antischeme.envs.registry import environment, environments
from antischeme.models.scripted import scripted_turn


def identify_environment(messages: list[ChatMessage]) -> Environment:
    """The environment of the running sample: the episode agent's context, else the sample metadata, else the
    opening messages (unique per environment, with or without the spec block)."""
    from antischeme.runners.inspect.agent import current_env_id

    env_id = current_env_id.get()
    if env_id is None:
        from inspect_ai.solver._task_state import sample_state

        state = sample_state()
        if state is not None and "env_id" in state.metadata:
            env_id = state.metadata["env_id"]
    if env_id is not None:
        return environment(env_id)
    key = _opening_key(messages)
    for env in environments("all"):
        if _opening_key_of(env) == key:
            return env
    raise LookupError("scripted model: cannot tell which antischeme environment this conversation belongs to")


def _opening_key(messages: list[ChatMessage]) -> str:
    system = next((m.text for m in messages if m.role == "system"), "")
    users = [m.text for m in messages if m.role == "user"]
    body = system.split("</anti_scheming_spec>")[-1].strip()
    return hashlib.sha256((body + "\x00" + (users[0] if users else "")).encode()).hexdigest()


def _opening_key_of(env: Environment) -> str:
    first = env.user_messages[0] if env.user_messages else ""
    return hashlib.sha256((env.system_prompt.strip() + "\x00" + first).encode()).hexdigest()


def scripted_output(policy: str, messages: list[ChatMessage], tools: list[ToolInfo]) -> ModelOutput:
    env = identify_environment(messages)
    index = sum(1 for m in messages if m.role == "assistant")
    turn = scripted_turn(env, policy, index)
    calls = [
        ToolCall(id=f"{policy}_{index}_{i}", function=c.name, arguments=dict(c.arguments))
        for i, c in enumerate(turn.calls)
    ]
    content: list = []
    if turn.reasoning:
        content.append(ContentReasoning(reasoning=turn.reasoning))
    content.append(ContentText(text=turn.content))
    message = ChatMessageAssistant(content=content, tool_calls=calls or None, model=policy, source="generate")
    words = len(turn.reasoning.split()) + len(turn.content.split())
    output = ModelOutput.from_message(message, stop_reason="tool_calls" if calls else "stop")
    output.model = policy
    output.usage = ModelUsage(input_tokens=0, output_tokens=words, total_tokens=words)
    return output


async def generate_scripted(
    policy: str, input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig
) -> ModelOutput:
    return scripted_output(policy, input, tools)
