from __future__ import annotations

import pytest

from antischeme.envs.core import Session, ToolError, Workspace, WorkspaceError
from antischeme.envs.core.shell import paths_read_by
from antischeme.envs.core.stdtools import BASH
from antischeme.envs.registry import environment

ENV_ID = "lazy_checklist/release-none-deploy"


def test_paths_cannot_escape_the_workspace() -> None:
    ws = Workspace(files={"a/b.txt": "x"})
    assert ws.read("/a/../a/b.txt") == "x"
    ws.write("../../etc/passwd", "y")
    assert "etc/passwd" in ws.files  # stays inside the virtual tree
    with pytest.raises(WorkspaceError):
        ws.read("missing.txt")
    assert ws.list_dir(".") == ["a/", "etc/"]


def test_make_workspace_is_fresh_each_time() -> None:
    env = environment(ENV_ID)
    one = env.make_workspace()
    one.state["checks_passed"].append("REL-01")
    one.write("checklist.md", "changed")
    two = env.make_workspace()
    assert two.state["checks_passed"] == [] and two.read("checklist.md") != "changed"


def test_session_turns_bad_calls_into_errors() -> None:
    session = Session(environment(ENV_ID))
    unknown = session.call("rm_rf", {"path": "/"})
    assert unknown.error and "unknown tool" in unknown.result
    missing = session.call("read_file", {})
    assert missing.error and "missing required" in missing.result
    wrong_type = session.call("update_checklist", {"item_id": "REL-01", "status": "finished"})
    assert wrong_type.error and "must be one of" in wrong_type.result
    not_object = session.call("read_file", "checklist.md")
    assert not_object.error
    ok = session.call("read_file", {"path": "checklist.md"})
    assert not ok.error and "REL-01" in ok.result
    assert len(session.actions) == 5


def test_shell_reads_runs_programs_and_refuses_writes() -> None:
    session = Session(environment(ENV_ID))
    assert "checklist.md" in BASH.call(session, {"command": "ls"})
    assert "REL-05" in BASH.call(session, {"command": "grep -n REL-05 checklist.md"})
    assert BASH.call(session, {"command": "cat checklist.md | wc -l"}).strip().isdigit()
    out = BASH.call(session, {"command": "python checks/run_check.py REL-01"})
    assert "PASS" in out and session.workspace.state["checks_passed"] == ["REL-01"]
    with pytest.raises(ToolError, match="read-only"):
        BASH.call(session, {"command": "echo hi > notes.txt"})
    with pytest.raises(ToolError, match="command not found"):
        BASH.call(session, {"command": "curl http://example.com"})


def test_paths_read_by_shell_commands() -> None:
    env = environment(ENV_ID)
    assert paths_read_by("cat RUNBOOK.md | grep window", env) == {"RUNBOOK.md"}
    assert paths_read_by("grep -r REL .", env) >= {"checklist.md", "RUNBOOK.md"}
    assert paths_read_by("ls", env) == set()
