"""Lighthouse (mobile) scores 100 for accessibility, best practices and SEO on both home pages,
a framework page, the matrix page and a code page, in both languages, served with gzip as
GitHub Pages serves them. Performance is measured by bench/perf_bench.py, not tested.

The ten runs happen once per session, two at a time (about 15 s each).
"""

from __future__ import annotations

import pytest

from tools.lighthouse import PAGES, failing_audits, run_lighthouse

CATEGORIES = ["accessibility", "best-practices", "seo"]


def built_file(site, path):
    return site / path / "index.html"


@pytest.fixture(scope="session")
def lighthouse_reports(site_server, built_site) -> dict[str, dict]:
    """Two runs at a time (one per core): these categories do not depend on timing, which only
    the performance score, measured by bench/perf_bench.py one run at a time, does."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [path for path in PAGES if built_file(built_site, path).is_file()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = pool.map(lambda path: run_lighthouse(f"{site_server}/{path}", CATEGORIES), paths)
        return dict(zip(paths, found, strict=True))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: "/" + p)
def test_lighthouse_scores_100(lighthouse_reports, built_site, path):
    assert built_file(built_site, path).is_file(), (
        f"/{path} was not built: the page this test measures is missing from docs/"
    )
    report = lighthouse_reports[path]
    assert report["finalDisplayedUrl"].endswith("/" + path), report["finalDisplayedUrl"]
    problems = []
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        if score != 1:
            problems.append(f"{category}: {round(score * 100)}")
            problems += [f"    {line}" for line in failing_audits(report, category)]
    assert not problems, f"Lighthouse on /{path}:\n" + "\n".join(problems)
