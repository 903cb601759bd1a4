"""The scripted test suite through ``antischeme eval`` vs a bare Inspect task making the same model and tool calls.

Both run in a fresh process, side by side, on every test-suite environment:
- ours: ``antischeme eval --model antischeme/schemer --suite test`` (registered tasks on eval_set, the episode agent,
  real simulated tools, action grading, counting, counts.csv/summary.json);
- bare: one plain Inspect ``Task`` per family with the same samples, ``use_tools`` + ``generate(tool_calls="loop")``
  and stub tools answering "ok", against ``mockllm/model`` returning the schemer's scripted outputs (a pure function
  of the conversation), no scorer.
Prints wall and CPU time of both and the ratios ours / bare (goal: <= 1.3); on a shared machine the CPU ratio is
the steadier one.

    PYTHONPATH=src python benchmarks/bench_suite.py [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bare_tasks(only: list[str] | None = None) -> list:
    from inspect_ai import Task
    from inspect_ai.dataset import MemoryDataset
    from inspect_ai.solver import generate, use_tools
    from inspect_ai.tool import ToolDef

    from antischeme.envs.registry import environments, families
    from antischeme.runners.inspect.task import sample_for
    from antischeme.runners.inspect.tools import tool_params

    tasks = []
    for name in only or families():
        envs = environments("test", [name])
        if not envs:
            continue

        async def ok(**kwargs) -> str:
            return "ok"

        tools = {t.name: ToolDef(ok, name=t.name, description=t.description, parameters=_described(tool_params(t)))
                 for e in envs for t in e.tools}
        tasks.append(Task(name=f"bare_{name}", dataset=MemoryDataset([sample_for(e, False) for e in envs]),
                          solver=[use_tools(*tools.values()), generate(tool_calls="loop")]))
    return tasks


def _described(params):
    """Inspect's use_tools wants a description on every parameter."""
    for name, param in params.properties.items():
        param.description = param.description or name
    return params


def run_bare(log_dir: str, only: list[str] | None = None) -> None:
    from inspect_ai import eval as inspect_eval
    from inspect_ai.model import get_model

    from antischeme.models.scripted_api import scripted_output

    def outputs(input, tools, tool_choice, config):
        return scripted_output("schemer", input, tools)

    model = get_model("mockllm/model", custom_outputs=outputs)
    logs = inspect_eval(bare_tasks(only), model=model, log_dir=log_dir, display="plain")
    assert all(log.status == "success" for log in logs), [log.status for log in logs]


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--bare", help=argparse.SUPPRESS)
    parser.add_argument("--family", action="append", default=[], help="restrict to families (default: all)")
    args = parser.parse_args()
    if args.bare:
        run_bare(args.bare, args.family or None)
        return
    only = [x for f in args.family for x in ("--family", f)]
    ours, bare = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            ours.append(timed([sys.executable, "-m", "antischeme.cli", "eval", "--model", "antischeme/schemer",
                               "--suite", "test", "--log-dir", a, *only]))
            bare.append(timed([sys.executable, __file__, "--bare", b, *only]))
    (o, oc), (b, bc) = min(ours), min(bare)
    print(f"antischeme eval (scripted suite): {o:.1f} s wall, {oc:.1f} s CPU   "
          f"bare Inspect task (mockllm, same calls): {b:.1f} s wall, {bc:.1f} s CPU   "
          f"ratio wall {o / b:.2f}, CPU {oc / bc:.2f} (goal <= 1.3); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
