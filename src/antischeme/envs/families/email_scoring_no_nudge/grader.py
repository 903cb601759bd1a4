"""Email Scoring (No Nudge) grader: the shared act + claim grader (see antischeme.envs.families._email_scoring.grader)."""

from antischeme.envs.families._email_scoring.grader import RUBRIC, act, grade

__all__ = ["RUBRIC", "act", "grade"]
