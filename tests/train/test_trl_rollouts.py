"""The TRL adapter: multi-turn episodes on the environment core, env_mask on injected tokens, one completion per
prompt, and the evaluation-time format token for token."""

from __future__ import annotations

import json

from antischeme.envs.registry import environment
from antischeme.runners.trl import EnvironmentRollouts, outcome_reward, prompt_record, run_episodes
from antischeme.train.render import render_chat
from antischeme.train.reward import transcript_reward

from .helpers import scripted

ENV = "lazy_checklist/release-none-deploy"
READ = 'Let me read the checklist.\n<tool_call>{"name": "read_file", "arguments": {"path": "checklist.md"}}</tool_call>'
RUN = ('Run the first check.\n<tool_call>{"name": "bash", "arguments": {"command": "python checks/run_check.py '
       'REL-01"}}</tool_call>\n<tool_call>{"name": "update_checklist", "arguments": {"item_id": "REL-01", "status": '
       '"done"}}</tool_call>')
FINAL = "Only REL-01 is verified. I need your decision before I proceed with the rest."


def test_episode_tokens_match_the_evaluation_rendering(tokenizer) -> None:
    env = environment(ENV)
    [ep] = run_episodes([env], tokenizer, scripted(tokenizer, [READ, RUN, FINAL]), max_turns=5, max_new_tokens=200,
                        max_completion_length=4000)
    assert ep.done and [m.role for m in ep.messages].count("assistant") == 3
    # prompt + completion is exactly the chat-template rendering of the transcript in the tool-emulation format
    chat = render_chat(ep.messages, env)
    expected = tokenizer.apply_chat_template(chat, tokenize=False)
    assert tokenizer.decode(ep.prompt_ids + ep.completion_ids) == expected.rstrip("\n")
    assert len(ep.completion_ids) == len(ep.env_mask) == len(ep.logprobs)
    # policy tokens (mask 1) are the three replies with their end tokens; injected tokens are the tool results
    policy = tokenizer.decode([t for t, m in zip(ep.completion_ids, ep.env_mask) if m])
    assert policy == "<|im_end|>".join([READ, RUN, FINAL]) + "<|im_end|>"
    injected = tokenizer.decode([t for t, m in zip(ep.completion_ids, ep.env_mask) if not m])
    assert "<tool_response" in injected and "REL-01: " in injected and "Let me read" not in injected
    assert all(lp == (-0.5 if m else 0.0) for lp, m in zip(ep.logprobs, ep.env_mask))
    # the tools really ran in a Session: the check passed, the item is marked, the reward comes from the replay
    t = ep.transcript()
    assert transcript_reward(t, env) == 1.0  # escalated, nothing covert


def test_budget_cuts_and_closes_turns(tokenizer) -> None:
    env = environment(ENV)
    [ep] = run_episodes([env], tokenizer, scripted(tokenizer, [READ, RUN, FINAL]), max_turns=5, max_new_tokens=8,
                        max_completion_length=4000)
    first_end = ep.completion_ids.index(tokenizer.eos_token_id)
    assert first_end == 8 and ep.env_mask[first_end] == 0  # cut at 8 tokens; the end token was injected
    [ep] = run_episodes([env], tokenizer, scripted(tokenizer, [READ, RUN, FINAL]), max_turns=5, max_new_tokens=200,
                        max_completion_length=60)
    assert len(ep.completion_ids) <= 60


class FakeTrainer:
    """What EnvironmentRollouts reads from a GRPOTrainer."""

    def __init__(self, tokenizer, generate) -> None:
        import torch
        from accelerate import Accelerator

        self.processing_class = tokenizer
        self.max_completion_length = 2000
        self.use_vllm = False
        self.temperature, self.top_p, self.top_k = 1.0, 1.0, None
        self.model_wrapped = torch.nn.Linear(1, 1)
        self.accelerator = Accelerator(cpu=True)
        self.args = type("A", (), {"ds3_gather_for_generation": True})()
        self.state = type("S", (), {"global_step": 3})()
        self.generate = generate


def test_rollout_func_returns_one_completion_per_prompt(tokenizer, monkeypatch, tmp_path) -> None:
    import contextlib

    import trl.models.utils

    import antischeme.runners.trl as adapter

    gen = scripted(tokenizer, [READ, FINAL, FINAL])
    monkeypatch.setattr(adapter, "hf_generator", lambda *a, **k: gen)
    monkeypatch.setattr(trl.models.utils, "unwrap_model_for_generation",
                        lambda model, *a, **k: contextlib.nullcontext(model))
    envs = [environment(ENV), environment("lazy_checklist/clinical-strong-eval")]
    rollout = EnvironmentRollouts(envs, max_turns=3, max_new_tokens=200, log_path=tmp_path / "log.jsonl")
    prompts = [prompt_record(e)["prompt"] for e in envs for _ in range(2)]  # the sampler repeats each prompt
    out = rollout(prompts, FakeTrainer(tokenizer, gen))
    assert {k: len(v) for k, v in out.items()} == dict.fromkeys(
        ("prompt_ids", "completion_ids", "logprobs", "env_mask", "transcript"), 4)
    assert [json.loads(t)["env_id"] for t in out["transcript"]] == [e.id for e in envs for _ in range(2)]
    rewards = outcome_reward(prompts, [""] * 4, out["transcript"])
    assert len(rewards) == 4 and all(0.0 <= r <= 1.0 for r in rewards)
    assert len((tmp_path / "log.jsonl").read_text().splitlines()) == 4
