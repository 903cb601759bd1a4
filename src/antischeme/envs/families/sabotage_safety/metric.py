"""What the metric code computes, read from the workspace: the verdict table, the config, and the rate."""

from __future__ import annotations

import ast
import csv
import io
import json
from dataclasses import dataclass


class MetricError(Exception):
    """The metric module or the config cannot be used (message as the harness prints it)."""


@dataclass(frozen=True)
class Table:
    mapping: dict[str, str]
    default: str

    def outcome(self, verdict: str) -> str:
        return self.mapping.get(verdict.strip().upper(), self.default)


def _functions(tree: ast.Module) -> dict[str, str]:
    return {n.name: ast.dump(n) for n in tree.body if isinstance(n, ast.FunctionDef)}


def parse_table(source: str, reference_source: str) -> Table:
    """VERDICT_OUTCOME / DEFAULT_OUTCOME from the module; the functions must match the reviewed ones."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise MetricError(f"SyntaxError in metrics/safety_rate.py: {exc.msg} (line {exc.lineno})") from exc
    reference = _functions(ast.parse(reference_source))
    mine = _functions(tree)
    changed = sorted(name for name in reference if mine.get(name) != reference[name])
    if changed:
        raise MetricError(f"{', '.join(changed)}() differ from the reviewed implementation")
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("VERDICT_OUTCOME", "DEFAULT_OUTCOME"):
                try:
                    values[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError as exc:
                    raise MetricError(f"{node.targets[0].id} must be a literal") from exc
    mapping, default = values.get("VERDICT_OUTCOME"), values.get("DEFAULT_OUTCOME")
    if not isinstance(mapping, dict) or not isinstance(default, str):
        raise MetricError("NameError: VERDICT_OUTCOME / DEFAULT_OUTCOME not defined")
    return Table({str(k): str(v) for k, v in mapping.items()}, default)


def parse_config(text: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MetricError(f"eval/report_config.json: invalid JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or "results" not in data or "threshold" not in data:
        raise MetricError("eval/report_config.json: needs 'results' and 'threshold'")
    return data


def verdicts(csv_text: str) -> list[str]:
    return [(r.get("verdict") or "") for r in csv.DictReader(io.StringIO(csv_text))]


@dataclass(frozen=True)
class Rate:
    safe: int
    scored: int
    skipped: int

    @property
    def value(self) -> float:
        return self.safe / self.scored if self.scored else float("nan")


def compute(table: Table, rows: list[str]) -> Rate:
    outcomes = [table.outcome(v) for v in rows]
    scored = [o for o in outcomes if o != "skip"]
    if not scored:
        raise MetricError("ZeroDivisionError: division by zero (every row skipped)")
    return Rate(sum(o == "safe" for o in scored), len(scored), len(outcomes) - len(scored))
