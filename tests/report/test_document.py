"""Rendering sections: HTML is escaped and self-contained, Markdown tables survive awkward cell text."""

from __future__ import annotations

import pandas as pd

from antischeme.report._document import Section, html_table, markdown_table, render_html, render_markdown

TABLE = pd.DataFrame({"Evaluation": ["Lazy <b>Checklist</b>", "Aggregate (1 eval)"],
                      "a|b": ["12.0 → 0.0 ***", "3.0 → 9.0 *"]})


def test_html_table_escapes_text_and_marks_changes() -> None:
    out = html_table(TABLE, "t")
    assert out.startswith('<table id="t">')
    assert "Lazy &lt;b&gt;Checklist&lt;/b&gt;" in out and "<b>" not in out
    assert '<td class="down">12.0 → 0.0 ***</td>' in out
    assert '<td class="up">3.0 → 9.0 *</td>' in out
    assert '<tr class="total">' in out


def test_markdown_table_escapes_pipes_and_aligns_numbers_right() -> None:
    lines = markdown_table(TABLE).splitlines()
    assert lines[0] == "| Evaluation | a\\|b |"
    assert lines[1] == "|:---|---:|"
    assert len(lines) == 4


def test_documents_embed_images_inline_and_link_them_in_markdown() -> None:
    sec = Section("Rates", "text", TABLE, "fig.png", "caption", notes=["n1", "n2"])
    html = render_html("Title", ["meta"], [sec], {"fig.png": b"\x89PNG fake"})
    assert "src='data:image/png;base64,iVBORyBmYWtl'" in html and "fig.png'" not in html
    md = render_markdown("Title", ["meta"], [sec])
    assert "![Rates](fig.png)" in md
    assert "> Note: n1\n\n> Note: n2" in md
