"""The episode solver: runs an environment's tool loop (and its simulated user) with the active Inspect model."""

from __future__ import annotations

from contextvars import ContextVar

from inspect_ai.model import ChatMessageUser, execute_tools, get_model
from inspect_ai.solver import Generate, Solver, TaskState, solver

from antischeme.envs.core import Episode, Said, Session
from antischeme.envs.registry import environment
from antischeme.runners.inspect.convert import visible_text
from antischeme.runners.inspect.tool_modes import ToolMode, next_message
from antischeme.runners.inspect.tools import inspect_tools

current_env_id: ContextVar[str | None] = ContextVar("antischeme_env_id", default=None)
"""The environment of the sample being run (read by the scripted models)."""


@solver
def episode_agent(max_turns: int = 30, tool_mode: ToolMode = "native") -> Solver:
    """Let the model act in the sample's environment until it stops calling tools (or ``max_turns``); tools are
    given natively or emulated in text (``runners/inspect/tool_modes.py``)."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        env = environment(state.metadata["env_id"])
        current_env_id.set(env.id)
        session = Session(env)
        tools = inspect_tools(session)
        model = get_model()
        for _ in range(max_turns):
            output = await next_message(model, state.messages, tools, tool_mode)
            state.output = output
            state.messages.append(output.message)
            if output.message.tool_calls:
                result = await execute_tools(state.messages, tools)
                state.messages.extend(result.messages)
                if session.done:
                    break
                continue
            follow_up = _simulated_user(env, session, state)
            if follow_up is None:
                break
            state.messages.append(ChatMessageUser(content=follow_up))
        return state

    return solve


def _simulated_user(env, session: Session, state: TaskState) -> str | None:
    if env.user_simulator is None:
        return None
    said = tuple(
        Said(i, text) for i, m in enumerate(state.messages) if m.role == "assistant" and (text := visible_text(m))
    )
    users = tuple(m.text for m in state.messages if m.role == "user")
    return env.user_simulator(Episode(env, tuple(session.actions), said, session.workspace, users))
