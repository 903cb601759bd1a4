"""Every command, given bad input, prints one error line and exits 2: no traceback, no partial output lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from antischeme.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    out = {
        "binary": d / "binary.json", "latin1": d / "latin1.csv", "deep": d / "deep.json", "summary": d / "summary.json",
        "empty_yaml": d / "empty.yaml", "samples0": d / "samples0.yaml", "gens0": d / "gens0.yaml",
        "overflow": d / "overflow.csv", "list_yaml": d / "list.yaml", "binary_yaml": d / "binary.yaml",
    }
    out["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    out["latin1"].write_bytes("eval,n,k\ncaf\xe9,3,1\n".encode("latin-1"))
    out["deep"].write_text("[" * 100_000 + "]" * 100_000)
    out["summary"].write_text(json.dumps({"model": "x", "counts": []}))
    out["empty_yaml"].write_text("")
    out["samples0"].write_text("collect:\n  samples: 0\n")
    out["gens0"].write_text("rl:\n  num_generations: 0\n")
    out["overflow"].write_text("eval,n,k\nlazy_checklist,100000000000000000000000000000,5\n")
    out["list_yaml"].write_text("- a\n- b\n")
    out["binary_yaml"].write_bytes(b"\x00\xff\xfe\xfa")
    out["dir"] = d
    return out


CASES = {
    "grade binary": ["grade", "{binary}"],
    "grade deep json": ["grade", "{deep}"],
    "grade missing": ["grade", "{dir}/missing.json"],
    "export summary.json": ["export", "{summary}", "--out", "{dir}/out"],
    "export binary": ["export", "{binary}", "--out", "{dir}/out"],
    "export missing": ["export", "{dir}/nope", "--out", "{dir}/out"],
    "stats overflow": ["stats", "--counts", "{overflow}", "--out", "{dir}/s.json"],
    "stats latin1": ["stats", "--counts", "{latin1}", "--out", "{dir}/s.json"],
    "stats binary": ["stats", "--counts", "{binary}", "--out", "{dir}/s.json"],
    "stats bad headline": ["stats", "--counts", "{overflow}", "--headline", ",,"],
    "report missing logs": ["report", "{dir}/nope", "--out", "{dir}/r"],
    "analyze missing": ["analyze", "{dir}/nope"],
    "eval limit -1": ["eval", "-m", "antischeme/schemer", "--limit", "-1"],
    "eval limit 0": ["eval", "-m", "antischeme/schemer", "--limit", "0"],
    "eval max-turns 0": ["eval", "-m", "antischeme/schemer", "--max-turns", "0"],
    "eval epochs 0": ["eval", "-m", "antischeme/schemer", "--epochs", "0"],
    "eval unknown family": ["eval", "-m", "antischeme/schemer", "-f", "lazy_chcklist"],
    "eval bogus model arg": ["eval", "-m", "antischeme/schemer", "-f", "lazy_checklist", "--limit", "1",
                             "-M", "bogus_arg=1", "--log-dir", "{dir}/logs"],
    "eval malformed model arg": ["eval", "-m", "antischeme/schemer", "-M", "novalue"],
    "eval unknown provider": ["eval", "-m", "nosuchprovider/x", "-f", "lazy_checklist", "--limit", "1",
                              "--log-dir", "{dir}/logs"],
    "eval bad variants": ["eval", "-m", "antischeme/schemer", "--variants", "nudge", "-f", "lazy_checklist"],
    "eval bad suite": ["eval", "-m", "antischeme/schemer", "--suite", "nope"],
    "envs bad suite": ["envs", "--suite", "nope"],
    "envs bad format": ["envs", "--format", "xml"],
    "envs unknown family": ["envs", "-f", "nope"],
    "families bad suite": ["families", "--suite", "nope"],
    "unknown command": ["nosuchcommand"],
    "train pipeline empty yaml": ["train", "pipeline", "--config", "{empty_yaml}"],
    "train pipeline samples 0": ["train", "pipeline", "--config", "{samples0}"],
    "train pipeline num_generations 0": ["train", "pipeline", "--config", "{gens0}"],
    "train pipeline list yaml": ["train", "pipeline", "--config", "{list_yaml}"],
    "train pipeline binary yaml": ["train", "pipeline", "--config", "{binary_yaml}"],
    "train pipeline missing": ["train", "pipeline", "--config", "{dir}/none.yaml"],
    "train collect test suite": ["train", "collect", "--suite", "test", "-m", "antischeme/saint",
                                 "--out", "{dir}/c"],
    "train collect samples 0": ["train", "collect", "--samples", "0", "--out", "{dir}/c"],
    "train collect empty config": ["train", "collect", "--config", "{empty_yaml}", "--out", "{dir}/c"],
    "train rl num-generations 0": ["train", "rl", "--num-generations", "0", "--out", "{dir}/r"],
    "train filter missing": ["train", "filter", "{dir}/missing"],
    "train sft bad set": ["train", "sft", "{dir}", "--set", "max_stepz=1"],
    "judges validate missing": ["judges", "validate", "--labels", "{dir}/missing.jsonl"],
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_one_line_and_exit_2(name: str, files: dict[str, Path]) -> None:
    argv = [a.format(**files) for a in CASES[name]]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, (name, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error:"), (name, result.stderr)


def test_family_names_by_title_and_hyphen() -> None:
    for name in ("lazy_checklist", "Lazy Checklist", "lazy-checklist", "LAZY-CHECKLIST"):
        result = runner.invoke(app, ["envs", "-f", name, "--format", "ids"])
        assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith("lazy_checklist/"), name
    bad = runner.invoke(app, ["envs", "-f", "lazy-chcklist"])
    assert bad.exit_code == 2 and "did you mean lazy_checklist" in bad.stderr


def test_stats_headline_names_and_unknown_eval_warning(tmp_path: Path) -> None:
    counts = tmp_path / "counts.csv"
    counts.write_text("eval,n,k\nlazy_checklist,10,5\nimpossible_coding,10,2\nlazy_chcklist,4,1\n")
    result = runner.invoke(app, ["stats", "--counts", str(counts), "--headline", "Lazy Checklist,impossible-coding",
                                 "--draws", "1000", "--out", str(tmp_path / "s.json")])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "lazy_chcklist" in result.stderr and "did you mean" in result.stderr
    saved = json.loads((tmp_path / "s.json").read_text())
    assert "lazy_checklist" in json.dumps(saved) and "impossible_coding" in json.dumps(saved)


def test_variants_apply_where_the_factor_exists(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "-m", "antischeme/schemer", "--variants", "domain=release", "-f",
                                 "lazy_checklist", "-f", "chat_deception", "--log-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "chat_deception" in result.stderr and "skipped" in result.stderr
    rows = (tmp_path / "counts.csv").read_text().splitlines()
    assert any(r.startswith("lazy_checklist,") for r in rows) and not any("chat_deception" in r for r in rows)


def test_lists_are_complete_when_not_a_terminal() -> None:
    ids = runner.invoke(app, ["envs", "--suite", "all", "--format", "ids"]).stdout.split()
    tsv = runner.invoke(app, ["envs", "--suite", "all", "--format", "tsv"]).stdout.splitlines()
    table = runner.invoke(app, ["envs", "--suite", "all"]).stdout
    assert len(tsv) == len(ids) + 1 and all(i in table for i in ids)  # no id cut or wrapped away
    fams = runner.invoke(app, ["families", "--format", "ids"]).stdout.split()
    assert "lazy_checklist" in fams and all(f in runner.invoke(app, ["families"]).stdout for f in fams)


def test_provider_sdks_are_installed_and_set_up() -> None:
    import anthropic
    import openai

    assert openai.__version__ and anthropic.__version__
    setup = (Path(__file__).parents[2] / "scripts" / "setup.sh").read_text()
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    constraints = (Path(__file__).parents[2] / "constraints.txt").read_text().lower().splitlines()
    assert '-e ".[dev]"' in setup and "-c constraints.txt" in setup  # main dependencies, pinned
    assert '"openai>=' in pyproject and '"anthropic>=' in pyproject
    assert any(line.startswith("openai==") for line in constraints)
    assert any(line.startswith("anthropic==") for line in constraints)


@pytest.mark.slow
def test_unknown_hub_model_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub.constants

    # the hub reads HF_HUB_OFFLINE once, at import: set the flag itself too, whatever imported the hub earlier
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    result = runner.invoke(app, ["eval", "-m", "hf/does-not-exist/model", "-f", "lazy_checklist", "--limit", "1",
                                 "--log-dir", str(tmp_path)], env={"HF_HUB_OFFLINE": "1"})
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "hf/does-not-exist/model" in errors[0]
