"""report.html renders in headless Chromium: a screenshot is produced and the page holds the per-eval table."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from matplotlib import image

from antischeme.report import build_report, load_labelled

from .synthetic_logs import Rollout, write_log

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (Debian: apt-get install chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("logs")
    for model, k, aware in (("m/base", 15, False), ("m/trained", 0, True)):
        for family in ("lazy_checklist", "sabotage_safety"):
            rows = [Rollout(covert=i < k, aware=aware and i % 3 == 0, cites=i % 2 == 0) for i in range(30)]
            write_log(root / model / f"{family}.eval", model, family, rows)
    samples = load_labelled([], [f"before={root / 'm/base'}", f"after={root / 'm/trained'}"])
    return build_report(samples, tmp_path_factory.mktemp("report"), draws=10_000).html


def test_screenshot_is_produced(report_html: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    run = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,2000", report_html.as_uri())
    assert shot.is_file(), run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a blank page compresses far smaller
    pixels = image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (2000, 1400)
    assert (pixels.min(axis=-1) < 0.8).mean() > 0.02  # text, table borders and figures, not an empty page


def test_rendered_page_contains_the_table(report_html: Path, tmp_path: Path) -> None:
    run = _chromium(tmp_path, "--dump-dom", report_html.as_uri())
    dom = run.stdout
    assert '<table id="figure9">' in dom, run.stderr[-2000:]
    table = dom.split('<table id="figure9">', 1)[1].split("</table>", 1)[0]
    assert "<th>before</th>" in table and "<th>after</th>" in table
    assert "Lazy Checklist" in table and "50.0 → 0.0 ***" in table
    assert dom.count("data:image/png;base64,") >= 5
