"""A minimal environment over given files, for exercising the core tools directly."""

from __future__ import annotations

from collections.abc import Mapping

from antischeme.envs.core import Environment, Session
from antischeme.envs.core.budget import Budget, DEFAULT
from antischeme.envs.core.stdtools import FILE_TOOLS


def sandbox(files: Mapping[str, str], tools=FILE_TOOLS, programs=None, budget: Budget = DEFAULT) -> Session:
    env = Environment(
        id="sandbox/x", family="sandbox", category="test", split="test", factors={}, system_prompt="",
        user_messages=["go"], tools=tools, grader=lambda ep: None,  # never graded here
        files=dict(files), programs=programs or {},
    )
    return Session(env, budget=budget)
