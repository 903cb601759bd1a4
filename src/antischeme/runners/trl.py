"""TRL adapter: the environment core as GRPO rollouts (a ``rollout_func``) and an outcome-only reward function.

An episode is multi-turn and runs on the core :class:`~antischeme.envs.core.driver.EpisodeDriver` (one per episode,
all stepped together so every policy turn of a batch is one ``generate`` call): the policy writes a turn in the
tool-emulation format (the one used at evaluation time); the driver runs its tool calls; the results are appended as a
user turn; repeat until the driver's stop rules end the episode or the token budget runs out. For GRPO each
episode is ONE completion: all policy turns and the injected tool-result turns concatenated after the prompt, with
``env_mask`` 0 on injected tokens (no loss there) and 1 on the policy's own tokens.

Why ``rollout_func`` and not ``environment_factory``: the latter renders tools with the model's native chat template and
parses calls with TRL's response schemas, which the embedded model (and the tool-emulation format it is evaluated
with) does not have. ``rollout_func`` receives the per-process prompt slice, in which the sampler already repeats each
prompt ``num_generations`` times, and must return exactly one completion per prompt it receives.

The reward never sees reasoning: each completion carries its transcript, which is replayed against a fresh workspace
(:func:`antischeme.train.reward.transcript_reward`) and rewarded from the action-only episode.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from antischeme.envs.core import Environment, Transcript
from antischeme.envs.core.driver import EpisodeDriver, Step
from antischeme.envs.core.transcript import Message
from antischeme.envs.registry import environment
from antischeme.models.emulated_reply import message_from_text
from antischeme.train.render import opening_messages, render_chat, tool_results_text
from antischeme.train.reward import transcript_reward

Generate = Callable[[list[list[int]], int], list[tuple[list[int], list[float]]]]
"""``generate(prompt_ids_batch, max_new_tokens) -> [(completion_ids, token_logprobs)]``."""


@dataclass
class EpisodeRollout:
    """One finished episode as GRPO needs it, plus its transcript for the reward."""

    env_id: str
    prompt_ids: list[int]
    completion_ids: list[int] = field(default_factory=list)
    env_mask: list[int] = field(default_factory=list)
    logprobs: list[float] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    done: bool = False

    def transcript(self) -> Transcript:
        return Transcript(env_id=self.env_id, messages=self.messages, model="grpo-policy")

    def add(self, ids: list[int], policy: bool, logprobs: list[float] | None = None) -> None:
        self.completion_ids += ids
        self.env_mask += [int(policy)] * len(ids)
        self.logprobs += logprobs if logprobs is not None else [0.0] * len(ids)


def prompt_ids_for(env: Environment, tokenizer: Any) -> list[int]:
    """Token ids of the episode's opening (system prompt without the spec, tools, user messages) + generation prompt."""
    chat = render_chat(opening_messages(env), env)
    return tokenizer.apply_chat_template(chat, tokenize=True, add_generation_prompt=True, return_dict=True)["input_ids"]


def prompt_record(env: Environment) -> dict[str, Any]:
    """A GRPO dataset row: the conversational opening (for logs and keying) and the environment id."""
    return {"prompt": render_chat(opening_messages(env), env), "env_id": env.id}


def _turn_suffix(tokenizer: Any, user_text: str) -> str:
    """The text the chat template puts after a finished assistant message when a user message follows, up to and
    including the next generation prompt (e.g. ``\\n<|im_start|>user\\n…<|im_end|>\\n<|im_start|>assistant\\n``)."""
    mark = "\ue000"
    chat = [{"role": "system", "content": "s"}, {"role": "assistant", "content": mark},
            {"role": "user", "content": user_text}]
    text = tokenizer.apply_chat_template(chat, tokenize=False, add_generation_prompt=True)
    rest = text[text.index(mark) + len(mark):]
    eos = tokenizer.eos_token or ""
    return rest[len(eos):] if eos and rest.startswith(eos) else rest


def _follow_text(step: Step) -> str:
    """The user-turn text that follows a policy turn: its tool results (merged as at evaluation time) or the
    simulated user's reply."""
    if step.user_message is not None:
        return step.user_message
    results = [(m.name or "tool", m.content, a.error) for m, a in zip(step.added, step.actions, strict=True)]
    return tool_results_text(results)


def run_episodes(envs: Sequence[Environment], tokenizer: Any, generate: Generate, *, max_turns: int = 4,
                 max_new_tokens: int = 128, max_completion_length: int = 1024) -> list[EpisodeRollout]:
    """Play one episode per environment (duplicates allowed): one driver each, their turns generated as one batch."""
    eos_id = tokenizer.eos_token_id
    drivers = [EpisodeDriver.start(env, max_turns=max_turns) for env in envs]
    episodes = [EpisodeRollout(env_id=env.id, prompt_ids=prompt_ids_for(env, tokenizer)) for env in envs]
    while True:
        for ep, driver in zip(episodes, drivers, strict=True):
            if not driver.done and len(ep.completion_ids) >= max_completion_length:
                driver.stop("budget")
        active = [i for i, d in enumerate(drivers) if not d.done]
        if not active:
            break
        outputs = generate([episodes[i].prompt_ids + episodes[i].completion_ids for i in active], max_new_tokens)
        for i, (ids, lps) in zip(active, outputs, strict=True):
            ep, driver = episodes[i], drivers[i]
            ids, lps = ids[: max_completion_length - len(ep.completion_ids)], lps[: len(ids)]
            ep.add(ids, True, lps)
            if not ids or ids[-1] != eos_id:
                ep.add([eos_id], False)  # close a cut-off turn so the conversation stays well formed
            text = tokenizer.decode(ids, skip_special_tokens=True)
            step = driver.step(message_from_text(text, len(driver.messages)))
            if not step.done:
                suffix = tokenizer(_turn_suffix(tokenizer, _follow_text(step)), add_special_tokens=False)["input_ids"]
                ep.add(suffix, False)
    for ep, driver in zip(episodes, drivers, strict=True):
        ep.messages, ep.done = driver.conversation(), True
        for name in ("completion_ids", "env_mask", "logprobs"):  # the budget holds even with injected tokens
            setattr(ep, name, getattr(ep, name)[:max_completion_length])
    return episodes


def hf_generator(model: Any, tokenizer: Any, temperature: float = 1.0, top_p: float = 1.0,
                 top_k: int | None = None) -> Generate:
    """Batched, left-padded ``model.generate`` returning the sampled tokens and their log-probabilities."""
    import torch

    def generate(batch: list[list[int]], max_new_tokens: int) -> list[tuple[list[int], list[float]]]:
        pad = tokenizer.pad_token_id
        width = max(len(p) for p in batch)
        ids = torch.tensor([[pad] * (width - len(p)) + p for p in batch])
        mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in batch])
        kwargs: dict[str, Any] = {"max_new_tokens": max_new_tokens, "pad_token_id": pad,
                                  "eos_token_id": tokenizer.eos_token_id, "do_sample": temperature > 0}
        if temperature > 0:
            kwargs.update(temperature=temperature, top_p=top_p, top_k=top_k or 0)
        with torch.no_grad():
            out = model.generate(input_ids=ids, attention_mask=mask, return_dict_in_generate=True, output_scores=True,
                                 **kwargs)
        new = out.sequences[:, width:]
        scores = model.compute_transition_scores(out.sequences, out.scores, normalize_logits=True)
        results = []
        for row, lp in zip(new.tolist(), scores.tolist(), strict=True):
            end = row.index(tokenizer.eos_token_id) + 1 if tokenizer.eos_token_id in row else len(row)
            results.append((row[:end], [float(x) for x in lp[:end]]))
        return results

    return generate


def vllm_generator(trainer: Any) -> Generate:
    """Generation through the trainer's vLLM engine (GPU runs with ``use_vllm=True``; not exercised on CPU)."""

    def generate(batch: list[list[int]], max_new_tokens: int) -> list[tuple[list[int], list[float]]]:
        engine = trainer.vllm_generation
        saved, engine.max_completion_length = engine.max_completion_length, max_new_tokens
        try:
            _, completion_ids, logprobs, _ = engine.generate(prompts=batch, images=None, num_generations=1)
        finally:
            engine.max_completion_length = saved
        return [(list(c), [float(x[0]) if x and x[0] is not None else 0.0 for x in lp])
                for c, lp in zip(completion_ids, logprobs, strict=True)]

    return generate


def _key(prompt: Any) -> str:
    return hashlib.sha256(json.dumps(prompt, sort_keys=True).encode()).hexdigest()


class EnvironmentRollouts:
    """The ``rollout_func`` for GRPOTrainer over a fixed set of environments (train and validation)."""

    def __init__(self, envs: Sequence[Environment], *, max_turns: int = 4, max_new_tokens: int = 128,
                 log_path: str | Path | None = None) -> None:
        self.log_path = Path(log_path) if log_path else None
        self.by_prompt: dict[str, str] = {}
        for env in envs:
            self.by_prompt.setdefault(_key(prompt_record(env)["prompt"]), env.id)
        self.max_turns = max_turns
        self.max_new_tokens = max_new_tokens

    def env_ids(self, prompts: list[Any], trainer: Any) -> list[str]:
        ids = getattr(trainer, "current_env_ids", None)
        if ids is not None and len(ids) == len(prompts):
            return list(ids)
        try:
            return [self.by_prompt[_key(p)] for p in prompts]
        except KeyError as exc:
            raise KeyError("a GRPO prompt does not match any environment of this run") from exc

    def __call__(self, prompts: list[Any], trainer: Any) -> dict[str, list]:
        from trl.models.utils import unwrap_model_for_generation

        envs = [environment(i) for i in self.env_ids(prompts, trainer)]
        tok = trainer.processing_class
        limit = trainer.max_completion_length
        if getattr(trainer, "use_vllm", False):
            episodes = run_episodes(envs, tok, vllm_generator(trainer), max_turns=self.max_turns,
                                    max_new_tokens=self.max_new_tokens, max_completion_length=limit)
        else:
            with unwrap_model_for_generation(trainer.model_wrapped, trainer.accelerator,
                                             gather_deepspeed3_params=trainer.args.ds3_gather_for_generation) as model:
                gen = hf_generator(model, tok, trainer.temperature, trainer.top_p, trainer.top_k)
                episodes = run_episodes(envs, tok, gen, max_turns=self.max_turns,
                                        max_new_tokens=self.max_new_tokens, max_completion_length=limit)
        transcripts = [ep.transcript().model_dump_json(exclude_none=True) for ep in episodes]
        if self.log_path is not None and trainer.accelerator.is_main_process:
            with self.log_path.open("a") as fh:
                for ep, t in zip(episodes, transcripts, strict=True):
                    fh.write(json.dumps({"step": trainer.state.global_step, "env_id": ep.env_id,
                                         "policy_tokens": sum(ep.env_mask), "transcript": json.loads(t)}) + "\n")
        return {
            "prompt_ids": [ep.prompt_ids for ep in episodes],
            "completion_ids": [ep.completion_ids for ep in episodes],
            "logprobs": [ep.logprobs for ep in episodes],
            "env_mask": [ep.env_mask for ep in episodes],
            "transcript": transcripts,
        }


def outcome_reward(prompts: list[Any], completions: list[Any], transcript: list[str], **_: Any) -> list[float]:
    """GRPO reward function: replay each completion's transcript and reward its actions (prompts, completion text and
    reasoning are ignored)."""
    out = []
    for text in transcript:
        t = Transcript.model_validate_json(text)
        out.append(transcript_reward(t, environment(t.env_id)))
    return out


def make_env_trainer_class() -> type:
    """GRPOTrainer that exposes the environment ids of the batch it is generating for (``current_env_ids``)."""
    from trl import GRPOTrainer

    class EnvGRPOTrainer(GRPOTrainer):
        current_env_ids: list[str] | None = None

        def _generate_and_score_completions(self, inputs: list[dict[str, Any]]) -> dict[str, Any]:
            self.current_env_ids = [x["env_id"] for x in inputs] if inputs and "env_id" in inputs[0] else None
            try:
                return super()._generate_and_score_completions(inputs)
            finally:
                self.current_env_ids = None

    return EnvGRPOTrainer
