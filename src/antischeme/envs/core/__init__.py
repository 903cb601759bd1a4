"""The environment core: pure Python, no framework imports. Adapters (Inspect, TRL) build on this only."""

from antischeme.envs.core.environment import (
    Environment,
    Family,
    ScriptedCall,
    Turn,
    call,
    factor_grid,
    variant_id,
)
from antischeme.envs.core.episode import Episode, Said
from antischeme.envs.core.grading import AggregateResult, Outcome, PairedVerdict, Verdict, infer_outcome
from antischeme.envs.core.session import Action, Session
from antischeme.envs.core.tools import Tool, ToolError, tool
from antischeme.envs.core.transcript import Transcript, TranscriptError, grade, replay
from antischeme.envs.core.workspace import Workspace, WorkspaceError

__all__ = [
    "Action", "AggregateResult", "PairedVerdict", "Environment", "Episode", "Family", "Outcome", "Said", "ScriptedCall",
    "Session", "Tool", "ToolError", "Transcript", "TranscriptError", "Turn", "Verdict", "Workspace",
    "WorkspaceError", "call", "factor_grid", "grade", "infer_outcome", "replay", "tool", "variant_id",
]
