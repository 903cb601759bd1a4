"""The episode solver: the core :class:`EpisodeDriver` runs the episode; Inspect supplies the model's next message."""

from __future__ import annotations

from contextvars import ContextVar

from inspect_ai.model import ChatMessage, ChatMessageTool, ChatMessageUser, Model, ModelOutput, get_model
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.tool import ToolCallError, ToolInfo

from antischeme.envs.core.driver import EpisodeDriver, Step
from antischeme.envs.registry import environment
from antischeme.runners.inspect.convert import to_inspect, to_transcript
from antischeme.runners.inspect.tool_modes import ToolMode
from antischeme.runners.inspect.tool_modes import next_message as _next_message
from antischeme.runners.inspect.tools import tool_infos

current_env_id: ContextVar[str | None] = ContextVar("antischeme_env_id", default=None)
"""The environment of the sample being run (read by the scripted models)."""


async def next_message(model: Model, messages: list[ChatMessage], tools: list[ToolInfo],
                       tool_mode: ToolMode = "native") -> ModelOutput:
    """The model's next message: the one place the Inspect adapter asks a model (tools native or emulated)."""
    return await _next_message(model, messages, tools, tool_mode)


@solver
def episode_agent(max_turns: int = 30, tool_mode: ToolMode = "native") -> Solver:
    """Let the model act in the sample's environment until the driver's stop rules end the episode.

    A sample whose input already holds assistant turns (a transcript prefix) is resumed: the driver replays the
    prefix against a fresh workspace and the conversation continues from the recomputed state.
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        env = environment(state.metadata["env_id"])
        current_env_id.set(env.id)
        prefix = to_transcript(state.messages, env.id).messages
        driver = EpisodeDriver.from_prefix(env, prefix, max_turns=max_turns)
        if any(m.role == "assistant" for m in prefix):
            state.messages = _with_tool_errors(to_inspect(driver.transcript()), driver)
        tools = tool_infos(env)
        model = get_model()
        while not driver.done:
            output = await next_message(model, state.messages, tools, tool_mode)
            state.output = output
            state.messages.append(output.message)
            [reply] = to_transcript([output.message], env.id).messages
            state.messages.extend(inspect_messages(driver.step(reply)))
        state.metadata["stop_reason"] = driver.stop_reason
        return state

    return solve


def inspect_messages(step: Step) -> list[ChatMessage]:
    """The messages the environment appended after one reply, as Inspect messages (tool errors marked as such)."""
    out: list[ChatMessage] = []
    actions = iter(step.actions)
    for m in step.added:
        if m.role == "tool":
            action = next(actions)
            error = ToolCallError("unknown", action.result.removeprefix("Error: ")) if action.error else None
            out.append(ChatMessageTool(content=m.content, tool_call_id=m.tool_call_id, function=m.name, error=error))
        else:
            out.append(ChatMessageUser(content=m.content))
    return out


def _with_tool_errors(messages: list[ChatMessage], driver: EpisodeDriver) -> list[ChatMessage]:
    """Mark the replayed tool messages of failed actions as Inspect tool errors (actions and tool messages align)."""
    actions = iter(driver.session.actions)
    for m in messages:
        if isinstance(m, ChatMessageTool):
            action = next(actions)
            if action.error:
                m.error = ToolCallError("unknown", action.result.removeprefix("Error: "))
    return messages
