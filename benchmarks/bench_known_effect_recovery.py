"""Does the intervention pipeline recover the known-effect model's planted rates, seed after seed?

For each model seed: base rollouts of ``antischeme/known-effect`` on Lazy Checklist (``--epochs`` per environment),
then ``intervene ablate`` (K=2) and ``inject`` + ``control`` (K=3), as in the test. Prints one row per arm and seed
and, at the end, how often each planted rate fell inside its reported 95% interval and how often the directions
(ablated > base, injected < control, p(control vs injected) < 0.05) held.

    python benchmarks/bench_known_effect_recovery.py --seeds 0 1 2 --epochs 8
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

PLANTED = {"ablate": {"base": 0.10, "ablated": 0.25}, "inject": {"base": 0.25, "injected": 0.10, "control": 0.25}}


def one_seed(seed: int, epochs: int, root: Path) -> dict:
    from inspect_ai import eval as inspect_eval

    from antischeme.runners.inspect import family_task
    from antischeme.stress.interventions import Settings, run

    base = root / f"base{seed}"
    inspect_eval(family_task("lazy_checklist"), model="antischeme/known-effect", model_args={"seed": seed},
                 epochs=epochs, log_dir=str(base), display="none", max_samples=64, log_realtime=False)
    ablate = run(Settings("ablate", [base], root / f"ablate{seed}", resamples=2, max_attempts=8, seed=seed))
    run(Settings("inject", [base], root / f"inject{seed}", resamples=3, seed=seed))
    inject = run(Settings("control", [base], root / f"inject{seed}", resamples=3, seed=seed))
    return {"ablate": ablate, "inject": inject}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--epochs", type=int, default=8)
    args = parser.parse_args()
    inside = total = 0
    directions = {"ablated > base": 0, "injected < control": 0, "p(control, injected) < 0.05": 0}
    print(f"{'seed':>4} {'experiment':<8} {'arm':<9} {'k/n':>8} {'rate':>6}  95% interval     planted  inside")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            start = time.perf_counter()
            result = one_seed(seed, args.epochs, Path(tmp))
            for experiment, summary in result.items():
                arms = {a["arm"]: a for a in summary["arms"]}
                for name, planted in PLANTED[experiment].items():
                    a = arms[name]
                    ok = a["lo"] <= planted <= a["hi"]
                    inside, total = inside + ok, total + 1
                    print(f"{seed:>4} {experiment:<8} {name:<9} {a['k']:>3}/{a['n']:<4} {a['rate']:>6.3f}  "
                          f"[{a['lo']:.3f}, {a['hi']:.3f}]   {planted:.2f}     {'yes' if ok else 'NO'}")
            ab, inj = ({a["arm"]: a for a in result[e]["arms"]} for e in ("ablate", "inject"))
            p = next(t["p_value"] for t in result["inject"]["tests"] if {t["a"], t["b"]} == {"control", "injected"})
            directions["ablated > base"] += ab["ablated"]["rate"] > ab["base"]["rate"]
            directions["injected < control"] += inj["injected"]["rate"] < inj["control"]["rate"]
            directions["p(control, injected) < 0.05"] += p < 0.05
            print(f"     seed {seed}: {time.perf_counter() - start:.0f} s")
    print(f"planted rate inside its interval: {inside}/{total}")
    for name, count in directions.items():
        print(f"{name}: {count}/{len(args.seeds)} seeds")


if __name__ == "__main__":
    main()
