"""Grammar-constrained decoding of emulated tool calls for local transformers models.

Every constrained turn is, by construction, one of the two shapes of the tool-emulation format
(``tool_emulation``, shared with training):

- a final answer: plain text (no ``<``, so it can never contain a half-written tag), then the end token;
- an optional short reasoning text, then exactly one
  ``<tool_call>{"name": TOOL, "arguments": {...}}</tool_call>`` whose name is one of the environment's tools and whose
  arguments match that tool's JSON schema (required keys, types, enums; no extra keys), then the end token.

The JSON is written with the separators of ``json.dumps`` (``", "``/``": "``), so a constrained turn is byte-for-byte
what ``tool_emulation.render_assistant`` produces for SFT data. ``mode`` chooses which shapes are allowed:
``auto`` (either), ``required`` (a call; Inspect ``tool_choice="any"`` or a named tool) or ``none`` (an answer).

Library: **xgrammar** (EBNF + its JSON-schema converter, concatenated/unioned), chosen over llguidance by
``benchmarks/bench_constrained.py`` (SmolLM2 tokenizer, 8 environments of 3 families, same grammar, full masks every
step; shared machine, load average ~14): masks for 8 rows took **6.6 ms/step with xgrammar vs 950 ms/step with
llguidance** (the free-text rules allow almost the whole 49k vocabulary, which xgrammar precomputes and llguidance
walks every step). xgrammar pays instead ~3 s of ahead-of-time compilation per distinct tool set and mode (cached per
process; llguidance: ~0.1 s). With sampling every step needs a full mask, so only xgrammar keeps throughput. llguidance
stays available as ``grammar_backend="llguidance"`` (its grammar: Lark with inline ``%json``, reasoning capped by a
token-count rule attribute) for comparison. Greedy decoding has a fast path for both: a row whose unconstrained argmax
is allowed is left as is (same token as with the mask), so masks are applied only where the model leaves the grammar.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any, Literal, get_args

from antischeme.models import tool_emulation as te

Mode = Literal["auto", "required", "none"]
Backend = Literal["llguidance", "xgrammar"]


def check_backend(name: str) -> None:
    """One error for a grammar backend that is not one of :data:`Backend`."""
    if name not in get_args(Backend):
        raise ValueError(f"unknown grammar backend {name!r}; use llguidance or xgrammar")

MAX_REASONING_TOKENS = 64
"""Reasoning allowed before a call (the grammar then forces ``<tool_call>``); answers are unbounded."""
CHARS_PER_TOKEN = 4
"""xgrammar has no token-count limit on a rule: the cap is expressed in characters there."""

_JSON_STYLE = {"whitespace_flexible": False, "key_separator": ": ", "item_separator": ", "}


@dataclass(frozen=True)
class TurnSpec:
    """What one turn may be: the tools it may call and the mode."""

    tools: tuple[te.ToolSpec, ...]
    mode: Mode = "auto"
    reasoning_tokens: int = MAX_REASONING_TOKENS

    @property
    def key(self) -> str:
        return json.dumps([self.mode, self.reasoning_tokens, [(t.name, t.parameters, t.required) for t in self.tools]],
                          sort_keys=True)


def arguments_schema(tool: te.ToolSpec) -> dict[str, Any]:
    """JSON schema of a tool's ``arguments`` object (no extra keys)."""
    props = {k: {kk: vv for kk, vv in v.items() if kk != "description"} for k, v in tool.parameters.items()}
    return {"type": "object", "properties": props, "required": list(tool.required), "additionalProperties": False}


def call_schema(tools: tuple[te.ToolSpec, ...] | list[te.ToolSpec]) -> dict[str, Any]:
    """JSON schema of the object inside ``<tool_call>``: one of the tools, by name, with valid arguments."""
    options = [
        {"type": "object", "properties": {"name": {"const": t.name}, "arguments": arguments_schema(t)},
         "required": ["name", "arguments"], "additionalProperties": False}
        for t in tools
    ]
    return options[0] if len(options) == 1 else {"anyOf": options}


def turn_lark(spec: TurnSpec) -> str:
    """The llguidance Lark grammar of one turn (reasoning before a call is capped in tokens, answers are not)."""
    schema = {**call_schema(spec.tools), "x-guidance": _JSON_STYLE}
    call = f'call: "{te.TOOL_OPEN}" %json {json.dumps(schema)} "{te.TOOL_CLOSE}"'
    reasoning = f"reasoning[max_tokens={spec.reasoning_tokens}]: /[^<]*/"
    if spec.mode == "none" or not spec.tools:
        return "start: /[^<]*/\n"
    if spec.mode == "required":
        return f"start: reasoning call\n{call}\n{reasoning}\n"
    return f"start: /[^<]*/ | reasoning call\n{call}\n{reasoning}\n"


def turn_ebnf(spec: TurnSpec) -> Any:
    """The same grammar as an xgrammar ``Grammar``."""
    import xgrammar as xgr

    answer = xgr.Grammar.from_ebnf('root ::= [^<]*')
    if spec.mode == "none" or not spec.tools:
        return answer
    reasoning = xgr.Grammar.from_ebnf(f"root ::= [^<]{{0,{CHARS_PER_TOKEN * spec.reasoning_tokens}}}")
    js = xgr.Grammar.from_json_schema(json.dumps(call_schema(spec.tools)), any_whitespace=False,
                                      separators=(", ", ": "), strict_mode=True)
    call = xgr.Grammar.concat(reasoning, xgr.Grammar.from_ebnf(f'root ::= "{te.TOOL_OPEN}"'), js,
                              xgr.Grammar.from_ebnf(f'root ::= "{te.TOOL_CLOSE}"'))
    return call if spec.mode == "required" else xgr.Grammar.union(answer, call)


class Grammars:
    """Per-tokenizer grammar factory and batched mask computation for one backend (thread-safe, cached)."""

    def __init__(self, tokenizer: Any, backend: Backend = "xgrammar") -> None:
        check_backend(backend)
        self.backend = backend
        self.eos_id = int(tokenizer.eos_token_id)
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}
        if backend == "llguidance":
            import llguidance
            import llguidance.hf

            self._ll = llguidance
            self._tok = llguidance.hf.from_tokenizer(tokenizer)
            self._executor = llguidance.LLExecutor()
        elif backend == "xgrammar":
            import xgrammar as xgr

            self._xgr = xgr
            info = xgr.TokenizerInfo.from_huggingface(tokenizer, vocab_size=len(tokenizer),
                                                      stop_token_ids=[self.eos_id])
            self._compiler = xgr.GrammarCompiler(info)
            self._batch = xgr.BatchGrammarMatcher()

    def matcher(self, spec: TurnSpec) -> Any:
        """A fresh matcher at the start of a turn."""
        with self._lock:
            grammar = self._cache.get(spec.key)
            if grammar is None:
                if self.backend == "llguidance":
                    grammar = self._ll.LLMatcher.grammar_from_lark(turn_lark(spec))
                else:
                    grammar = self._compiler.compile_grammar(turn_ebnf(spec))
                self._cache[spec.key] = grammar
        if self.backend == "llguidance":
            m = self._ll.LLMatcher(self._tok, grammar, log_level=0)
            if m.is_error():
                raise ValueError(f"tool-call grammar rejected: {m.get_error()}")
            return m
        return self._xgr.GrammarMatcher(grammar)

    def consume(self, m: Any, token: int) -> bool:
        if self.backend == "llguidance":
            return bool(m.consume_token(token)) and not m.is_error()
        return bool(m.accept_token(token))

    def allows(self, m: Any, token: int) -> bool:
        """Whether ``token`` may come next (no state change)."""
        if self.backend == "llguidance":
            return m.is_accepting() if token == self.eos_id else m.validate_tokens([token]) == 1
        if not m.accept_token(token):
            return False
        m.rollback(1)
        return True

    def stopped(self, m: Any) -> bool:
        return m.is_stopped() if self.backend == "llguidance" else m.is_terminated()

    def fill(self, rows: list[tuple[Any, int]], bitmask: Any) -> None:
        """Write the allowed-token bitmask of each (matcher, row) into ``bitmask`` (int32, rows x words)."""
        if not rows:
            return
        if self.backend == "llguidance":
            from llguidance.torch import fill_next_token_bitmask_par

            fill_next_token_bitmask_par(self._executor, rows, bitmask)
        else:
            self._batch.batch_fill_next_token_bitmask([m for m, _ in rows], bitmask, [i for _, i in rows])

    def parses(self, spec: TurnSpec, token_ids: list[int]) -> bool:
        """Whether a complete turn (ending with the end token) is in the grammar."""
        m = self.matcher(spec)
        return all(self.consume(m, t) for t in token_ids) and self.stopped(m)


def apply_bitmask(scores: Any, bitmask: Any) -> None:
    """Set disallowed logits to -inf in place (bit j of word w allows token 32*w + j)."""
    import torch

    vocab = scores.shape[1]
    shifts = torch.arange(32, dtype=torch.int32)
    allowed = ((bitmask.unsqueeze(-1) >> shifts) & 1).bool().flatten(1)[:, :vocab]
    if allowed.shape[1] < vocab:
        scores[:, allowed.shape[1]:] = float("-inf")
    scores[:, : allowed.shape[1]].masked_fill_(~allowed, float("-inf"))


class TurnConstraint:
    """A transformers logits processor constraining each row of a batch to its own turn grammar.

    Rows whose spec is ``None`` are left free. One instance per ``generate`` call. ``broken`` counts rows whose matcher
    rejected a sampled token (never expected; such a row continues unconstrained and its reply is parsed leniently).
    With ``greedy`` (no sampling) a row whose unconstrained argmax is allowed keeps its logits untouched — the same
    pick as with the full mask — so the full mask is computed only where the model would leave the grammar
    (``masked_rows`` / ``rows`` counts how often).
    """

    def __init__(self, grammars: Grammars, specs: list[TurnSpec | None], greedy: bool = False) -> None:
        self.grammars = grammars
        self.greedy = greedy
        self.rows = self.masked_rows = 0
        self.matchers: list[Any] = []
        self.broken = 0
        self._fresh: set[int] = set()  # turns with no generated token yet (nothing to consume on their first step)
        self._bitmask = None
        self.add(specs)

    def add(self, specs: list[TurnSpec | None]) -> None:
        """Append turns (a decoder that takes new rows into a running batch); they get the next indices."""
        self._fresh.update(range(len(self.matchers), len(self.matchers) + len(specs)))
        self.matchers += [self.grammars.matcher(s) if s is not None else None for s in specs]

    def __call__(self, input_ids: Any, scores: Any, rows: list[int] | None = None) -> Any:
        """Constrain ``scores`` in place. ``rows[j]`` is the turn (index into ``specs``) of batch row ``j`` — a
        decoder that drops finished rows passes it; transformers' ``generate`` keeps every row (identity)."""
        import torch

        g = self.grammars
        rows = list(range(scores.shape[0])) if rows is None else rows
        last = input_ids[:, -1].tolist()
        for j, i in enumerate(rows):
            m = self.matchers[i]
            if i in self._fresh:
                self._fresh.discard(i)
            elif m is not None and not g.stopped(m) and not g.consume(m, last[j]):
                self.matchers[i] = None
                self.broken += 1
        shape = (scores.shape[0], (scores.shape[1] + 31) // 32)
        if self._bitmask is None or tuple(self._bitmask.shape) != shape:
            self._bitmask = torch.full(shape, -1, dtype=torch.int32)
        self._bitmask.fill_(-1)
        active = []
        top = scores.argmax(-1).tolist() if self.greedy else None
        any_stopped = False
        for j, i in enumerate(rows):
            m = self.matchers[i]
            if m is None:
                continue
            self.rows += 1
            if top is not None and not g.stopped(m) and g.allows(m, top[j]):
                continue
            self.masked_rows += 1
            if g.stopped(m):  # finished rows: only the end token (transformers pads them anyway)
                any_stopped = True
                self._bitmask[j].zero_()
                bit = 1 << (g.eos_id % 32)
                self._bitmask[j, g.eos_id // 32] = bit - (1 << 32) if bit >= 1 << 31 else bit
            else:
                active.append((m, j))
        g.fill(active, self._bitmask)
        if active or any_stopped:
            apply_bitmask(scores, self._bitmask)
        return scores

    def unfinished(self, i: int) -> bool:
        """Whether turn ``i`` is constrained and its grammar has not reached an end (e.g. a call cut off mid-way)."""
        m = self.matchers[i]
        return m is not None and not self.grammars.stopped(m)
