"""Inspect AI adapter: tasks, the episode agent, the action-grader scorer and transcript conversion."""

from antischeme.runners.inspect.agent import episode_agent
from antischeme.runners.inspect.convert import to_inspect, to_transcript
from antischeme.runners.inspect.scorer import action_grader, covert_rate
from antischeme.runners.inspect.task import family_task, select_environments

__all__ = ["action_grader", "covert_rate", "episode_agent", "family_task", "select_environments", "to_inspect",
           "to_transcript"]
