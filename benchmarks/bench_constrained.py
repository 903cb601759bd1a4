"""llguidance vs xgrammar for the embedded model's turn grammar (tokenizer only, no model forward).

For N environments of the quick families: time to have a grammar ready for a new tool set (llguidance: lazy, matcher
creation; xgrammar: ahead-of-time compilation) and the per-step cost of computing the token masks of a batch of N rows
(full masks every step: the worst case, the greedy fast path skips most of them), over S steps of a replayed
reasoning-then-call turn. Both sides run in this one process, one after the other.

    .venv/bin/python benchmarks/bench_constrained.py [--n 8] [--steps 40]
"""

from __future__ import annotations

import argparse
import os
import time

import torch

from antischeme.envs.registry import environments
from antischeme.models import tool_emulation as te
from antischeme.models.constrained import Grammars, TurnSpec
from antischeme.train.render import tool_specs
from antischeme.train.weights import base_model_path, load_tokenizer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--steps", type=int, default=40)
    args = ap.parse_args()
    tok = load_tokenizer(base_model_path(None))
    by_family = [environments("test", [f]) for f in ("lazy_checklist", "impossible_coding", "sandbagging_qa_no_goal")]
    envs = [e for group in zip(*by_family, strict=False) for e in group][: args.n]  # round-robin over families
    specs = [TurnSpec(tuple(tool_specs(e)), "auto", 48) for e in envs]
    distinct = len({s.key for s in specs})
    # a turn every row replays: short reasoning, then a call of the env's first tool
    turn = [tok(te.render_assistant("Let me look at the files first.", "", [(s.tools[0].name, {
        k: "x" for k in s.tools[0].required})]), add_special_tokens=False)["input_ids"] for s in specs]
    print(f"load avg {os.getloadavg()[0]:.1f}; {len(envs)} envs, {distinct} distinct tool sets")
    for backend in ("llguidance", "xgrammar"):
        t0 = time.perf_counter()
        g = Grammars(tok, backend)  # type: ignore[arg-type]
        init = time.perf_counter() - t0
        t0 = time.perf_counter()
        matchers = [g.matcher(s) for s in specs]
        ready = time.perf_counter() - t0
        bitmask = torch.full((len(specs), (len(tok) + 31) // 32), -1, dtype=torch.int32)
        steps = min(args.steps, min(len(t) for t in turn))
        t0 = time.perf_counter()
        for k in range(steps):
            g.fill(list(zip(matchers, range(len(specs)), strict=True)), bitmask)
            for m, ids in zip(matchers, turn, strict=True):
                assert g.consume(m, ids[k])
        per_step = (time.perf_counter() - t0) / steps
        print(f"{backend:10s}: tokenizer setup {init:5.2f}s | grammars for {distinct} tool sets {ready:6.2f}s | "
              f"masks for {len(specs)} rows {per_step * 1000:6.2f} ms/step ({steps} steps)")


if __name__ == "__main__":
    main()
