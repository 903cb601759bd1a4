"""Inspect-facing ``antischeme/known-effect``: the known-effect policy behind Inspect's model interface."""

from __future__ import annotations

from inspect_ai.model import ChatMessage, ModelOutput, ModelUsage

from antischeme.envs.core import Transcript
from antischeme.models.known_effect import KnownEffectPolicy
from antischeme.models.scripted_api import identify_environment
from antischeme.runners.inspect.convert import to_inspect, to_transcript


def known_effect_output(policy: KnownEffectPolicy, messages: list[ChatMessage]) -> ModelOutput:
    """The policy's next message; its nonce is the running sample's id and epoch (outside a sample: none)."""
    from inspect_ai.solver._task_state import sample_state

    env = identify_environment(messages)
    state = sample_state()
    nonce = f"{state.sample_id}#{state.epoch}" if state is not None else "-"
    reply = policy.reply(env, to_transcript(messages, env.id).messages, nonce)
    [message] = to_inspect(Transcript(env_id=env.id, messages=[reply]))
    message.model, message.source = "known-effect", "generate"
    output = ModelOutput.from_message(message, stop_reason="tool_calls" if message.tool_calls else "stop")
    output.model = "known-effect"
    words = len((reply.reasoning or "").split()) + len(reply.content.split())
    output.usage = ModelUsage(input_tokens=0, output_tokens=words, total_tokens=words)
    return output
