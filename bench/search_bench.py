"""Search benchmark: time from keyup to rendered results in Chromium, and index bytes per
language, on this site and on a generated copy with every page repeated N times (10x). Also the
first query after a page load: the search index and worker load only when the reader first
turns to search (hooks/bundle_patches.py), so the first query pays for them; it is timed from
the click into the search box to the results, on a fresh page with an empty cache each round.

    .venv/bin/python bench/search_bench.py            # 1x and 10x, prints a table
    .venv/bin/python bench/search_bench.py --factors 1 --rounds 3

A script that prints figures, not a test: nothing here passes or fails on a number. The
target is a median of 50 ms or less at 1x on the CI machine. Sites are built into a
temporary folder (never ./site), without --strict: the figures are about search, and the
generated pages are not in the navigation.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.browser import CHROMIUM_ARGS, chromium_executable  # noqa: E402
from tools.builds import copy_project  # noqa: E402
from tools.site_server import SiteServer  # noqa: E402

QUERIES = {
    "ko": [
        "텐서플로우",
        "텐서플로우가",
        "파이토치로",
        "케라스의 모델",
        "넘파이",
        "pytorch",
        "tf.keras를",
        "데이터 흐름 그래프",
        "즉시 실행",
        "텐서보드",
        "역전파",
        "그래프",
        "모델",
        "학습",
        "케",
        "텐서",
        "GPU",
        "define by run",
        "구글이",
        "함수형 API",
    ],
    "en": [
        "tensorflow",
        "pytorch",
        "keras",
        "graph",
        "training",
        "install",
        "eager execution",
        "tensorboard",
        "sequential",
        "numpy",
        "model",
        "gpu",
        "t",
        "te",
        "backend",
        "define by run",
        "functional api",
        "텐서플로우",
        "linux foundation",
        "layer",
    ],
}

# Runs in the page: set the query, dispatch keyup as typing does, and time until the result
# list has been rewritten (MutationObserver) and until the next frame has been drawn.
MEASURE_JS = """
async ([query, placeholder]) => {
  const input = document.querySelector("input.md-search__input")
  const meta = document.querySelector(".md-search-result__meta")
  const until = (test) => new Promise(resolve => {
    if (test()) return resolve()
    const obs = new MutationObserver(() => { if (test()) { obs.disconnect(); resolve() } })
    obs.observe(meta, { childList: true, characterData: true, subtree: true })
  })
  input.value = ""
  input.dispatchEvent(new KeyboardEvent("keyup", { key: "Backspace" }))
  await until(() => meta.textContent.trim() === placeholder)
  const list = document.querySelector(".md-search-result__list")
  input.value = query
  const t0 = performance.now()
  input.dispatchEvent(new KeyboardEvent("keyup", { key: "End" }))
  await until(() => meta.textContent.trim() !== placeholder)
  const dom = performance.now() - t0
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)))
  return { dom, frame: performance.now() - t0, results: list.children.length }
}
"""


def multiply_pages(project: Path, factor: int) -> int:
    """Repeat every page (both languages) factor - 1 more times, each copy of the docs in a
    folder of its own (docs/copy1/keras.md, docs/copy1/code/autodiff.md, ...) so that
    relative links still resolve and the build's per-page checks see ordinary pages."""
    docs = project / "docs"
    pages = [p for p in sorted(docs.rglob("*.md")) if p.relative_to(docs).parts[0] != "assets"]
    made = 0
    for k in range(1, factor):
        for page in pages:
            target = docs / f"copy{k}" / page.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.read_bytes())
            made += 1
    return made


def make_stock(project: Path) -> None:
    """Turn a project copy back into stock Material search: no hook, no config block."""
    yml = project / "mkdocs.yml"
    yml.write_text(
        "".join(
            line
            for line in yml.read_text(encoding="utf-8").splitlines(True)
            if "hooks/search_ko.py" not in line
        ),
        encoding="utf-8",
    )
    main = project / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    start = text.index("{#-\n  Search in the reader's language")
    end = text.index("{% endblock %}", text.index("{% block config %}")) + len("{% endblock %}")
    main.write_text(text[:start] + text[end:], encoding="utf-8")


def build(project: Path, site: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "I18N_FALLBACK"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"build of {project} failed:\n{proc.stdout}{proc.stderr}")
    return time.perf_counter() - start


def index_sizes(site: Path) -> dict[str, tuple[int, int, int]]:
    """language -> (documents, bytes, gzip bytes) of its search index."""
    out = {}
    for lang, path in (("ko", site / "search"), ("en", site / "en" / "search")):
        if not (path / "search_index.json").is_file():  # stock: one index for both
            path = site / "search"
        raw = (path / "search_index.json").read_bytes()
        docs = len(json.loads(raw)["docs"])
        out[lang] = (docs, len(raw), len(gzip.compress(raw, 6)))
    return out


# Runs in the page: has the result line stopped saying "type to search" / "initializing"?
ANSWERED_JS = """([placeholder, initializer]) => {
  const meta = document.querySelector(".md-search-result__meta")
  const text = meta ? meta.textContent.trim() : initializer
  return text !== placeholder && text !== initializer
}"""

# Material has started (its start-up runs in slices after the load event; tests/conftest.py)
STARTED_JS = (
    "() => document.readyState === 'complete' && typeof window.__md_idle === 'function'"
    " && window.__md_idle()"
)


def first_queries(browser, base: str, prefix: str, query: str, rounds: int) -> list[float]:
    """ms from the click into the search box of a freshly loaded page (empty cache) until the
    results of a query typed at once are in the DOM: index download, worker start, indexing,
    first search."""
    times = []
    for _ in range(rounds):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + prefix)
        page.wait_for_function(STARTED_JS, timeout=60_000)
        config = json.loads(page.locator("#__config").text_content())
        placeholder = config["translations"]["search.result.placeholder"]
        initializer = page.locator(".md-search-result__meta").text_content().strip()
        field = page.locator("input.md-search__input")
        start = time.perf_counter()
        field.click()
        field.fill(query)
        field.press("End")
        page.wait_for_function(ANSWERED_JS, arg=[placeholder, initializer], timeout=60_000)
        times.append((time.perf_counter() - start) * 1000)
        context.close()
    return times


def measure(site: Path, rounds: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    out = {}
    with SiteServer(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for lang, prefix in (("ko", "/"), ("en", "/en/")):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors = []
            page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
            start = time.perf_counter()
            page.goto(base + prefix)
            config = json.loads(page.locator("#__config").text_content())
            placeholder = config["translations"]["search.result.placeholder"]
            page.locator("input.md-search__input").click()
            page.wait_for_function(
                "p => document.querySelector('.md-search-result__meta').textContent.trim() === p",
                arg=placeholder,
                timeout=60_000,
            )
            ready = (time.perf_counter() - start) * 1000
            for query in QUERIES[lang][:3]:  # warm-up: JIT, first layout of the result list
                page.evaluate(MEASURE_JS, [query, placeholder])
            dom, frame, hits = [], [], 0
            for _ in range(rounds):
                for query in QUERIES[lang]:
                    r = page.evaluate(MEASURE_JS, [query, placeholder])
                    dom.append(r["dom"])
                    frame.append(r["frame"])
                    hits += r["results"] > 0
            page.close()
            first = first_queries(browser, base, prefix, QUERIES[lang][0], rounds)
            out[lang] = {
                "ready": ready,
                "first": first,
                "dom": dom,
                "frame": frame,
                "hits": hits,
                "errors": errors,
            }
        browser.close()
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--factors",
        type=int,
        nargs="+",
        default=[1, 10],
        help="page multipliers to measure (default: 1 10)",
    )
    parser.add_argument("--rounds", type=int, default=5, help="passes over the queries")
    parser.add_argument(
        "--stock",
        action="store_true",
        help="also measure stock Material search (one index, no Korean "
        "normalisation) for comparison",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    rows = []
    runs = [(factor, False) for factor in args.factors]
    if args.stock:
        runs += [(factor, True) for factor in args.factors]
    try:
        for factor, stock in runs:
            name = f"{factor}x" + (" stock" if stock else "")
            if factor == 1 and not stock:
                project = ROOT
            else:
                project = copy_project(work / f"project-{name.replace(' ', '-')}")
                multiply_pages(project, factor)
                if stock:
                    make_stock(project)
            site = work / f"site-{name.replace(' ', '-')}"
            seconds = build(project, site)
            sizes = index_sizes(site)
            timings = measure(site, args.rounds)
            for lang in ("ko", "en"):
                t = timings[lang]
                rows.append(
                    {
                        "site": name,
                        "lang": lang,
                        "build_s": seconds,
                        "docs": sizes[lang][0],
                        "bytes": sizes[lang][1],
                        "gzip": sizes[lang][2],
                        "ready": t["ready"],
                        "first": statistics.median(t["first"]),
                        "first_max": max(t["first"]),
                        "median": statistics.median(t["dom"]),
                        "p95": p95(t["dom"]),
                        "frame_median": statistics.median(t["frame"]),
                        "frame_p95": p95(t["frame"]),
                        "n": len(t["dom"]),
                        "hits": t["hits"],
                        "errors": len(t["errors"]),
                    }
                )
    finally:
        if args.keep:
            print(f"sites kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print("Search: keyup -> results in the DOM (and -> next frame drawn), Chromium headless")
    print(
        "first query: click into the search box of a fresh page (empty cache) -> results of "
        f"{QUERIES['ko'][0]!r} / {QUERIES['en'][0]!r} in the DOM, median of the rounds"
    )
    head = (
        "site",
        "lang",
        "index docs",
        "index bytes",
        "gzip",
        "ready ms",
        "first query ms (max)",
        "median ms",
        "p95 ms",
        "frame median",
        "frame p95",
        "queries",
        "errors",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print(
            f"| {r['site']} | {r['lang']} | {r['docs']} | {r['bytes']:,} | {r['gzip']:,} | "
            f"{r['ready']:.0f} | {r['first']:.0f} ({r['first_max']:.0f}) | "
            f"{r['median']:.1f} | {r['p95']:.1f} | "
            f"{r['frame_median']:.1f} | {r['frame_p95']:.1f} | {r['n']} ({r['hits']} hit) | "
            f"{r['errors']} |"
        )
    base = {r["lang"]: r for r in rows if r["site"] == "1x"}
    for r in rows:
        if r["site"] != "1x" and r["lang"] in base:
            b = base[r["lang"]]
            print(
                f"{r['site']} / 1x ({r['lang']}): index bytes x{r['bytes'] / b['bytes']:.1f}, "
                f"median x{r['median'] / b['median']:.1f}, p95 x{r['p95'] / b['p95']:.1f}, "
                f"ready x{r['ready'] / b['ready']:.1f}, first query x{r['first'] / b['first']:.1f}"
            )
    target = [r for r in rows if r["site"] == "1x"]
    if target:
        worst = max(r["median"] for r in target)
        print(
            f"target median <= 50 ms at 1x: {'met' if worst <= 50 else 'NOT met'} "
            f"(worst median {worst:.1f} ms on this machine)"
        )


if __name__ == "__main__":
    main()
