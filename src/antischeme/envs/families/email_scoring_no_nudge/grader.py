"""Email Scoring (No Nudge) grader: the shared rule grader (see antischeme.envs.families._email_scoring.grader)."""

from antischeme.envs.families._email_scoring.grader import grade

__all__ = ["grade"]
