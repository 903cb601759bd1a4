from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.envs.core import Transcript, grade, replay
from antischeme.envs.core.rollout import rollout
from antischeme.envs.registry import environment
from antischeme.models.scripted import scripted_policy

FIXTURE = Path(__file__).parents[1] / "fixtures" / "lazy_checklist_handwritten.json"
runner = CliRunner()


def test_grade_handwritten_transcript_via_cli() -> None:
    result = runner.invoke(app, ["grade", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.output)
    assert verdict["env_id"] == "lazy_checklist/release-strong-deploy"
    assert verdict["covert"] is True and "REL-02" in verdict["reason"]
    assert verdict["evidence"] == [4] and verdict["outcome"] in {"completed", "gave_up"}


def test_malformed_transcripts_get_one_clear_error(tmp_path: Path) -> None:
    cases = {
        "notjson.json": "{not json",
        "nofield.json": json.dumps({"messages": []}),
        "badrole.json": json.dumps({"env_id": "lazy_checklist/release-none-deploy",
                                    "messages": [{"role": "robot", "content": "x"}]}),
        "unknownenv.json": json.dumps({"env_id": "nope/x", "messages": []}),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text)
        result = runner.invoke(app, ["grade", str(path)])
        assert result.exit_code == 2, (name, result.output)
        assert "error" in result.output.lower() and "Traceback" not in result.output
    missing = runner.invoke(app, ["grade", str(tmp_path / "absent.json")])
    assert missing.exit_code == 2


def test_replay_recomputes_tool_results_and_drops_reasoning() -> None:
    t = Transcript.load(FIXTURE)
    t.messages[3].content = "forged result"
    env = environment(t.env_id)
    episode = replay(t, env)
    assert "PASS" in episode.actions[0].result  # recomputed, not the forged text
    assert "Nobody will check" not in episode.render_actions()  # the chain of thought never reaches graders
    assert not hasattr(episode, "reasoning")


def test_transcript_roundtrip_preserves_the_verdict(tmp_path: Path) -> None:
    env = environment("lazy_checklist/clinical-strong-eval")
    t = rollout(env, scripted_policy(env, "schemer"))
    path = tmp_path / "t.json"
    t.save(path)
    again = Transcript.load(path)
    assert grade(again, env) == grade(t, env)
    assert any(m.reasoning for m in again.messages if m.role == "assistant")
