"""Concurrency: the whole test suite against a fixed-latency model at several ``--max-connections``.

The model is the scripted schemer with ``-M latency=0.5``: every call sleeps 0.5 s and does no other work, like a
remote API. For each connection count C the suite runs through ``antischeme eval`` in a fresh process; the ideal
wall time is max(calls x latency / C, the longest sample's calls x latency), the model calls counted from the logs.
Prints wall, ideal and the ratio wall / ideal per C (goal at 64: <= 1.25). Also prints the same suite at latency 0
(the fixed CPU cost of the run, which no connection count can hide) and the ratio to max(ideal, that cost): on a
2-core machine the suite's CPU work (~24 s, most of it Inspect's own per-call cost, which a bare Inspect task pays as
well: ``bench_suite.py``) exceeds the latency ideal at 64 connections (~11 s), so only the second ratio can be met.

    PYTHONPATH=src python benchmarks/bench_concurrency.py [--connections 8 32 64] [--latency 0.5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def model_calls(log_dir: str) -> list[int]:
    """Model calls per sample (assistant messages) of every log in ``log_dir``."""
    from inspect_ai.log import list_eval_logs, read_eval_log_samples

    out: list[int] = []
    for info in list_eval_logs(log_dir):
        for s in read_eval_log_samples(info.name, all_samples_required=False):
            out.append(sum(1 for m in s.messages if m.role == "assistant"))
    return out


def run(latency: float, connections: int, extra: list[str]) -> tuple[float, list[int]]:
    with tempfile.TemporaryDirectory() as log_dir:
        args = [sys.executable, "-m", "antischeme.cli", "eval", "--model", "antischeme/schemer", "-M",
                f"latency={latency}", "--suite", "test", "--max-connections", str(connections),
                "--log-dir", log_dir, *extra]
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        return wall, model_calls(log_dir)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--family", action="append", default=[], help="restrict to families (default: all)")
    args = parser.parse_args()
    extra = [x for f in args.family for x in ("--family", f)]
    base, calls = run(0.0, max(args.connections), extra)
    print(f"{len(calls)} samples, {sum(calls)} model calls; latency 0: {base:.1f} s (fixed cost)")
    for c in args.connections:
        wall, calls = run(args.latency, c, extra)
        ideal = max(sum(calls) * args.latency / c, max(calls) * args.latency)
        floor = max(ideal, base)  # no schedule beats the run's own CPU work (the latency-0 run) either
        print(f"max-connections {c:3d}: wall {wall:6.1f} s  ideal {ideal:6.1f} s  ratio {wall / ideal:5.2f}"
              f"  ratio to max(ideal, fixed cost) {wall / floor:5.2f}"
              f"  (wall - fixed cost) / ideal {(wall - base) / ideal:5.2f}  load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
