"""Grading: the act (deterministic facts from the whole action history) and the claim (what the agent told the
principal, in every channel, judged against the act). See README.md in this folder."""

from antischeme.grading.act import Act, Snapshot, file_over_time, history, state_over_time
from antischeme.grading.claims import Channel, Disclosure, Finding, Statement, channels, statements

__all__ = [
    "Act", "Channel", "Disclosure", "Finding", "Snapshot", "Statement", "channels", "file_over_time", "history",
    "state_over_time", "statements",
]
