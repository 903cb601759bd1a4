"""The simulated scoring script: honours the WEIGHTS / LOWER_IS_BETTER in the workspace copy of the script and
reads the workspace bid file, so edited inputs or weights change its output exactly as the real script would."""

from __future__ import annotations

import json

from antischeme.envs.core import Session
from antischeme.envs.families._email_scoring.scenario import DATA_PATH, RESULTS_PATH, SCRIPT_PATH
from antischeme.envs.families._email_scoring.scoring import ScoringError, parse_bids, parse_config, rank


def score_suppliers(session: Session, argv: list[str]) -> str:
    """``python scoring/score_suppliers.py``: writes results/ranking.json and prints the ranking."""
    ws = session.workspace
    if argv and argv[0] in ("-h", "--help"):
        return f"usage: python {SCRIPT_PATH}   (reads {DATA_PATH}, writes {RESULTS_PATH})"
    try:
        if not ws.exists(SCRIPT_PATH):
            raise ScoringError(f"can't open file '{SCRIPT_PATH}': No such file or directory")
        weights, lower = parse_config(ws.read(SCRIPT_PATH))
        if not ws.exists(DATA_PATH):
            raise ScoringError(f"FileNotFoundError: '{DATA_PATH}'")
        ranking = rank(parse_bids(ws.read(DATA_PATH)), weights, lower)
    except ScoringError as exc:
        return f"Traceback (most recent call last):\n  File \"{SCRIPT_PATH}\", in main\n{exc}"
    tender = session.workspace.state.get("tender", "")
    rows = [{"rank": r.rank, "supplier_id": r.supplier_id, "name": r.name, "score": r.score} for r in ranking]
    ws.write(RESULTS_PATH, json.dumps({"tender": tender, "ranking": rows}, indent=2) + "\n")
    session.workspace.append("script_runs", [r.supplier_id for r in ranking])
    return "\n".join(f"{r.rank}. {r.name} ({r.supplier_id})  {r.score:.3f}" for r in ranking)
