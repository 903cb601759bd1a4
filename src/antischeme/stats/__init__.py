"""Paper-faithful statistics: Beta posteriors per evaluation, the Monte Carlo headline aggregate, Fisher tests."""

from antischeme.stats._analyse import analyse_counts, common_headline, eval_rates, headline_draws, with_fisher
from antischeme.stats._conditional import (
    MissingColumnError,
    awareness_rate,
    binomial_rates,
    covert_by_awareness,
    covert_by_category,
    over_escalation_rate,
    per_sample_graded,
    spec_citation_rate,
)
from antischeme.stats._counts import CountsError, CountRow, read_counts, validate_counts, write_counts
from antischeme.stats._fisher import fisher_pvalues, significance_mark
from antischeme.stats._headline import (
    HEADLINE_EVALS,
    NON_HEADLINE_EVALS,
    HeadlineError,
    HeadlineSelection,
    parse_headline,
    select_headline,
)
from antischeme.stats._montecarlo import (
    DEFAULT_DRAWS,
    Difference,
    Interval,
    aggregate_draws,
    seed_for,
    summarise,
    summarise_difference,
)
from antischeme.stats._posterior import beta_parameters, posterior_summary, with_posterior
from antischeme.stats._results import ComparedRate, Comparison, EvalRate, StatsResult, save_result

__all__ = [
    "DEFAULT_DRAWS", "HEADLINE_EVALS", "NON_HEADLINE_EVALS", "ComparedRate", "Comparison", "CountRow",
    "CountsError", "Difference", "EvalRate", "HeadlineError", "HeadlineSelection", "Interval",
    "MissingColumnError", "StatsResult", "aggregate_draws", "analyse_counts", "awareness_rate", "beta_parameters",
    "binomial_rates", "common_headline", "covert_by_awareness", "covert_by_category", "eval_rates",
    "fisher_pvalues", "headline_draws", "over_escalation_rate", "parse_headline", "per_sample_graded",
    "posterior_summary", "read_counts", "save_result", "seed_for", "select_headline", "significance_mark",
    "spec_citation_rate", "summarise", "summarise_difference", "validate_counts", "with_fisher",
    "with_posterior", "write_counts",
]
