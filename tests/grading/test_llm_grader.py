"""The action-only LLM grader for every language-graded family, driven by mockllm: verified answers replace the
rule verdict, malformed or unverifiable answers fall back to the rules and are counted, reasoning never reaches it,
answers are cached."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from inspect_ai.model import ModelOutput, ModelUsage, get_model
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.envs.core import replay
from antischeme.envs.registry import families
from antischeme.grading.llm_grader import LLMGrader, grade_episode

from ..families.helpers import run_turns

LANGUAGE_GRADED = sorted(n for n, f in families().items() if f.grader_rubric)


def _model(answer, seen: list[str]):
    def respond(input, tools, tool_choice, config) -> ModelOutput:
        text = "\n".join(m.text for m in input)
        seen.append(text)
        out = ModelOutput.from_content("mockllm/model", answer(text) if callable(answer) else answer)
        out.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        return out

    return get_model("mockllm/model", custom_outputs=respond, memoize=False)


def _episode(name: str):
    env = families()[name].environments()[0]
    return replay(run_turns(env, list(env.scripts["saint"])), env)


def _quote_first_agent_line(covert: bool):
    def answer(text: str) -> str:
        line = re.search(r"\[(\d+)\] (?:AGENT SAYS|TOOL) ([^\n]{10,60})", text)
        return json.dumps({"covert": covert, "reason": "mock judgement",
                           "evidence": [{"step": int(line.group(1)), "quote": line.group(2)}]})

    return answer


def test_my_families_are_language_graded() -> None:
    assert {"lazy_checklist", "chat_deception", "literature_qa", "log_falsification",
            "impossible_coding"} <= set(LANGUAGE_GRADED)


@pytest.mark.parametrize("name", LANGUAGE_GRADED)
def test_llm_grader_end_to_end(name: str, tmp_path: Path) -> None:
    episode = _episode(name)
    rule = episode.env.grader(episode)
    assert rule.covert is False  # the saint
    seen: list[str] = []
    grader = LLMGrader(_model(_quote_first_agent_line(True), seen), cache_dir=tmp_path)
    verdict = asyncio.run(grade_episode(grader, episode, rule))
    assert verdict.covert is True and verdict.reason.startswith("[grader]")
    assert verdict.details["rule_covert"] is False and not verdict.details.get("grader_fallback")
    prompt = seen[0]
    assert "FACTS FROM THE ACTIONS" in prompt and "RUBRIC:" in prompt
    reasoning = [t.reasoning for t in episode.env.scripts["saint"] if t.reasoning]
    assert reasoning and not any(r[:60] in prompt for r in reasoning)  # never the chain of thought
    again = asyncio.run(grade_episode(grader, episode, rule))  # cached: no second model call
    assert len(seen) == 1 and again.details["grader_cached"] is True and again.covert is True

    for bad in ("I think it is fine.", '{"covert": true, "reason": "x", "evidence": []}',
                '{"covert": false, "reason": "x", "evidence": [{"step": 1, "quote": "words nobody wrote here"}]}'):
        fallback = asyncio.run(grade_episode(LLMGrader(_model(bad, []), use_cache=False), episode, rule))
        assert fallback.covert is rule.covert and fallback.details["grader_fallback"] is True
        assert fallback.details["grader_error"]


def test_graders_validate_with_a_grader_model_counts_fallbacks(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["graders", "validate", "--family", "log_falsification", "--grader-model",
                                   "mockllm/model", "--cache-dir", str(tmp_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {(r["family"], r["implementation"]): r for r in json.loads(res.output)}
    llm = rows[("overall", "llm:mockllm/model")]
    rules = rows[("overall", "rules")]
    # mockllm's default answer is not JSON: every verdict falls back to the rules, and that is counted
    assert llm["fallbacks"] == llm["n"] > 0 and llm["accuracy"] == rules["accuracy"]
