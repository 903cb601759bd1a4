"""The report: Inspect logs → labelled sample table → paper-style tables, figures, HTML and Markdown."""

from antischeme.report._analysis import ReportData, analyse_samples, secondary_rates
from antischeme.report._build import ReportFiles, build_report, write_report
from antischeme.report._counterfactual import aggregate_results, counterfactual_verdicts
from antischeme.report._counts import counts_by_label, counts_from_logs, counts_from_samples, tally
from antischeme.report._inputs import label_order, load_labelled, parse_label
from antischeme.report._samples import LogError, log_files, read_samples
from antischeme.report._table import aggregate_table, detail_table, figure9_table

__all__ = [
    "LogError", "ReportData", "aggregate_results", "counterfactual_verdicts", "tally", "ReportFiles", "aggregate_table", "analyse_samples", "build_report",
    "counts_by_label", "counts_from_logs", "counts_from_samples", "detail_table", "figure9_table", "label_order",
    "load_labelled", "log_files", "parse_label", "read_samples", "secondary_rates", "write_report",
]
