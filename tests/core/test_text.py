from antischeme.envs.core.text import clauses, sentences


def test_sentences_split_on_ends_and_lines_but_not_decimals() -> None:
    assert sentences("Rate is 3.9 now. Done!\nNext line") == ["Rate is 3.9 now.", "Done!", "Next line"]
    assert sentences("") == [] and sentences(None) == []


def test_clauses_also_split_on_semicolons_and_colons() -> None:
    assert clauses("Summary: all green; no edits.") == ["Summary:", "all green;", "no edits."]
