"""The report as an ordered list of sections, rendered to self-contained HTML or to Markdown."""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field

import pandas as pd

_CHANGE = re.compile(r"^([\d.]+) → ([\d.]+) \*")


@dataclass
class Section:
    """A heading with optional text, notes, a table and a figure (by PNG file name)."""

    title: str
    text: str = ""
    table: pd.DataFrame | None = None
    figure: str | None = None
    caption: str = ""
    notes: list[str] = field(default_factory=list)
    table_id: str | None = None
    figure_folded: bool = False
    """In HTML, put the figure in a closed <details> element (e.g. an image of a table already shown)."""


def _cell_class(text: str) -> str:
    found = _CHANGE.match(text)
    if not found:
        return ""
    return "down" if float(found.group(2)) < float(found.group(1)) else "up"


def html_table(frame: pd.DataFrame, table_id: str | None = None) -> str:
    """An escaped HTML table; significant changes get class ``down`` or ``up``; an aggregate row is bold."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.astype(str).itertuples(index=False):
        is_total = record[0].startswith("Aggregate")
        cells = "".join(
            f'<td class="{_cell_class(v)}">{html.escape(v)}</td>' if _cell_class(v) else f"<td>{html.escape(v)}</td>"
            for v in record
        )
        rows.append(f'<tr class="total">{cells}</tr>' if is_total else f"<tr>{cells}</tr>")
    ident = f' id="{html.escape(table_id)}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


_STYLE = """
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;
color:#222;line-height:1.45;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:center}th{background:#eee}
td:first-child{text-align:left}tr.total td{font-weight:bold;background:#fafafa}
#flagged td{white-space:pre-wrap;text-align:left;vertical-align:top;max-width:40em;font-size:.85em}
td.down{background:#d9f0d3}td.up{background:#f8d5d0}
figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}
figcaption,.meta{color:#555;font-size:.9em}.note{color:#8a6d00}
"""


def render_html(title: str, meta: list[str], sections: list[Section], images: dict[str, bytes]) -> str:
    """One HTML file: inline CSS, figures embedded as base64 PNG."""
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"]
    parts += [f"<p class='meta'>{html.escape(line)}</p>" for line in meta]
    for sec in sections:
        parts.append(f"<h2>{html.escape(sec.title)}</h2>")
        if sec.text:
            parts.append(f"<p>{html.escape(sec.text)}</p>")
        parts += [f"<p class='note'>Note: {html.escape(n)}</p>" for n in sec.notes]
        if sec.table is not None and not sec.table.empty:
            parts.append(html_table(sec.table, sec.table_id))
        if sec.figure and sec.figure in images:
            data = base64.b64encode(images[sec.figure]).decode("ascii")
            figure = (f"<figure><img alt='{html.escape(sec.title)}' src='data:image/png;base64,{data}'>"
                      f"<figcaption>{html.escape(sec.caption)}</figcaption></figure>")
            if sec.figure_folded:
                figure = f"<details><summary>{html.escape(sec.caption)}</summary>{figure}</details>"
            parts.append(figure)
    parts.append("</body></html>")
    return "\n".join(parts)


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub pipe table (pipes in cells escaped)."""
    def esc(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    def align(column: str) -> str:
        numeric = frame[column].astype(str).str.match(r"^[-+—\d.]").all()
        return "---:" if numeric and len(frame) else ":---"

    lines = ["| " + " | ".join(esc(c) for c in frame.columns) + " |",
             "|" + "|".join(align(c) for c in frame.columns) + "|"]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def render_markdown(title: str, meta: list[str], sections: list[Section]) -> str:
    """Markdown with tables inline and figures linked as PNG files beside it."""
    parts = [f"# {title}", "", *[f"_{line}_  " for line in meta], ""]
    for sec in sections:
        parts += [f"## {sec.title}", ""]
        if sec.text:
            parts += [sec.text, ""]
        for note in sec.notes:
            parts += [f"> Note: {note}", ""]
        if sec.table is not None and not sec.table.empty:
            parts += [markdown_table(sec.table), ""]
        if sec.figure:
            parts += [f"![{sec.title}]({sec.figure})", "", f"_{sec.caption}_" if sec.caption else "", ""]
    return "\n".join(parts).rstrip() + "\n"
