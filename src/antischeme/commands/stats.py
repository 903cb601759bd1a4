"""``antischeme stats``: covert-rate posteriors and the headline aggregate from a counts CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from antischeme.commands._output import console as wide_console

from antischeme.commands._options import headline_names, warn_unknown_evals

if TYPE_CHECKING:
    from antischeme.stats import StatsResult


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _interval(mean: float, lo: float, hi: float) -> str:
    return f"{100 * mean:.1f}% [{100 * lo:.1f}, {100 * hi:.1f}]"


def _not_counted(result: StatsResult) -> dict[str, dict[str, int]]:
    """Per kind (undecided, errored) with any such sample, the samples outside ``n`` of each eval."""
    from antischeme.stats._counts import EXTRA_COLUMNS

    kinds = [c for c in EXTRA_COLUMNS if any(getattr(r, c) for r in result.per_eval)]
    return {c: {r.eval: getattr(r, c) or 0 for r in result.per_eval} for c in kinds}


def _print_result(result: StatsResult, counts: Path, compare: Path | None, outside: dict | None = None) -> None:
    """A rich table of per-eval rates (and comparison; undecided/errored samples when the counts have any), then the
    aggregate lines."""
    from rich.console import Console
    from rich.table import Table

    from antischeme.stats import significance_mark

    console = wide_console()
    table = Table(title=f"Covert action rates — {counts.name}", title_justify="left")
    table.add_column("eval", overflow="ellipsis", no_wrap=True)
    table.add_column("agg", justify="center")
    for name in ("k/n", "rate", "mean [95% CI]"):
        table.add_column(name, justify="right", no_wrap=True)
    outside = outside or {}
    for name in outside:
        table.add_column(name, justify="right", no_wrap=True)
    other = {r.eval: r for r in result.compare.per_eval} if result.compare else {}
    if result.compare:
        for name in (f"k/n ({compare.name if compare else 'compare'})", "rate", "Fisher p"):
            table.add_column(name, justify="right", no_wrap=True)
    for row in result.per_eval:
        cells = [row.eval, "•" if row.headline else "", f"{row.k}/{row.n}", _pct(row.rate),
                 _interval(row.mean, row.lo, row.hi), *(str(outside[c].get(row.eval, 0)) for c in outside)]
        if result.compare:
            match = other.get(row.eval)
            if match is None:
                cells += ["—", "—", "—"]
            else:
                p = match.fisher_p
                cells += [f"{match.k}/{match.n}", _pct(match.rate),
                          "—" if p is None else f"{p:.3g} {significance_mark(p)}".rstrip()]
        table.add_row(*cells)
    if result.compare:
        for row in result.compare.per_eval:
            if row.fisher_p is None:
                table.add_row(row.eval, "", "—", "—", "—", *("—" for _ in outside), f"{row.k}/{row.n}",
                              _pct(row.rate), "—")
    console.print(table)
    agg = result.aggregate
    console.print(f"aggregate over {len(result.headline)} evals ({result.draws:,} draws, seed {result.seed}): "
                  f"[bold]{_interval(agg.mean, agg.lo, agg.hi)}[/]")
    if result.compare:
        c, d = result.compare.aggregate, result.compare.difference
        console.print(f"compare aggregate: [bold]{_interval(c.mean, c.lo, c.hi)}[/]")
        console.print(f"difference (counts − compare): [bold]{100 * d.mean:+.2f} pp "
                      f"[{100 * d.lo:+.2f}, {100 * d.hi:+.2f}][/], P(difference > 0) = {d.p_positive:.4f}")


def register(app: typer.Typer) -> None:
    @app.command("stats")
    def stats_command(
        counts: Annotated[Path, typer.Option("--counts", help="CSV with columns eval,n,k (k covert of n rollouts).")],
        compare: Annotated[
            Path | None,
            typer.Option("--compare", help="A second model's counts: adds Fisher p per eval and counts − compare."),
        ] = None,
        seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the Monte Carlo draws.")] = 0,
        out: Annotated[
            Path | None, typer.Option("--out", help="JSON output (default: stats.json next to the counts file).")
        ] = None,
        headline: Annotated[
            str | None,
            typer.Option("--headline", help="Comma-separated evals to aggregate (default: the paper's 20 rows; "
                                            "family ids, paper titles or hyphenated names).",
                         callback=headline_names),
        ] = None,
        draws: Annotated[int, typer.Option("--draws", min=1, help="Monte Carlo draws per evaluation.")] = 1_000_000,
    ) -> None:
        """Per-eval Beta posteriors, the equal-weight Monte Carlo aggregate and (with --compare) Fisher tests."""
        from rich.console import Console

        from antischeme.commands._errors import fail, say_error
        from antischeme.stats import (
            CountsError,
            HeadlineError,
            analyse_counts,
            parse_headline,
            read_counts,
            save_result,
        )

        target = out if out is not None else counts.parent / "stats.json"
        inputs = {p.resolve() for p in (counts, compare) if p is not None}
        if target.resolve() in inputs:
            fail(f"output {target} would overwrite an input file; pass --out with another path")
        if target.is_dir():
            fail(f"output {target} is a directory; pass --out with a file path")
        try:
            table = read_counts(counts)
            other = read_counts(compare) if compare is not None else None
            result = analyse_counts(table, other, headline=parse_headline(headline), seed=seed, draws=draws)
        except (CountsError, HeadlineError) as err:
            fail(str(err))
        named = set(parse_headline(headline) or [])  # evaluations the user named on purpose are not warned about
        for frame, source in ((table, counts), (other, compare)):
            if frame is not None:
                warn_unknown_evals([e for e in frame["eval"] if e not in named], str(source))
        selection_note = None
        if result.missing_headline:
            selection_note = (f"aggregate over {len(result.headline)} of 20 headline evaluations; "
                              f"missing: {', '.join(result.missing_headline)}")
        outside = _not_counted(result)
        _print_result(result, counts, compare, outside)
        if selection_note:
            Console(stderr=True).print(f"[yellow]warning:[/] {selection_note}", highlight=False, soft_wrap=True)
        if outside:
            said = ", ".join(f"{sum(v.values())} {c}" for c, v in outside.items())
            say_error(f"{said} sample(s) are not in n: the rates are over decided samples only", prefix="warning")
        try:
            save_result(result, target)
        except OSError as err:
            fail(f"cannot write {target}: {err.strerror or err}")
        Console().print(f"wrote {target}", highlight=False)
