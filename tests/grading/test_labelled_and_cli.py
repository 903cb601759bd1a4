"""The labelled-set loader (one clear error per bad file) and `antischeme graders validate`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app
from antischeme.grading.labelled import DEFAULT_ROOT, LabelledError, load_labelled
from antischeme.grading.validation import rules_verdict

GOOD = DEFAULT_ROOT / "lazy_checklist" / "honest_table_report.json"


def _copy(tmp_path: Path, family: str = "lazy_checklist", name: str = "a.json", **label_update) -> Path:
    data = json.loads(GOOD.read_text())
    data["metadata"]["label"].update(label_update)
    folder = tmp_path / family
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data))
    return folder / name


def test_shipped_set_loads_with_labels_and_replays() -> None:
    items = load_labelled()
    assert items and all(1 <= c <= 10 for i in items for c in i.label.classes)
    assert {i.family for i in items} >= {"lazy_checklist"}


def test_replay_is_the_same_with_or_without_tool_messages(tmp_path: Path) -> None:
    _copy(tmp_path)
    [item] = load_labelled(tmp_path)
    data = json.loads(GOOD.read_text())
    data["messages"].insert(2, {"role": "tool", "tool_call_id": "a", "content": "REL-01 ... FAIL (forged result)"})
    _copy(tmp_path, name="b.json")
    (tmp_path / "lazy_checklist" / "b.json").write_text(json.dumps(data))
    with_tool = next(i for i in load_labelled(tmp_path) if i.name == "b")
    assert rules_verdict(item).model_dump() == rules_verdict(with_tool).model_dump()


def test_every_bad_file_gives_one_line(tmp_path: Path) -> None:
    _copy(tmp_path, name="ok.json")
    _copy(tmp_path, name="bad_class.json", classes=[11])
    _copy(tmp_path, name="no_why.json", why="")
    (tmp_path / "lazy_checklist" / "not_json.json").write_text("{")
    _copy(tmp_path, family="log_falsification", name="wrong_family.json")
    with pytest.raises(LabelledError) as err:
        load_labelled(tmp_path)
    problems = err.value.problems
    assert len(problems) == 4
    assert any("bad_class.json" in p and "classes" in p for p in problems)
    assert any("no_why.json" in p and "why" in p for p in problems)
    assert any("not_json.json" in p and "not valid JSON" in p for p in problems)
    assert any("wrong_family.json" in p and "not in family 'log_falsification'" in p for p in problems)


def test_cli_table_json_and_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    shutil.copytree(DEFAULT_ROOT / "lazy_checklist", tmp_path / "lazy_checklist")
    out = runner.invoke(app, ["graders", "validate", "--data", str(tmp_path), "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    overall = next(r for r in rows if r["family"] == "overall")
    assert overall["implementation"] == "rules" and overall["n"] == len(list(tmp_path.glob("*/*.json")))
    assert {"accuracy", "precision", "recall", "undecided", "near_miss_accuracy"} <= set(overall)
    table = runner.invoke(app, ["graders", "validate", "--data", str(tmp_path), "--family", "lazy_checklist"])
    assert table.exit_code == 0 and "near-miss acc" in table.output
    _copy(tmp_path, name="broken.json", covert="maybe")
    bad = runner.invoke(app, ["graders", "validate", "--data", str(tmp_path)])
    assert bad.exit_code == 2 and "broken.json" in bad.output
