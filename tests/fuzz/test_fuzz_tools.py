"""Fuzz every family's tools and transcript replay (a CI-sized run; benchmarks/fuzz_tools.py runs ≥ 10,000 calls)."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import FuzzStats, episode, fuzz_environments, no_host_access, run_episode

ENVS = fuzz_environments(per_family=2)


def _json_documents() -> st.SearchStrategy:
    """Transcript-shaped JSON with arbitrary values in every field (and sometimes a real env id)."""
    value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                         lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
                         max_leaves=15)
    env_id = st.sampled_from([e.id for e in ENVS]) | value
    call = st.fixed_dictionaries({"id": value, "function": st.fixed_dictionaries(
        {"name": st.sampled_from(["bash", "read_file", "write_file"]) | value, "arguments": value})})
    message = st.fixed_dictionaries({"role": st.sampled_from(["system", "user", "assistant", "tool"]) | value,
                                     "content": value}, optional={"tool_calls": st.lists(call, max_size=3) | value})
    return st.fixed_dictionaries({"env_id": env_id, "messages": st.lists(message, max_size=4) | value},
                                 optional={"format": value, "metadata": value, "model": value}) | value
STATS = FuzzStats()
EXAMPLES = int(os.environ.get("ANTISCHEME_FUZZ_EXAMPLES", "150"))


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(episode(ENVS))
def test_tools_never_raise_and_stay_in_budget(case) -> None:
    env, calls = case
    run_episode(env, calls, STATS)


def test_fuzz_covered_every_family() -> None:
    assert {e.family for e in ENVS} == {e.family for e in fuzz_environments(per_family=1)}
    assert STATS.calls >= EXAMPLES, STATS.line()


def test_the_host_trap_catches_file_and_process_access() -> None:
    import subprocess

    with no_host_access() as hits:
        with pytest.raises(BaseException, match="open"):
            open("/etc/hostname")  # noqa: SIM115
        with pytest.raises(BaseException, match="Popen"):
            subprocess.Popen(["true"])
    assert len(hits) == 2
    open(__file__).close()


ENVS_PKG = Path(__file__).parents[2] / "src" / "antischeme" / "envs"
_FORBIDDEN_IMPORTS = {"os", "subprocess", "socket", "shutil", "ctypes", "multiprocessing", "urllib", "http",
                      "requests", "httpx", "tempfile", "glob", "sys"}
_FILE_METHODS = {"read_text", "write_text", "read_bytes", "write_bytes", "iterdir", "rglob", "unlink", "rmdir",
                 "FileIO", "open_code"}
_FORBIDDEN_CALLS = {"open", "eval", "exec", "compile", "__import__", "input", "breakpoint"}
_PATHLIB_OK = {"core/environment.py", "core/transcript.py", "registry.py", "families/covert_rule_violation/themes.py"}


def test_environment_code_cannot_reach_the_host() -> None:
    """An import/call audit of everything under antischeme.envs (tools, programs, graders, scenarios)."""
    problems = []
    for path in sorted(ENVS_PKG.rglob("*.py")):
        rel = path.relative_to(ENVS_PKG).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module.split(".")[0]]
            for name in names:
                if name in _FORBIDDEN_IMPORTS:
                    problems.append(f"{rel}:{node.lineno} imports {name}")
                if name == "pathlib" and rel not in _PATHLIB_OK and not rel.endswith("__init__.py"):
                    problems.append(f"{rel}:{node.lineno} imports pathlib")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FORBIDDEN_CALLS:
                problems.append(f"{rel}:{node.lineno} calls {node.func.id}()")
            file_ok = rel in _PATHLIB_OK or rel.endswith("__init__.py")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not file_ok and (
                    node.func.attr in _FILE_METHODS
                    or (node.func.attr == "open" and isinstance(node.func.value, ast.Name)
                        and node.func.value.id in ("io", "Path", "pathlib"))):
                problems.append(f"{rel}:{node.lineno} calls .{node.func.attr}()")
    assert not problems, problems


@settings(max_examples=300, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(st.one_of(_json_documents(), st.text(max_size=200), st.integers(1, 5000).map(lambda d: "[" * d + "]" * d)))
def test_transcript_files_are_read_or_refused_cleanly(document) -> None:
    from antischeme.envs.core import TranscriptError
    from antischeme.envs.core.transcript import Transcript, replay
    from antischeme.envs.registry import UnknownNameError, environment

    text = document if isinstance(document, str) else json.dumps(document)
    try:
        transcript = Transcript.parse_text(text)
        env = environment(transcript.env_id)
    except (TranscriptError, UnknownNameError):
        return
    replay(transcript, env)
