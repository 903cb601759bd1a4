"""The embedded local model behind ``antischeme/smollm2``: emulated tools, constrained decoding, batched generation.

Concurrent Inspect samples each await ``generate``; requests that arrive together are left-padded into one batched
decode (:mod:`antischeme.models.decode`: a row leaves the batch as soon as it ends, and its sample gets its reply
then). The decode runs on the event loop a step at a time rather than in a worker thread: on this 2-core CPU a worker
thread's torch calls ran 10-25% slower (``benchmarks/bench_embedded.py``), and the loop stays responsive between steps.
Batching is continuous: a request that arrives while a batch decodes takes the place of a row that has left it (its
prompt is prefilled and joined to the running cache), so a sample's next turn need not wait for the whole batch;
``-M continuous=false`` waits instead. Each row
of the batch is constrained to its own turn grammar (``constrained``: a well-formed call to one of that sample's
tools, or a final answer). Which shape a turn may take:
Inspect's ``tool_choice`` (``none`` / ``any`` / a named tool), and for ``auto`` the ``require_call`` policy —
``first`` (default: the first turn of an episode must call a tool, later turns choose), ``always`` or ``never``.
``-M constrained=false`` restores free generation (parsed leniently), ``-M grammar_backend=llguidance`` the other library.
A constrained tool call still open when the token budget runs out gets ``call_grace`` x the budget more tokens to
close (a long ``write_file``), instead of reaching the environment cut off — unless it is looping (``repeating``).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ContentReasoning,
    ContentText,
    GenerateConfig,
    ModelOutput,
    ModelUsage,
)
from inspect_ai.tool import ToolCall, ToolChoice, ToolFunction, ToolInfo

from antischeme.models import tool_emulation as te
from antischeme.models.constrained import MAX_REASONING_TOKENS, Grammars, TurnConstraint, TurnSpec, check_backend
from antischeme.models.decode import decode_steps, gathered
from antischeme.models.prompt_format import turns_from_messages

DEFAULT_MAX_NEW_TOKENS = 256
DEFAULT_BATCH_SIZE = 8


@dataclass
class _Request:
    prompt: str
    max_new_tokens: int
    sampling: tuple[bool, float, float]
    future: asyncio.Future = field(repr=False)
    turn: TurnSpec | None = None


@dataclass
class Throughput:
    """Counters of generated tokens and wall time spent in ``model.generate``."""

    calls: int = 0
    sequences: int = 0
    new_tokens: int = 0
    seconds: float = 0.0
    broken_constraints: int = 0

    @property
    def tokens_per_second(self) -> float:
        return self.new_tokens / self.seconds if self.seconds else 0.0


class EmbeddedModel:
    """A local causal LM with tool emulation. One instance per (model_path, adapter), shared across tasks."""

    _instances: ClassVar[dict[tuple, EmbeddedModel]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, model_path: str | None = None, adapter: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                 batch_wait: float = 0.05, max_context: int = 6144, constrained: bool | str = True,
                 grammar_backend: str = "xgrammar", require_call: str = "first", call_grace: float = 1.0,
                 continuous: bool | str = True) -> None:
        import torch

        from antischeme.models.local_weights import load

        torch.set_num_threads(max(1, torch.get_num_threads()))
        self.model, self.tokenizer = load(model_path, adapter)
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.batch_size = int(batch_size)
        self.batch_wait = float(batch_wait)
        self.max_context = int(max_context)
        self.constrained = _flag(constrained)
        self.continuous = _flag(continuous)
        self.check_args(require_call=require_call, call_grace=call_grace, grammar_backend=grammar_backend)
        self.require_call = require_call
        self.call_grace = float(call_grace)
        self.grammars = Grammars(self.tokenizer, grammar_backend) if self.constrained else None  # type: ignore[arg-type]
        self.stats = Throughput()
        self._pending: list[_Request] = []
        self._runner: asyncio.Task | None = None
        # re-entrant: a synchronous generate_texts on the loop thread (e.g. an intervention's continuation between
        # two awaits) runs while this loop's decode is suspended between steps, instead of waiting for it forever
        self._gen_lock = threading.RLock()
        self.decoding = 0  # decodes under way (one, or more while a synchronous call nests in a suspended one)

    @staticmethod
    def check_args(require_call: str = "first", call_grace: float | str = 1.0, grammar_backend: str = "xgrammar",
                   batch_size: int | str = DEFAULT_BATCH_SIZE, **_: Any) -> None:
        """Reject bad argument values before any weights load (one clear error for ``-M`` typos of values)."""
        if require_call not in ("never", "first", "always"):
            raise ValueError(f"require_call must be never, first or always (got {require_call!r})")
        try:
            grace, batch = float(call_grace), int(batch_size)
        except (TypeError, ValueError):
            raise ValueError(f"call_grace must be a number and batch_size a whole number (got {call_grace!r}, "
                             f"{batch_size!r})") from None
        if grace < 0 or batch < 1:
            raise ValueError(f"call_grace must be >= 0 and batch_size >= 1 (got {call_grace!r}, {batch_size!r})")
        check_backend(grammar_backend)

    @classmethod
    def shared(cls, **model_args: Any) -> EmbeddedModel:
        key = tuple(sorted((k, str(v)) for k, v in model_args.items()))
        with cls._lock:
            if key not in cls._instances:
                cls._instances[key] = cls(**model_args)
            return cls._instances[key]

    # ---- prompt ----------------------------------------------------------------------------------------------
    def render_prompt(self, messages: list[ChatMessage], tools: list[ToolInfo]) -> str:
        return emulated_prompt(self.tokenizer, messages, tools)

    def turn_spec(self, messages: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice | None = None,
                  max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS) -> TurnSpec | None:
        """The grammar of the next turn (None: unconstrained). Reasoning before a call gets at most a quarter of the
        token budget, so the call itself has room."""
        if not self.constrained:
            return None
        specs = tuple(tool_specs(tools))
        if tool_choice == "none" or not specs:
            return TurnSpec((), "none")
        budget = min(MAX_REASONING_TOKENS, max_new_tokens // 4)
        if isinstance(tool_choice, ToolFunction):
            return TurnSpec(tuple(s for s in specs if s.name == tool_choice.name) or specs, "required", budget)
        first = not any(m.role == "assistant" for m in messages)
        required = tool_choice == "any" or self.require_call == "always" or (self.require_call == "first" and first)
        return TurnSpec(specs, "required" if required else "auto", budget)

    # ---- generation ------------------------------------------------------------------------------------------
    async def generate(self, messages: list[ChatMessage], tools: list[ToolInfo], config: GenerateConfig,
                       tool_choice: ToolChoice | None = None) -> ModelOutput:
        prompt = self.render_prompt(messages, tools)
        temperature = config.temperature or 0.0
        sampling = (temperature > 0, temperature, config.top_p or 1.0)
        max_new = config.max_tokens or DEFAULT_MAX_NEW_TOKENS
        loop = asyncio.get_running_loop()
        turn = self.turn_spec(messages, tools, tool_choice, max_new)
        request = _Request(prompt, max_new, sampling, loop.create_future(), turn)
        self._pending.append(request)
        if self._runner is None or self._runner.done():
            self._runner = loop.create_task(self._drain())
        text, n_in, n_out = await request.future
        return output_from_text(text, n_in, n_out)

    async def _drain(self) -> None:
        """Batches the pending requests and decodes each batch on this event loop, a step at a time (other coroutines
        run between steps); each sample gets its reply as soon as its own row ends."""
        while self._pending:
            await asyncio.sleep(self.batch_wait)
            first = self._pending[0]
            key = (first.max_new_tokens, first.sampling)
            batch = self._take(key, self.batch_size)

            def more(free: int, key: tuple = key) -> list[tuple[str, TurnSpec | None]]:
                """Requests that arrived since the batch started take the rows that have left it."""
                joining = self._take(key, free)
                batch.extend(joining)
                return [(r.prompt, r.turn) for r in joining]

            try:
                while not self._gen_lock.acquire(blocking=False):  # a synchronous caller elsewhere (training)
                    await asyncio.sleep(0.05)
                try:
                    for ended in self._generation([r.prompt for r in batch], *key, [r.turn for r in batch],
                                                  more=more if self.continuous else None):
                        for i, res in ended.items():
                            if not batch[i].future.done():
                                batch[i].future.set_result(res)
                        await asyncio.sleep(0)
                finally:
                    self._gen_lock.release()
            except Exception as exc:  # surface model failures to every waiting sample
                for r in batch:
                    if not r.future.done():
                        r.future.set_exception(exc)

    def _take(self, key: tuple, limit: int) -> list[_Request]:
        """Remove and return up to ``limit`` pending requests with this (max new tokens, sampling), oldest first."""
        taken = [r for r in self._pending if (r.max_new_tokens, r.sampling) == key][:limit]
        for r in taken:
            self._pending.remove(r)
        return taken

    def generate_texts(self, prompts: list[str], max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS,
                       sampling: tuple[bool, float, float] = (False, 0.0, 1.0),
                       turns: list[TurnSpec | None] | None = None) -> list[tuple[str, int, int]]:
        """Batched generation: [(completion text, prompt tokens, new tokens)]; row i constrained to ``turns[i]``
        when given. Thread-safe."""
        with self._gen_lock:
            return gathered(self._generation(prompts, max_new_tokens, sampling, turns), len(prompts))

    def _generation(self, prompts: list[str], max_new_tokens: int, sampling: tuple[bool, float, float],
                    turns: list[TurnSpec | None] | None,
                    more: Callable[[int], list[tuple[str, TurnSpec | None]]] | None = None,
                    ) -> Iterator[dict[int, tuple[str, int, int]]]:
        """One batched decode, yielding after every step the rows that ended at it: {row: (completion text, prompt
        tokens, new tokens)}. ``more(free)`` (continuous batching) gives up to ``free`` (prompt, turn) pairs to take
        the places of rows that have left; they become the next rows. The caller holds ``_gen_lock``."""
        tok = self.tokenizer
        grace = int(self.call_grace * max_new_tokens) if self.grammars is not None else 0

        def encode(texts: list[str]) -> Any:
            return tok(texts, return_tensors="pt", padding=True, add_special_tokens=False,
                       truncation=True, max_length=max(1, self.max_context - max_new_tokens - grace))

        enc = encode(prompts)
        turns = list(turns) if turns else [None] * len(prompts)
        constraint = None
        if self.grammars is not None and (more is not None or any(t is not None for t in turns)):
            constraint = TurnConstraint(self.grammars, turns, greedy=not sampling[0])
        lengths = enc["attention_mask"].sum(-1).tolist()

        def refill(free: int) -> tuple[Any, Any] | None:  # only passed on when there is ``more``
            joining = more(free)  # type: ignore[misc]
            if not joining:
                return None
            new = encode([p for p, _ in joining])
            if constraint is not None:
                constraint.add([t for _, t in joining])
            lengths.extend(new["attention_mask"].sum(-1).tolist())
            return new["input_ids"], new["attention_mask"]

        def cut_off_call(i: int, ids: list[int]) -> bool:  # a call still open at the budget may close
            return (constraint is not None and constraint.unfinished(i) and not repeating(ids)
                    and te.TOOL_OPEN in tok.decode(ids))

        start = time.perf_counter()
        new_tokens = 0
        self.decoding += 1
        try:
            for ended in decode_steps(self.model, enc["input_ids"], enc["attention_mask"], max_new_tokens,
                                      eos_id=tok.eos_token_id, processor=constraint, sampling=sampling, grace=grace,
                                      extend=cut_off_call, refill=refill if more is not None else None):
                results = {}
                for i, ids in ended.items():
                    n_new = sum(1 for t in ids if t != tok.eos_token_id)
                    new_tokens += n_new
                    results[i] = (tok.decode(ids, skip_special_tokens=True), int(lengths[i]), n_new)
                yield results
        finally:
            self.decoding -= 1
        self.stats.calls += 1
        self.stats.sequences += len(lengths)
        self.stats.new_tokens += new_tokens
        self.stats.seconds += time.perf_counter() - start
        self.stats.broken_constraints += constraint.broken if constraint else 0


def _flag(value: bool | str) -> bool:
    """A boolean model argument (``-M name=false`` arrives as a string)."""
    return str(value).lower() not in ("false", "0", "no", "off")


def repeating(ids: list[int], window: int = 48) -> bool:
    """Whether the last ``window`` tokens are a loop (at most a quarter of them distinct): a small model repeating
    itself inside a string will not close its call, so it gets no extra budget."""
    tail = ids[-window:]
    return len(tail) == window and len(set(tail)) <= window // 4


def emulated_prompt(tokenizer: Any, messages: list[ChatMessage], tools: list[ToolInfo]) -> str:
    """The evaluation-time prompt text: tools emulated in the system prompt, the tokenizer's chat template applied."""
    system, turns = turns_from_messages(messages)
    chat = te.chat_messages(system, turns, tool_specs(tools))
    return tokenizer.apply_chat_template(chat, tokenize=False, add_generation_prompt=True)


def tool_specs(tools: list[ToolInfo]) -> list[te.ToolSpec]:
    """Inspect tool descriptions as the emulation format's ToolSpecs."""
    return [
        te.ToolSpec(t.name, t.description, {k: v.model_dump(exclude_none=True) for k, v in t.parameters.properties.items()},
                    tuple(t.parameters.required))
        for t in tools
    ]


def output_from_text(text: str, n_in: int = 0, n_out: int = 0) -> ModelOutput:
    """An Inspect ModelOutput from a raw completion: reasoning, visible text, tool calls (malformed ones carry a
    parse error, which Inspect reports back to the model as a tool error)."""
    parsed = te.parse_reply(text)
    calls = [
        ToolCall(id=f"emb_{time.monotonic_ns()}_{i}", function=c.name, arguments=c.arguments, parse_error=c.error)
        for i, c in enumerate(parsed.calls)
    ]
    content: list = []
    if parsed.reasoning:
        content.append(ContentReasoning(reasoning=parsed.reasoning))
    content.append(ContentText(text=parsed.content))
    message = ChatMessageAssistant(content=content, tool_calls=calls or None, source="generate", model="smollm2")
    output = ModelOutput.from_message(message, stop_reason="tool_calls" if calls else "stop")
    output.usage = ModelUsage(input_tokens=n_in, output_tokens=n_out, total_tokens=n_in + n_out)
    return output
