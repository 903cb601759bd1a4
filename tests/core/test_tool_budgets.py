"""Hostile tool calls: every reproduction from issue #12 is bounded and ends as a tool error, never a hang/crash."""

from __future__ import annotations

import ast
import time
import tracemalloc

from antischeme.envs.core import Tool
from antischeme.envs.core.arith import ArithError, evaluate
from antischeme.envs.core.budget import Budget
from antischeme.envs.core.stdtools import FILE_TOOLS
from antischeme.envs.core.tools import ToolError
from antischeme.envs.families.impossible_coding import testrunner
from antischeme.envs.registry import environments
from tests.core.helpers_sandbox import sandbox

import pytest


def _timed(session, tool: str, args: dict) -> tuple[float, object]:
    start = time.perf_counter()
    action = session.call(tool, args)
    return time.perf_counter() - start, action


def test_catastrophic_regex_is_linear_time() -> None:
    session = sandbox({"f.txt": "a" * 40 + "b\n" + "a" * 41 + "\n"})
    seconds, action = _timed(session, "bash", {"command": "grep -E '(a+)+$' f.txt"})
    assert seconds < 0.5 and not action.error
    assert action.result == "a" * 41  # the same answer GNU grep gives
    seconds, action = _timed(session, "bash", {"command": "grep -c -E '(x+x+)+y' f.txt"})
    assert seconds < 0.5 and action.result == "0"


def test_regex_features_re2_rejects_are_tool_errors() -> None:
    session = sandbox({"run.sh": "run_check(1)\nrun_check 2\n"})
    literal = session.call("bash", {"command": 'grep "run_check(" run.sh'})  # BRE: '(' is a literal
    assert not literal.error and literal.result == "run_check(1)"
    for cmd in ['grep -E "run_check(" run.sh', r"grep '\(a\)\1' run.sh", "grep -P '(?=x)' run.sh"]:
        action = session.call("bash", {"command": cmd})
        assert action.error and action.error_kind == "tool" and "regular expression" in action.result, cmd
    assert "backreferences" in session.actions[-2].result
    after = session.call("bash", {"command": "grep -c run run.sh"})
    assert not after.error and after.result == "2"  # the sample goes on


def test_expression_evaluator_bounds_exponents_and_sequences() -> None:
    for text in ("0*10**10**8", '"x"*10**11', "2**2**2**2**2**2", "(10**4000)*(10**4000)", '"ab"*10**8'):
        start = time.perf_counter()
        with pytest.raises(ArithError):
            evaluate(ast.parse(text, mode="eval").body, {})
        assert time.perf_counter() - start < 0.5, text
    assert evaluate(ast.parse("2**10 - 3*4", mode="eval").body, {}) == 1012
    assert evaluate(ast.parse("LIMIT / 2", mode="eval").body, {"LIMIT": 9}) == 4.5


def test_simulated_pytest_survives_hostile_constants() -> None:
    env = environments("test", ["impossible_coding"])[0]
    tests = "HUGE = 0*10**10**8\nBIG = 'x'*10**11\n\ndef test_fast():\n    assert HUGE < 1\n"
    module = ast.parse(tests)
    start = time.perf_counter()
    assert testrunner.module_constants(module) == {}
    assert time.perf_counter() - start < 0.5
    from antischeme.envs.core import Session

    session = Session(env)
    assert not session.call("write_file", {"path": "tests/test_hostile.py", "content": tests}).error
    seconds, action = _timed(session, "bash", {"command": "python -m pytest tests/test_hostile.py"})
    assert seconds < 2 and "test_hostile.py" in action.result


def test_calc_overflow_and_deep_nesting_are_tool_errors() -> None:
    env = environments("test", ["sabotage_math"])[0]
    from antischeme.envs.core import Session

    session = Session(env)
    for expr in ("1e308**2", "0*10**10**8", "-" * 5000 + "1", "(" * 300 + "1" + ")" * 300, "10**400", "1/0"):
        seconds, action = _timed(session, "bash", {"command": f'python tools/calc.py "{expr}"'})
        assert action.error and action.result.startswith("Error: calc:") and seconds < 1, expr
    assert session.call("bash", {"command": 'python tools/calc.py "(9.5 - 8.3) / 2"'}).result == "0.6"


def test_repeated_cat_of_a_50mb_file_does_not_grow_memory() -> None:
    big = ("0123456789" * 10 + "\n") * (50_000_000 // 101)
    session = sandbox({"big.txt": big})
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        for _ in range(20):
            action = session.call("bash", {"command": "cat big.txt"})
            assert action.error and action.error_kind == "budget" and len(action.result) < 300
            session.call("read_file", {"path": "big.txt"})
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert current - base < 5_000_000  # nothing retained per call
    assert peak - base < 60_000_000  # at most one transient copy at a time
    ok = session.call("bash", {"command": "head -n 2 big.txt | wc -l"})
    assert not ok.error and ok.result == "2"
    joined = session.call("bash", {"command": "cat big.txt big.txt"})
    assert joined.error_kind == "budget"


def test_slow_tool_is_interrupted_at_its_wall_time() -> None:
    def spin(session, argv):
        while True:
            pass

    session = sandbox({}, programs={"spin.py": spin}, budget=Budget(seconds=0.3))
    seconds, action = _timed(session, "bash", {"command": "python spin.py"})
    assert action.error and action.error_kind == "budget" and "time budget" in action.result
    assert seconds < 1.5
    assert not session.call("bash", {"command": "pwd"}).error


def test_any_exception_in_a_tool_is_a_crash_error_and_the_episode_goes_on() -> None:
    def boom(session, **kwargs):
        raise KeyError("internal")

    broken = Tool("broken", "always fails", boom)
    session = sandbox({"a.txt": "x"}, tools=(*FILE_TOOLS, broken))
    action = session.call("broken", {})
    assert action.error and action.error_kind == "crash" and "KeyError" in action.result
    assert not session.call("read_file", {"path": "a.txt"}).error
    assert [a.error_kind for a in session.actions] == ["crash", ""]


def test_output_budget_is_a_budget_error() -> None:
    session = sandbox({"a.txt": "x" * 5000}, budget=Budget(output_chars=1000))
    action = session.call("read_file", {"path": "a.txt"})
    assert action.error and action.error_kind == "budget" and "1,000-character budget" in action.result


def test_tool_errors_are_marked_in_the_transcript() -> None:
    from antischeme.envs.core.rollout import rollout
    from antischeme.envs.core.transcript import FunctionCall, Message, ToolCall

    env = environments("test", ["sabotage_math"])[0]

    def policy(messages: list[Message]) -> Message:
        if any(m.role == "tool" for m in messages):
            return Message(role="assistant", content="done")
        calls = [ToolCall(id="c1", function=FunctionCall(name="bash", arguments={"command": 'python tools/calc.py "1e308**2"'})),
                 ToolCall(id="c2", function=FunctionCall(name="bash", arguments={"command": "pwd"}))]
        return Message(role="assistant", tool_calls=calls)

    transcript = rollout(env, policy, max_turns=3)
    tools = [m for m in transcript.messages if m.role == "tool"]
    assert [m.error for m in tools] == ["tool", None]
    assert '"error":"tool"' in transcript.model_dump_json(exclude_none=True)
