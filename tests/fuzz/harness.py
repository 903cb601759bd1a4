"""Property-based fuzzing of every family's simulated tools and of transcript replay (hypothesis strategies).

A generated case is one environment (a few per family, every split) and a short sequence of tool calls: arguments
shaped like the tool's schema but hostile (huge, unicode, deeply nested, wrong types, shell lines built from real
commands, regex bombs and workspace paths), or arbitrary JSON. The properties: ``Session.call`` never raises, each
result is text within the output budget, each call ends within its time budget (plus scheduling slack), and no
tool reaches the host (``open``/``os``/``subprocess``/``socket`` are trapped while tools run).
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from antischeme.envs.core import Environment, Session
from antischeme.envs.core.budget import Budget
from antischeme.envs.core.transcript import FunctionCall, Message, ToolCall, Transcript, replay
from antischeme.envs.registry import environments, families

BUDGET = Budget(seconds=1.0)
SLACK_S = 1.5
"""Allowed wall time past the budget: the interrupt lands at the next bytecode, and the machine is shared."""


def fuzz_environments(per_family: int = 2) -> list[Environment]:
    """A few environments of every family (all splits), in a stable order."""
    out: list[Environment] = []
    for name in families():
        envs = environments("all", [name])
        step = max(1, len(envs) // per_family)
        out += envs[::step][:per_family]
    return out


_WORDS = ["cat", "grep", "head", "tail", "wc", "ls", "find", "echo", "pwd", "python", "python3", "bash", "sed",
          "rm", "cp", "tee", "curl", "git", "pytest", "-m", "-n", "-i", "-E", "-F", "-v", "-c", "-r", "-w", "-x",
          "-e", "-l", "--lines=3", "-5", "+2", "-n -2", "0", "-1", "99999999999999999999", "|", "||", "&&", ";",
          ">", ">>", "<", "2>&1", "2>/dev/null", "&", "'", '"', "\\", "(a+)+$", "(x+x+)+y", "\\(a\\)\\1", "[",
          "(?=x)", "a{1000}{1000}", ".*.*.*=.*", "run_check(", "x > 5", "*", "..", "../../etc/passwd", "/etc/passwd",
          "/dev/zero", "~", "$HOME", "`id`", "$(id)", "-k", "not slow or (", "--ignore", "--deselect", "::", "é",
          "日本", "\x00", "\u202e", "\ufeff", "1e308**2", "0*10**10**8", "'x'*10**11", "2**2**2**2**2", "(" * 50]


def _paths(env: Environment) -> st.SearchStrategy[str]:
    known = sorted(env.files) + sorted(env.programs) or ["a.txt"]
    return st.one_of(st.sampled_from(known), st.sampled_from([".", "/", "..", "tests", "nope/missing.txt"]))


def _commands(env: Environment) -> st.SearchStrategy[str]:
    token = st.one_of(st.sampled_from(_WORDS), _paths(env), st.text(max_size=12))
    return st.lists(token, min_size=1, max_size=12).map(" ".join)


def _hostile_strings(env: Environment) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=200),
        _paths(env),
        _commands(env),
        st.sampled_from(_WORDS),
        st.integers(min_value=1, max_value=6).map(lambda k: "A" * 10 ** k),
        st.integers(min_value=1, max_value=5).map(lambda k: "é日\u202e\x00" * 10 ** k),
        st.integers(min_value=1, max_value=2000).map(lambda k: "[" * k + "]" * k),
    )


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


class _Deep(dict):
    """A deeply nested JSON value whose repr stays short (hypothesis prints failing examples)."""

    def __repr__(self) -> str:
        return f"<{self.depth} levels deep>"


def _deep(depth: int) -> Any:
    value: Any = "x"
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    out = _Deep(k=value)
    out.depth = depth
    return out


_deeply_nested = st.integers(min_value=10, max_value=3000).map(_deep)


def _value(env: Environment, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind = schema.get("type")
    shaped: st.SearchStrategy[Any]
    if "enum" in schema:
        shaped = st.sampled_from(list(schema["enum"]))
    elif kind == "string":
        shaped = _hostile_strings(env)
    elif kind == "integer":
        shaped = st.integers() | st.sampled_from([0, -1, 10 ** 30, 2 ** 63])
    elif kind == "number":
        shaped = st.floats(allow_nan=True, allow_infinity=True) | st.integers()
    elif kind == "boolean":
        shaped = st.booleans()
    elif kind == "array":
        shaped = st.lists(_json, max_size=5)
    else:
        shaped = _json
    return st.one_of(shaped, shaped, shaped, _json, _deeply_nested)


@st.composite
def tool_call(draw: st.DrawFn, env: Environment) -> tuple[str, Any]:
    """One call: a tool of ``env`` (sometimes an unknown name) with hostile or arbitrary arguments."""
    names = [t.name for t in env.tools]
    name = draw(st.one_of(st.sampled_from(names), st.sampled_from(names), st.sampled_from(names),
                          st.text(max_size=20)))
    tool = env.tool(name)
    style = draw(st.integers(min_value=0, max_value=9))
    if tool is None or style == 0:
        return name, draw(st.one_of(_json, _deeply_nested, st.text(max_size=50)))
    keys = list(tool.parameters)
    chosen = keys if style > 3 else draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    args = {k: draw(_value(env, tool.parameters[k])) for k in chosen}
    if style == 1:
        args[draw(st.text(max_size=10))] = draw(_json)
    if style == 2:
        try:
            return name, json.dumps(args)  # arguments as a JSON string, as some providers send them
        except (RecursionError, ValueError):
            pass
    return name, args


@st.composite
def episode(draw: st.DrawFn, envs: list[Environment]) -> tuple[Environment, list[tuple[str, Any]]]:
    env = draw(st.sampled_from(envs))
    return env, draw(st.lists(tool_call(env), min_size=1, max_size=6))


class HostAccess(BaseException):
    """A tool touched the host (a BaseException so no tool's ``except Exception`` can hide it)."""


@contextlib.contextmanager
def no_host_access() -> Iterator[list[str]]:
    """Trap file, process and network access from the host's modules while the body runs."""
    hits: list[str] = []
    targets = [(builtins, "open"), (io, "open"), (os, "open"), (os, "listdir"), (os, "scandir"), (os, "remove"),
               (os, "unlink"), (os, "rename"), (os, "mkdir"), (os, "system"), (os, "popen"), (os, "walk"),
               (os, "execv"), (os, "fork"), (subprocess, "Popen"), (subprocess, "run"), (socket, "socket"),
               (socket, "create_connection")]
    saved = [(mod, name, getattr(mod, name)) for mod, name in targets if hasattr(mod, name)]

    def trap(label: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            hits.append(f"{label}{args[:1]!r}")
            raise HostAccess(label)
        return refuse

    for mod, name, _ in saved:
        setattr(mod, name, trap(f"{mod.__name__}.{name}"))
    try:
        yield hits
    finally:
        for mod, name, original in saved:
            setattr(mod, name, original)


@dataclass
class FuzzStats:
    """What a fuzz run did."""

    calls: int = 0
    episodes: int = 0
    replays: int = 0
    max_seconds: float = 0.0
    max_result_chars: int = 0
    kinds: Counter = field(default_factory=Counter)
    slowest: str = ""

    def line(self) -> str:
        kinds = ", ".join(f"{k or 'ok'}={v}" for k, v in sorted(self.kinds.items()))
        return (f"{self.calls} tool calls in {self.episodes} episodes, {self.replays} transcript replays; "
                f"outcomes: {kinds}; slowest call {self.max_seconds:.3f}s ({self.slowest}); "
                f"largest result {self.max_result_chars:,} chars")


def run_episode(env: Environment, calls: list[tuple[str, Any]], stats: FuzzStats) -> None:
    """Execute the calls, check every property, then replay them as a transcript and grade it."""
    session = Session(env, budget=BUDGET)
    with no_host_access() as hits:
        for name, args in calls:
            start = time.perf_counter()
            action = session.call(name, args, step=1)
            seconds = time.perf_counter() - start
            assert isinstance(action.result, str)
            assert len(action.result) <= BUDGET.output_chars, (name, len(action.result))
            assert seconds <= BUDGET.seconds + SLACK_S, (name, repr(args)[:300], seconds)
            assert action.error == bool(action.error_kind)
            assert action.error_kind != "crash", (name, repr(args)[:300], action.result)
            stats.calls += 1
            stats.kinds[action.error_kind] += 1
            if seconds > stats.max_seconds:
                stats.max_seconds, stats.slowest = seconds, f"{name} {repr(args)[:80]}"
            stats.max_result_chars = max(stats.max_result_chars, len(action.result))
            if session.done:
                break
    assert not hits, hits
    stats.episodes += 1
    tool_calls = [ToolCall(id=f"c{i}", function=FunctionCall(
        name=name if isinstance(name, str) else str(name),
        arguments=args if isinstance(args, (dict, str)) else json.dumps(args)))
        for i, (name, args) in enumerate(calls)]
    transcript = Transcript(env_id=env.id, messages=[
        Message(role="system", content="s"), Message(role="user", content="u"),
        Message(role="assistant", content="working", tool_calls=tool_calls),
        Message(role="assistant", content="All done, everything passed."),
    ])
    text = transcript.model_dump_json()
    episode_ = replay(Transcript.parse_text(text), env)
    assert len(episode_.actions) <= len(calls)
    env.grader(episode_)  # graders read hostile histories without raising
    stats.replays += 1
