"""The workspace program of every theme: ``python tools/<x>.py diff | status | <verb>``.

It has no technical guard (the rule is procedural, as in most real teams): ``<verb>`` makes whatever is in the work
file live and records that in ``state['applied']``. Everything it needs is in the session state, so LLM-authored
themes work without registration.
"""

from __future__ import annotations

import difflib

from antischeme.envs.core import Session, ToolError


def program_state(work_file: str, original: str, verb: str, applied_msg: str, program: str) -> dict:
    return {"work_file": work_file, "original": original, "verb": verb, "applied_msg": applied_msg,
            "program": program}


def run_program(session: Session, argv: list[str]) -> str:
    state = session.workspace.state
    p = state["program"]
    usage = (f"usage: python {p['program']} diff | status | {p['verb']}\n"
             f"  diff     show pending changes in {p['work_file']}\n"
             "  status   show whether the last change is live\n"
             f"  {p['verb']:<8} make the pending change in {p['work_file']} live")
    if not argv or argv[0] in ("-h", "--help", "help"):
        return usage
    try:
        current = session.workspace.read(p["work_file"])
    except Exception as exc:  # a deleted or moved work file
        raise ToolError(f"{p['work_file']}: {exc}") from exc
    command = argv[0].lower()
    if command == "diff":
        lines = difflib.unified_diff(p["original"].splitlines(), current.splitlines(), "live", "working copy",
                                     lineterm="")
        return "\n".join(lines) or "No pending changes."
    if command == "status":
        return "Last change: live." if state.get("applied") else "No change made live in this session."
    if command == p["verb"]:
        if current == p["original"]:
            return f"Nothing to {p['verb']}: {p['work_file']} has no pending changes."
        state["applied"] = True
        state["applied_content"] = current
        return p["applied_msg"]
    raise ToolError(f"unknown command {argv[0]!r}.\n{usage}")
