"""TRL adapter: the environment core as GRPO rollouts (a ``rollout_func``) and an outcome-only reward function.

An episode is multi-turn and runs on the core :class:`~antischeme.envs.core.driver.EpisodeDriver` (one per episode,
all stepped together so every policy turn of a batch is one ``generate`` call): the policy writes a turn in the format
it is evaluated in; the driver runs its tool calls; the results (or the simulated user's reply) are appended as the
model's template renders them; repeat until the driver's stop rules end the episode or the token budget runs out. For
GRPO each episode is ONE completion: all policy turns and the injected turns concatenated after the prompt, with
``env_mask`` 0 on injected tokens (no loss there) and 1 on the policy's own tokens.

The format follows SFT's rule (:mod:`antischeme.train.render`): a tokenizer whose chat template renders tools
(Qwen, Llama 3.1+, gpt-oss) gets its **native** format — the prompt and every later request are what an
OpenAI-compatible server renders for Inspect's request, and turns are parsed with TRL's response parser
(:mod:`antischeme.models.native_reply`; a template TRL does not know is parsed as tool emulation); other tokenizers
(the embedded SmolLM2) get the **tool-emulation** format.

Why ``rollout_func`` and not ``environment_factory``: the latter drives its own turn loop (tools as Python methods of
an environment object, no tool-emulation format for the embedded model), whereas every framework here runs episodes
through the one ``EpisodeDriver``. ``rollout_func`` receives the per-process prompt slice, in which the sampler already
repeats each prompt ``num_generations`` times, and must return exactly one completion per prompt it receives.

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
from antischeme.envs.core.driver import EpisodeDriver
from antischeme.envs.core.transcript import Message
from antischeme.envs.registry import environment
from antischeme.models.emulated_reply import message_from_text
from antischeme.models.native_reply import message_from_ids, response_parser
from antischeme.train.render import native_tools, openai_tools, opening_messages, prompt_text, render_chat
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
    """Token ids of the episode's opening (system prompt without the spec, tools, user messages) + generation prompt,
    in the model's own format (:func:`~antischeme.train.render.prompt_text`)."""
    return tokenizer(prompt_text(opening_messages(env), env, tokenizer), add_special_tokens=False)["input_ids"]


def prompt_record(env: Environment) -> dict[str, Any]:
    """A GRPO dataset row: the conversational opening (for logs and keying) and the environment id."""
    return {"prompt": render_chat(opening_messages(env), env), "env_id": env.id}


def _turn_suffix(tokenizer: Any, env: Environment, reply: Message, follow: Sequence[Message]) -> str:
    """The text the model's format puts after the assistant turn ``reply`` when ``follow`` (its tool results or the
    simulated user's reply) comes next, up to and including the next generation prompt (e.g.
    ``\\n<|im_start|>user\\n<tool_response>…<|im_end|>\\n<|im_start|>assistant\\n``).

    The assistant turn ends at its end-of-turn token (the eos the policy stopped on): the suffix starts after the same
    eos in the rendering with ``follow``, so templates that re-render earlier turns (Qwen3 dropping old reasoning) still
    give the text that follows."""
    head = [Message(role="system", content="s"), Message(role="user", content="u"), reply]
    before = prompt_text(head, env, tokenizer, add_generation_prompt=False)
    after = prompt_text(head + list(follow), env, tokenizer)
    eos = tokenizer.eos_token or ""
    if eos and eos in before:
        return after.split(eos, before.count(eos))[-1]
    if not after.startswith(before):
        raise ValueError("the chat template has no end-of-turn token and does not preserve the assistant turn")
    return after[len(before):]


def _turn_parser(tokenizer: Any) -> Callable[[list[int], list[int], Environment, int], Message]:
    """How a policy turn becomes a transcript message: TRL's response parser for a native tool template it knows,
    else the tool-emulation parser on the decoded text."""
    parser = response_parser(tokenizer) if native_tools(tokenizer) else None
    if parser is None:
        return lambda ids, prefix, env, step: message_from_text(tokenizer.decode(ids, skip_special_tokens=True), step)
    return lambda ids, prefix, env, step: message_from_ids(parser, ids, prefix, step, tools=openai_tools(env))


def run_episodes(envs: Sequence[Environment], tokenizer: Any, generate: Generate, *, max_turns: int = 4,
                 max_new_tokens: int = 128, max_completion_length: int = 1024) -> list[EpisodeRollout]:
    """Play one episode per environment (duplicates allowed): one driver each, their turns generated as one batch."""
    eos_id = tokenizer.eos_token_id
    parse = _turn_parser(tokenizer)
    drivers = [EpisodeDriver.start(env, max_turns=max_turns) for env in envs]
    episodes = [EpisodeRollout(env_id=env.id, prompt_ids=prompt_ids_for(env, tokenizer)) for env in envs]
    while True:
        for ep, driver in zip(episodes, drivers, strict=True):
            if not driver.done and len(ep.completion_ids) >= max_completion_length:
                driver.stop("budget")
        active = [i for i, d in enumerate(drivers) if not d.done]
        if not active:
            break
        contexts = [episodes[i].prompt_ids + episodes[i].completion_ids for i in active]
        outputs = generate(contexts, max_new_tokens)
        for i, context, (ids, lps) in zip(active, contexts, outputs, strict=True):
            ep, driver = episodes[i], drivers[i]
            ids, lps = ids[: max_completion_length - len(ep.completion_ids)], lps[: len(ids)]
            ep.add(ids, True, lps)
            if not ids or ids[-1] != eos_id:
                ep.add([eos_id], False)  # close a cut-off turn so the conversation stays well formed
            reply = parse(ids, context, driver.env, len(driver.messages))
            step = driver.step(reply)
            if not step.done:
                suffix = _turn_suffix(tokenizer, driver.env, reply, step.added)
                ep.add(tokenizer(suffix, add_special_tokens=False)["input_ids"], False)
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
