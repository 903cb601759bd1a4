"""Reading counts CSVs: good files parse, every kind of bad file gives one clear error naming the problem."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from antischeme.stats import CountsError, read_counts, validate_counts


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "counts.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_a_good_file_with_spaces_blank_lines_and_extra_columns(tmp_path: Path) -> None:
    frame = read_counts(_csv(tmp_path, "eval, n ,k,note\nlazy_checklist, 300, 69,x\n\nemail_scoring,300,134,\n"))
    assert frame.to_dict("list") == {"eval": ["lazy_checklist", "email_scoring"], "n": [300, 300], "k": [69, 134]}
    assert str(frame["n"].dtype) == "int64"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("eval,n\na,3\n", "missing column(s) k"),
        ("name,total,hits\na,3,1\n", "missing column(s) eval, n, k"),
        ("eval,n,k\na,3,4\n", "k (4) > n (3)"),
        ("eval,n,k\na,-3,1\n", "n must not be negative"),
        ("eval,n,k\na,3,-1\n", "k must not be negative"),
        ("eval,n,k\na,3.5,1\n", "n must be a whole number"),
        ("eval,n,k\na,10,one\n", "k must be a whole number"),
        ("eval,n,k\na,10,\n", "k must be a whole number"),
        ("eval,n,k\na,3,1\na,4,1\n", "duplicate eval rows: a"),
        ("eval,n,k\n", "no rows"),
        ("", "empty file"),
        ("eval,n,k\n,3,1\n", "eval name is empty"),
        ("eval,n,k\na,3,1,9\n", "more fields than the header"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CountsError) as err:
        read_counts(_csv(tmp_path, text))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(CountsError, match="line 3"):
        read_counts(_csv(tmp_path, "eval,n,k\na,3,1\nb,3,9\n"))


def test_missing_file_and_binary_file(tmp_path: Path) -> None:
    with pytest.raises(CountsError, match="no such file"):
        read_counts(tmp_path / "absent.csv")
    binary = tmp_path / "blob.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(CountsError, match="not a UTF-8"):
        read_counts(binary)


def test_validate_counts_checks_in_memory_tables() -> None:
    good = validate_counts(pd.DataFrame({"eval": ["a"], "n": [5], "k": [2]}))
    assert good.loc[0, "k"] == 2
    with pytest.raises(CountsError, match="k \\(6\\) > n \\(5\\)"):
        validate_counts(pd.DataFrame({"eval": ["a"], "n": [5], "k": [6]}))
    with pytest.raises(CountsError, match="missing column"):
        validate_counts(pd.DataFrame({"eval": ["a"], "n": [5]}))
