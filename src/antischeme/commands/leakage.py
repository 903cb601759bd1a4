"""``antischeme check-leakage``: no environment id, theme or near-duplicate text shared between the training
distribution (every non-test split: train, val, their SITA twins, the organism, goal and capability splits) and the
test suite."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from antischeme.commands._errors import fail


def register(app: typer.Typer) -> None:
    from antischeme.validation.leakage import DEFAULT_NGRAM, DEFAULT_THRESHOLD

    @app.command("check-leakage")
    def check_leakage_cmd(
        threshold: float = typer.Option(DEFAULT_THRESHOLD, help="containment of word n-grams at or above which a "
                                        "train/val - test pair counts as a near duplicate"),
        ngram: int = typer.Option(DEFAULT_NGRAM, help="word n-gram length"),
        calibrate: bool = typer.Option(False, help="also print within-training reference similarities "
                                       "(same theme vs. different themes)"),
        out: Path | None = typer.Option(None, "--out", "-o", help="write the full report as JSON"),
    ) -> None:
        """Exit 0 if the splits are clean; exit 1 listing every offending id, theme or text pair."""
        from antischeme.envs.registry import environments
        from antischeme.validation.leakage import check_leakage, reference_similarity

        if not 0 < threshold <= 1:
            fail("--threshold must be in (0, 1]")
        if ngram < 1:
            fail("--ngram must be at least 1")
        from antischeme.envs.core.environment import SPLITS

        training = [e for split in SPLITS if split != "test" for e in environments(split)]
        test = environments("test")
        if not training:
            fail("no train/val environments in the registry")
        report = check_leakage(training, test, ngram=ngram, threshold=threshold)
        console = Console(soft_wrap=True)
        stats = report.stats
        console.print(f"{report.n_train} train/val vs {report.n_test} test environments, {ngram}-grams, "
                      f"threshold {threshold} (containment); {report.seconds:.1f} s", highlight=False)
        console.print(f"closest train/val -> test containment: {stats['max_containment_to_test']}; "
                      f"jaccard: {stats['max_jaccard_to_test']}", highlight=False)
        if calibrate:
            console.print(f"reference (within training): {reference_similarity(training, ngram)}", highlight=False)
        if out:
            out.write_text(json.dumps({"ok": report.ok, "problems": report.problems(), "stats": stats,
                                       "closest": [p.__dict__ for p in report.closest]}, indent=1))
        if not report.ok:
            problems = report.problems()
            for line in problems[:200]:
                console.print(f"[red]LEAK[/] {line}", highlight=False, soft_wrap=True)
            fail(f"leakage check failed: {len(problems)} problem(s)", code=1)
        console.print("[green]no leakage[/]: no shared ids, themes or near-duplicate scenario text")
