from __future__ import annotations

import pytest
import yaml

from antischeme.spec import PRINCIPLE_IDS, load_spec


def test_spec_has_the_nine_principles_in_order() -> None:
    spec = load_spec()
    assert tuple(p.id for p in spec.principles) == PRINCIPLE_IDS
    rendered = spec.render()
    for pid in PRINCIPLE_IDS:
        assert f"{pid} (" in rendered


def test_hash_changes_with_content_and_is_stable(tmp_path) -> None:
    spec = load_spec()
    assert spec.hash == load_spec().hash and len(spec.hash) == 16
    data = spec.model_dump()
    data["principles"][0]["text"] += " Extra words."
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data))
    assert load_spec(path).hash != spec.hash


def test_bad_spec_file_is_a_clear_error(tmp_path) -> None:
    data = load_spec().model_dump()
    data["principles"].append(dict(data["principles"][0]))
    path = tmp_path / "dup.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(ValueError, match="duplicate principle ids"):
        load_spec(path)
    with pytest.raises(ValueError, match="cannot read spec file"):
        load_spec(tmp_path / "missing.yaml")
