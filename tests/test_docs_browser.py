"""The HTML site in a real browser: headless Chromium renders pages and runs the search.

Needs Debian's ``chromium`` (``apt-get install -y chromium``); skipped without it.
Screenshots go to ``<repo>/artifacts/`` (gitignored) for people to look at.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from codegen.model.build import build_model
from codegen.render.docs import render_docs
from codegen.views import view_service

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    service = build_model(ROOT / "spec").services[0]
    out = tmp_path_factory.mktemp("docs")
    for rel, text in render_docs(view_service(service)).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return out / "site" / service.config.package


def _chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1280,2000",
        "--virtual-time-budget=3000",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_operation_page_renders_title_tables_and_diagram(site: Path, tmp_path: Path) -> None:
    page = site / "operations" / "CreateHyperParameterTuningJob.html"
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert "<h1>CreateHyperParameterTuningJob</h1>" in dom
    assert 'id="request-table"' in dom and 'id="response-table"' in dom
    assert "<code>hyper_parameter_tuning_job_name</code>" in dom
    assert "<svg" in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "docs-operation.png"
    _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.stat().st_size > 10_000


def test_index_search_filters_listings_and_shows_results(site: Path, tmp_path: Path) -> None:
    index = site / "index.html"
    dom = _chromium(tmp_path, "--dump-dom", index.as_uri() + "?q=describe")
    assert "Amazon SageMaker Service</h1>" in dom
    results = dom.split('id="search-results"')[1].split("</ul>")[0]
    assert 'data-count="1"' in results and "DescribeHyperParameterTuningJob" in results
    # Listing entries that do not match are hidden; matching ones stay visible.
    assert '<li data-name="ListHyperParameterTuningJobs" hidden="">' in dom
    assert '<li data-name="DescribeHyperParameterTuningJob">' in dom
    unfiltered = _chromium(tmp_path, "--dump-dom", index.as_uri())
    assert 'hidden="">' not in unfiltered.split('id="operations"')[1]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "docs-index-search.png"
    _chromium(tmp_path, f"--screenshot={shot}", index.as_uri() + "?q=tuning")
    assert shot.stat().st_size > 10_000
