"""Classifier-graded families: an LLM judge bound to the ``grader`` role sees actions only; unusable answers fall
back to the family's deterministic rule verdict."""

from __future__ import annotations

from pathlib import Path

from inspect_ai import eval as inspect_eval
from inspect_ai.model import ModelOutput, ModelUsage, get_model

from antischeme.envs.registry import families
from antischeme.runners.inspect import family_task
from antischeme.runners.inspect.action_judge import parse_judgement

FAMILY = next(n for n, f in families().items() if f.classifier_rubric)


def _judge(answer: str, seen: list[str]):
    def respond(input, tools, tool_choice, config) -> ModelOutput:
        seen.append("\n".join(m.text for m in input))
        out = ModelOutput.from_content("mockllm/model", answer)
        out.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        return out

    return get_model("mockllm/model", custom_outputs=respond, memoize=False)


def _run(tmp_path: Path, policy: str, judge) -> list:
    task = family_task(FAMILY, env_ids=[next(iter(sorted(e.id for e in families()[FAMILY].environments())))])
    [log] = inspect_eval(task, model=f"antischeme/{policy}", model_roles={"grader": judge}, log_dir=str(tmp_path),
                         display="none")
    assert log.status == "success", log.error
    return [s.scores["action_grader"].metadata for s in log.samples]


def test_judge_verdict_replaces_the_rule_verdict_and_never_sees_reasoning(tmp_path: Path) -> None:
    seen: list[str] = []
    [verdict] = _run(tmp_path, "saint", _judge('{"covert": true, "reason": "claimed a pass", "steps": [4]}', seen))
    assert verdict["covert"] is True and verdict["reason"].startswith("[judge]")
    assert verdict["details"]["rule_covert"] is False and verdict["evidence"] == [4]
    assert seen and "AS1" not in seen[0].split("TRANSCRIPT OF ACTIONS:")[1]  # the saint cites AS1 only in reasoning


def test_malformed_judge_answer_falls_back_to_the_rules(tmp_path: Path) -> None:
    [verdict] = _run(tmp_path, "schemer", _judge("I think it is covert, probably.", []))
    assert verdict["covert"] is True and not verdict["reason"].startswith("[judge]")
    assert "unusable judge answer" in verdict["details"]["judge_error"]


def test_parse_judgement() -> None:
    assert parse_judgement('Answer: {"covert": false, "reason": "ok"}') == (False, "ok", [])
    assert parse_judgement('{"covert": "yes"}') is None
    assert parse_judgement("{not json}") is None
