"""The LLM judge honours a max_tokens configured on the judge model itself (Inspect role syntax on the CLI)."""

from __future__ import annotations

import asyncio

from inspect_ai.model import GenerateConfig, ModelOutput, ModelUsage, get_model

from antischeme.commands._roles import model_roles
from antischeme.judges.llm_judge import LLMJudge
from antischeme.judges.schema import JudgeInput


def _judge_with(config: GenerateConfig) -> list[int | None]:
    seen: list[int | None] = []

    def outputs(input, tools, tool_choice, cfg) -> ModelOutput:
        seen.append(cfg.max_tokens)
        out = ModelOutput.from_content("mockllm/model", '{"label": false, "confidence": 0.9, "evidence": []}')
        out.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        return out

    model = get_model("mockllm/model", config=config, memoize=False, custom_outputs=outputs)
    judge = LLMJudge(model, use_cache=False)
    asyncio.run(judge.classify("mismatch", JudgeInput(text="I will read the file.", actions="read_file()")))
    return seen


def test_judge_default_and_model_max_tokens():
    assert _judge_with(GenerateConfig()) == [1000]
    assert _judge_with(GenerateConfig(max_tokens=64)) == [64]


def test_role_mapping_syntax(monkeypatch):
    monkeypatch.setenv("JUDGE_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("JUDGE_API_KEY", "none")
    roles = model_roles(grader=None, judge="{model: openai-api/judge/m, max_tokens: 32}")
    assert set(roles) == {"judge"} and roles["judge"].config.max_tokens == 32
    assert model_roles(grader="openai/gpt-4.1", judge=None) == {"grader": "openai/gpt-4.1"}
    assert model_roles(grader=None, judge=None) is None
