"""Grade N exported transcripts: one ``antischeme grade DIR`` process vs the old one-process-per-file way.

Transcripts come from the scripted schemer and saint policies over every family of the test suite (round-robin),
so the batch mixes all graders. The per-file baseline is timed on ``--baseline-files`` files and scaled to N
(it costs the same per file: a fresh interpreter, imports and registry each time).
Run: ``.venv/bin/python benchmarks/bench_grade.py [--n 200] [--baseline-files 10]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

from antischeme.envs.core.rollout import rollout
from antischeme.envs.registry import environments, families
from antischeme.models.scripted import scripted_policy

CLI = [sys.executable, "-m", "antischeme.cli", "grade"]


def make_transcripts(folder: Path, n: int) -> list[Path]:
    by_family = [[e for e in environments("test", [f]) if e.scripts] for f in families()]
    pools = cycle([envs for envs in by_family if envs])
    paths = []
    for i in range(n):
        envs = next(pools)
        env = envs[(i // len(by_family)) % len(envs)]
        policy = "schemer" if i % 2 == 0 and "schemer" in env.scripts else next(iter(env.scripts))
        path = folder / f"t{i:04d}.json"
        rollout(env, scripted_policy(env, policy), max_turns=12, model=f"antischeme/{policy}").save(path)
        paths.append(path)
    return paths


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (the machine is shared: CPU time is the steadier number) and the result."""
    start, cpu = time.perf_counter(), _child_cpu()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    return time.perf_counter() - start, _child_cpu() - cpu, proc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--baseline-files", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_transcripts(Path(tmp), args.n)
        batch_s, batch_cpu, proc = timed([*CLI, tmp])
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        assert proc.returncode == 0 and len(lines) == args.n, (proc.returncode, len(lines), proc.stderr[-500:])
        sample = paths[: args.baseline_files]
        singles = [timed([*CLI, str(p)]) for p in sample]
    one_s = sum(t[0] for t in singles) / len(sample)
    one_cpu = sum(t[1] for t in singles) / len(sample)
    old_s, old_cpu = one_s * args.n, one_cpu * args.n
    print(f"{args.n} transcripts, one process: wall {batch_s:6.2f} s ({args.n / batch_s:6.1f}/s), "
          f"cpu {batch_cpu:6.2f} s ({args.n / batch_cpu:6.1f}/s)")
    print(f"one process per file (x{args.n}, timed on {len(sample)}): wall {old_s:7.1f} s, cpu {old_cpu:7.1f} s")
    print(f"speed-up: wall {old_s / batch_s:.1f}x, cpu {old_cpu / batch_cpu:.1f}x")


if __name__ == "__main__":
    main()
