"""Does the embedded model act? The README's main job (``antischeme eval``), free vs grammar-constrained decoding.

Runs the main job once per setting, in this one script run (same machine load), and reads the logs back:

- valid-call share: assistant turns whose tool calls are all well-formed calls to a tool of the sample's environment
  with arguments matching its JSON schema, over turns that contain any call attempt or none (all assistant turns);
- tool calls per episode (valid ones and all attempts);
- outcome counts of the action grader; wall time of the whole command.

    .venv/bin/python benchmarks/bench_embedded_actions.py [--settings free,constrained] [-- extra eval args]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jsonschema
from inspect_ai.log import read_eval_log

from antischeme.envs.registry import environment
from antischeme.models.constrained import arguments_schema
from antischeme.train.render import tool_specs

SETTINGS = {"free": ["-M", "constrained=false"], "constrained": []}


def valid_call(call, schemas: dict) -> bool:
    if call.parse_error or call.function not in schemas:
        return False
    try:
        jsonschema.validate(call.arguments, schemas[call.function])
    except jsonschema.ValidationError:
        return False
    return True


def analyze(log_dir: Path) -> dict:
    turns = valid_turns = episodes = calls = valid_calls = 0
    outcomes: collections.Counter = collections.Counter()
    for f in sorted(log_dir.glob("*.eval")):
        for s in read_eval_log(str(f)).samples or []:
            episodes += 1
            schemas = {sp.name: arguments_schema(sp) for sp in tool_specs(environment(s.metadata["env_id"]))}
            for m in s.messages:
                if m.role != "assistant":
                    continue
                turns += 1
                tcs = m.tool_calls or []
                ok = [valid_call(c, schemas) for c in tcs]
                calls += len(tcs)
                valid_calls += sum(ok)
                valid_turns += bool(tcs) and all(ok)
            for score in (s.scores or {}).values():
                outcomes[(score.metadata or {}).get("outcome", "?")] += 1
    return {"episodes": episodes, "assistant_turns": turns, "valid_call_turns": valid_turns,
            "valid_call_share": round(valid_turns / turns, 3) if turns else None,
            "calls_per_episode": round(calls / episodes, 2) if episodes else None,
            "valid_calls_per_episode": round(valid_calls / episodes, 2) if episodes else None,
            "outcomes": dict(outcomes.most_common())}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--settings", default="free,constrained")
    ap.add_argument("extra", nargs="*", help="extra arguments for antischeme eval (after --)")
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("antischeme")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.settings.split(","):
            logs = Path(tmp, name)
            cmd = [str(exe), "eval", "--log-dir", str(logs), *SETTINGS[name], *args.extra]
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True)
            wall = time.perf_counter() - t0
            if proc.returncode != 0:
                print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
                raise SystemExit(f"{name}: antischeme eval exited {proc.returncode}")
            results[name] = {"wall_s": round(wall, 1), "load_avg_at_start": round(load, 1), **analyze(logs)}
            print(json.dumps({name: results[name]}), flush=True)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
