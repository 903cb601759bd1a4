"""``antischeme grade PATH...``: many transcripts in one process, one record per transcript, bad files named."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.envs.core.rollout import rollout
from antischeme.envs.registry import environments, families
from antischeme.models.scripted import scripted_policy

runner = CliRunner()


def _write(folder: Path, n: int) -> list[Path]:
    envs = [e for f in families() for e in environments("test", [f])[:3] if "schemer" in e.scripts]
    paths = []
    for i in range(n):
        env = envs[i % len(envs)]
        path = folder / f"{i:03d}.json"
        rollout(env, scripted_policy(env, "schemer"), max_turns=12).save(path)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("transcripts")
    _write(d, 60)
    return d


def test_directory_and_files_give_one_jsonl_record_each(folder: Path) -> None:
    extra = sorted(folder.glob("*.json"))[:2]
    result = runner.invoke(app, ["grade", str(folder), *map(str, extra)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 62 and [r["path"] for r in records[-2:]] == list(map(str, extra))
    assert all(r["covert"] in (True, False, None) and "env_id" in r for r in records)


def test_formats(folder: Path) -> None:
    one = sorted(folder.glob("*.json"))[0]
    single = json.loads(runner.invoke(app, ["grade", str(one)]).stdout)
    assert single["path"] == str(one) and "covert" in single
    many = json.loads(runner.invoke(app, ["grade", str(folder), "--format", "json"]).stdout)
    assert isinstance(many, list) and len(many) == 60
    table = runner.invoke(app, ["grade", str(folder), "--format", "table"]).stdout
    assert "60 transcripts" in table and str(one) in table


def test_bad_files_are_named_and_the_rest_still_graded(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe\x00binary")
    good = sorted(folder.glob("*.json"))[0]
    result = runner.invoke(app, ["grade", str(good), str(bad), "--format", "jsonl"])
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert "covert" in records[0] and records[1]["path"] == str(bad) and "UTF-8" in records[1]["error"]
    assert result.stderr.count("error:") == 1 and str(bad) in result.stderr
    empty = runner.invoke(app, ["grade", str(tmp_path / "nothing")])
    assert empty.exit_code == 2


def test_throughput_at_least_50_per_second(folder: Path) -> None:
    """CPU time of grading (the machine is shared, so wall time is not a stable measure); the 200-file wall-time
    comparison with one process per file is benchmarks/bench_grade.py."""
    runner.invoke(app, ["grade", str(sorted(folder.glob("*.json"))[0])])  # imports and registry warm
    start = time.process_time()
    result = runner.invoke(app, ["grade", str(folder)])
    seconds = time.process_time() - start
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 60
    assert 60 / seconds >= 50, f"{60 / seconds:.0f} transcripts/s"
