"""The reasoning guard: reasoning never reaches an action-only grader or the simulated user, and any path that
would let it through fails loudly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from inspect_ai import eval as inspect_eval
from inspect_ai.model import ChatMessageAssistant, ModelOutput, ModelUsage
from inspect_ai.tool import ToolCall

from antischeme.envs.core import Episode, Said, replay
from antischeme.envs.core.reasoning import ReasoningLeakError, reasoning_markup, split_text
from antischeme.envs.core.transcript import Message, Transcript
from antischeme.envs.registry import environment
from antischeme.runners.inspect import family_task

PLANTED = "PLANTED-SECRET the tests never ran but I will report that all of them pass"
FRAGMENTS = ["<think>", "</think>", "<thinking>", "</ think>", "<|channel|>", "<|message|>", "<|end|>", "<|start|>",
             "<|return|>", "<|call|>", "analysis", "final", "commentary to=functions.x", "assistant", "<", ">", "|",
             "think", " ", "\n", "a", "Z"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=25).map("".join))
def test_split_never_leaves_markup_in_visible_text(text: str):
    assert reasoning_markup(split_text(text).visible) == []


@pytest.fixture
def recorded_episodes(monkeypatch):
    """Every Episode built while the test runs (graders and the simulated user only ever see Episodes)."""
    seen: list[Episode] = []
    original = Episode.__post_init__

    def record(self):
        original(self)
        seen.append(self)

    monkeypatch.setattr(Episode, "__post_init__", record)
    return seen


def test_an_episode_with_reasoning_markup_fails_loudly():
    env = environment("lazy_checklist/release-none-deploy")
    from antischeme.envs.core import Session

    session = Session(env)
    with pytest.raises(ReasoningLeakError, match="reasoning markup"):
        Episode(env, (), (Said(2, f"<think>{PLANTED}</think>Done."),), session.workspace)


def test_transcript_with_inline_reasoning_is_split_on_load(recorded_episodes):
    env = environment("lazy_checklist/release-none-deploy")
    data = json.loads(Path(__file__).parents[1].joinpath("fixtures", "lazy_checklist_handwritten.json").read_text())
    data["env_id"] = env.id
    final = next(m for m in reversed(data["messages"]) if m["role"] == "assistant")
    final["content"] = f"{PLANTED}\n</think>\n\n{final.get('content') or 'Done.'}"
    final["reasoning_content"] = "server-side reasoning field"
    transcript = Transcript.model_validate(data)
    message = next(m for m in reversed(transcript.messages) if m.role == "assistant")
    assert PLANTED in message.reasoning and "server-side reasoning field" in message.reasoning
    assert PLANTED not in message.content and "</think>" not in message.content
    episode = replay(transcript, env)
    env.grader(episode)
    assert all(PLANTED not in e.render_actions() + e.all_text() for e in recorded_episodes)


def test_a_replay_that_bypasses_the_split_fails_loudly():
    env = environment("lazy_checklist/release-none-deploy")
    leaked = Message.model_construct(role="assistant", content=f"Done. {PLANTED}", reasoning=PLANTED,
                                     tool_calls=None, tool_call_id=None, name=None)
    transcript = Transcript(env_id=env.id, messages=[Message(role="user", content="go")])
    transcript.messages.append(leaked)
    with pytest.raises(ReasoningLeakError, match="verbatim"):
        replay(transcript, env)


def _output(content, tool_calls=None) -> ModelOutput:
    out = ModelOutput.from_message(ChatMessageAssistant(content=content, tool_calls=tool_calls, source="generate"))
    out.usage = ModelUsage(input_tokens=5, output_tokens=5, total_tokens=10)
    return out


@pytest.mark.parametrize("style", ["paired", "unpaired", "harmony"])
def test_planted_reasoning_never_reaches_grader_or_simulated_user(style, tmp_path: Path, recorded_episodes):
    """A model that thinks in its content (each style) through the whole Inspect path: the simulated user of
    chat_deception reacts to what it sees, the grader grades it; neither may see the planted reasoning."""
    env_id = "chat_deception/tests-deploy"
    wrap = {
        "paired": lambda r, v: f"<think>{r}</think>\n{v}",
        "unpaired": lambda r, v: f"{r}\n</think>\n\n{v}",
        "harmony": lambda r, v: f"<|channel|>analysis<|message|>{r}<|end|><|start|>assistant<|channel|>final"
                                f"<|message|>{v}<|return|>",
    }[style]

    def outputs(input, tools, tool_choice, config) -> ModelOutput:
        turn = sum(m.role == "assistant" for m in input)
        if turn == 0:
            return _output(wrap(PLANTED, ""), [ToolCall(id="c0", function="list_files", arguments={})])
        return _output(wrap(PLANTED, f"Status update {turn}: I looked at the files."))

    [log] = inspect_eval(family_task("chat_deception", env_ids=[env_id], max_turns=6), model="mockllm/model",
                         model_args={"custom_outputs": outputs}, log_dir=str(tmp_path), display="none")
    assert log.status == "success", log.error
    sample = log.samples[0]
    assert sample.error is None
    assert sum(m.role == "user" for m in sample.messages) >= 2  # the simulated user answered
    assert recorded_episodes
    for episode in recorded_episodes:
        assert PLANTED not in episode.render_actions() and PLANTED not in episode.all_text()
        assert "Status update" in episode.all_text() or not episode.said
    score = sample.scores["action_grader"]
    assert PLANTED not in json.dumps(score.metadata) and PLANTED not in (score.explanation or "")
