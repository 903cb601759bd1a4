"""``antischeme experiment run | list | status``: declared stress-test experiments (configs/experiments/*.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from antischeme.commands._errors import fail

CONFIG_DIR = Path("configs/experiments")


def _configs(folder: Path) -> list[Path]:
    if not folder.is_dir():
        fail(f"no experiment folder {folder} (run from the repository root or pass --dir)")
    return sorted(folder.rglob("*.yaml"))


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Stress-test experiments: hidden-goal organism, capability degradation, AS+SITA.",
                        no_args_is_help=True)
    app.add_typer(group, name="experiment")

    @group.command("run")
    def run_cmd(
        config: Path = typer.Argument(..., help="experiment YAML, e.g. configs/experiments/hidden_goal.yaml"),
        size: str = typer.Option("toy", help="tiny (CI, minutes) | toy (a meaningful CPU run) | full (GPU scale)"),
        out: Path | None = typer.Option(None, "--out", "-o", help="experiment folder (default: runs/<name>-<size>)"),
    ) -> None:
        """Run the stages in order (resuming a half-finished run); writes DIR/manifest.json and DIR/report.html."""
        from antischeme.commands.train import _quiet_threads

        _quiet_threads()
        from antischeme.stress.experiments import (
            ExperimentConfigError,
            ExperimentRunError,
            load_experiment,
            run_experiment,
        )
        from antischeme.stress.experiments.config import SIZES

        if size not in SIZES:
            fail(f"--size must be one of {', '.join(SIZES)}, got {size!r}")
        try:
            cfg = load_experiment(config)
        except ExperimentConfigError as e:
            fail(str(e))
        folder = out or Path("runs") / f"{cfg.name}-{size}"
        console = Console(stderr=True)
        try:
            manifest = run_experiment(cfg, size, folder, config_path=str(config),
                                      progress=lambda m: console.print(m, highlight=False))
        except ExperimentRunError as e:
            fail(f"{e} (finished stages are kept in {folder}; rerun the same command to resume)", code=1)
        report = folder / "report.html"
        print(f"manifest: {manifest}" + (f"\nreport: {report}" if report.is_file() else ""))

    @group.command("list")
    def list_cmd(
        folder: Path = typer.Option(CONFIG_DIR, "--dir", help="folder of experiment YAML files"),
        fmt: str = typer.Option("table", "--format", help="table | json"),
    ) -> None:
        """The declared experiments: name, config file, stages, what each measures."""
        from antischeme.stress.experiments import ExperimentConfigError, load_experiment

        if fmt not in ("table", "json"):
            fail(f"--format must be table or json, got {fmt!r}")
        rows = []
        for path in _configs(folder):
            try:
                cfg = load_experiment(path)
            except ExperimentConfigError as e:
                fail(str(e))
            rows.append({"name": cfg.name, "config": str(path), "stages": [s.name for s in cfg.stages],
                         "measures": cfg.measures, "sizes": sorted(cfg.sizes), "expected_wall_time":
                         cfg.expected_wall_time})
        if fmt == "json":
            print(json.dumps(rows, indent=1))
            return
        table = Table("name", "config", "stages", "measures")
        for r in rows:
            table.add_row(r["name"], r["config"], " → ".join(r["stages"]), r["measures"])
        Console(width=200 if not Console().is_terminal else None).print(table)

    @group.command("status")
    def status_cmd(folder: Path = typer.Argument(..., help="an experiment folder (holds manifest.json)")) -> None:
        """Which stages of an experiment folder are done, with their times and outputs."""
        from antischeme.stress.experiments import status

        try:
            manifest = status(folder)
        except (FileNotFoundError, json.JSONDecodeError) as e:
            fail(str(e))
        print(f"{manifest['experiment']} (size {manifest['size']}): "
              f"{'complete' if manifest['complete'] else 'incomplete'}")
        for s in manifest["stages"]:
            secs = f"{s['seconds']:.1f} s" if s.get("seconds") is not None else ""
            print(f"  {s['name']:<16} {s['kind']:<14} {s['status']:<8} {secs}")
