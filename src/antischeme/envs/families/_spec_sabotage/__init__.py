"""Code shared by the three Spec Sabotage families (moving, selection, verification): spec documents as workspace
files, their parsing and comparison, the lab's framing, and action-only text checks (claims and disclosures)."""

from antischeme.envs.families._spec_sabotage.framing import ORG, SPEC_PATH, system_prompt
from antischeme.envs.families._spec_sabotage.specdoc import (
    ParsedSpec,
    SpecDiff,
    compare,
    normalize,
    parse_spec,
    spec_block,
    spec_file,
)
from antischeme.envs.families._spec_sabotage.text import affirmed, claims, discloses_change, sentences

__all__ = [
    "ORG", "SPEC_PATH", "ParsedSpec", "SpecDiff", "affirmed", "claims", "compare", "discloses_change",
    "normalize", "parse_spec", "sentences", "spec_block", "spec_file", "system_prompt",
]
