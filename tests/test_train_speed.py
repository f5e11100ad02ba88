"""The training-speed benchmark (bench/train_speed.py) and its page (docs/speed.md, rendered by
hooks/speed_page.py from data/train_speed.json).

* ``--quick`` runs every variant (into a temporary file, never the committed one): each ran and
  its loss fell.
* The committed data file is valid against the schema and covers every model and variant.
* The built page's tables hold the figures recomputed here, independently, from the raw repeats;
  the verdict and the charts agree with them.
* A broken data file (a missing field, an unknown variant, a figure that is not a number) stops
  the build, naming the file and the field.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, run_build

sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "bench"))
import train_speed

import speed_page

DATA = ROOT / speed_page.DATA_FILE
LANG_DIRS = {"ko": "speed", "en": "en/speed"}
# tiny, one thread per framework and two processes at a time: a check that everything runs,
# not a measurement
QUICK = ["--quick", "--threads", "1", "--jobs", "2"]


def committed() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


# --- the benchmark itself ---------------------------------------------------------------------
@pytest.mark.snippets  # runs every framework: slow (~1.5 min), left out of `make test-fast`
def test_quick_run_measures_every_variant_and_the_loss_falls(tmp_path):
    out = tmp_path / "speed.json"
    proc = subprocess.run(
        [sys.executable, "bench/train_speed.py", *QUICK, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert out.is_file(), proc.stderr[-4000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert speed_page.check_data(data, str(out)) == []
    assert data["configuration"]["models"] == ["mlp"]
    got = {(r["model"], r["variant"]): r for r in data["results"]}
    assert set(got) == {("mlp", v) for v in speed_page.VARIANTS}
    failed = {k: r["error"] for k, r in got.items() if r["status"] != "ok"}
    assert failed == {}, failed
    for (model, variant), r in got.items():
        assert r["params"] == speed_page.MODELS[model]["params"]
        assert len(r["repeats"]) >= 5
        assert r["loss_last"] < r["loss_first"], f"{variant}: the loss did not fall: {r}"
    # never silent: one result line per variant on stderr
    for variant in speed_page.VARIANTS:
        assert f"[{variant} · mlp]" in proc.stderr


def test_a_model_with_other_parameters_fails_its_variant_before_timing():
    with pytest.raises(train_speed.ParamMismatch, match="4,811 parameters, expected 4,810"):
        train_speed.check_params("mlp", 4811)


# --- the committed data file ----------------------------------------------------------------------
def test_committed_data_file_is_valid_and_complete():
    data = committed()
    assert speed_page.check_data(data) == []
    config = data["configuration"]
    assert config["models"] == list(speed_page.MODELS), "the committed run covers every model"
    assert config["variants"] == list(speed_page.VARIANTS), "and every variant"
    assert config["device"] == "cpu"
    for key in ("tensorflow", "keras", "torch", "jax"):
        assert data["versions"][key], f"no {key} version recorded"
    assert data["machine"]["cores"] >= 1 and data["machine"]["cpu"]


# --- recomputed here, not with the hook's functions -------------------------------------------------
def recompute(data: dict) -> dict:
    batch = data["configuration"]["batch_size"]
    out: dict = {}
    for r in data["results"]:
        if r["status"] != "ok":
            out[(r["model"], r["variant"])] = {"error": r["error"]}
            continue
        rates = [x["steps"] / x["seconds"] for x in r["repeats"]]
        out[(r["model"], r["variant"])] = {
            "median": statistics.median(rates),
            "lo": min(rates),
            "hi": max(rates),
            "samples": statistics.median(rates) * batch,
            "warmup_s": r["warmup_s"],
        }
    for (model, _), f in out.items():
        base = out.get((model, "pytorch-eager"), {}).get("median")
        if "median" in f:
            f["ratio"] = f["median"] / base if base else None
    return out


class Rows(HTMLParser):
    """The rows of the speed tables: (model, variant) -> [(text, data-value, data-status)]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: dict = {}
        self.svgs: list[dict] = []
        self.verdict: str | None = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-variant" in a:
            self._row = self.rows.setdefault((a["data-model"], a["data-variant"]), [])
        elif tag in ("td", "th") and self._row is not None:
            self._cell = [[], a.get("data-value"), a.get("data-status")]
        elif tag == "svg":
            self.svgs.append(a)
        elif tag == "p" and "data-verdict" in a:
            self.verdict = a["data-verdict"]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text, value, status = self._cell
            self._row.append((re.sub(r"\s+", " ", "".join(text)).strip(), value, status))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0].append(data)


def built_speed_page(site: Path, lang: str) -> Rows:
    path = site / LANG_DIRS[lang] / "index.html"
    assert path.is_file(), f"{path} was not built: is speed.md in the nav?"
    reader = Rows()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def shows(text: str, value: float) -> bool:
    """`text` is `value` as displayed: equal within the rounding of its decimals."""
    number = text.replace(",", "").rstrip("×")
    decimals = len(number.split(".")[1]) if "." in number else 0
    if "e" in number:
        return abs(float(number) - value) <= abs(value) * 0.01
    return abs(float(number) - value) <= 0.5 * 10**-decimals + 1e-9 * abs(value)


@pytest.mark.parametrize("lang", list(LANG_DIRS))
def test_page_tables_hold_the_figures_of_the_data_file(built_site, lang):
    data = committed()
    expected = recompute(data)
    page = built_speed_page(built_site, lang)
    assert set(page.rows) == set(expected), "every measured (model, variant) has its row"
    for key, f in expected.items():
        cells = page.rows[key]
        assert cells[0][0] == speed_page.VARIANT_LABELS[key[1]][lang]
        if "error" in f:
            shown = speed_page.first_line(f["error"])
            assert cells[1][2] == "failed" and shown in cells[1][0], (key, cells)
            continue
        ratio, steps, samples, warmup = cells[1], cells[2], cells[3], cells[4]
        if f["ratio"] is None:
            assert ratio[0] == "–"
        else:
            assert float(ratio[1]) == pytest.approx(f["ratio"], rel=1e-9), key
            assert shows(ratio[0], f["ratio"]), (key, ratio[0], f["ratio"])
        assert float(steps[1]) == pytest.approx(f["median"], rel=1e-9), key
        median, lo, hi = re.fullmatch(r"(\S+) \((\S+)–(\S+)\)", steps[0]).groups()
        assert shows(median, f["median"]) and shows(lo, f["lo"]) and shows(hi, f["hi"]), steps
        assert float(samples[1]) == pytest.approx(f["samples"], rel=1e-9)
        assert shows(samples[0], f["samples"]), samples
        assert float(warmup[1]) == pytest.approx(f["warmup_s"], rel=1e-9)


@pytest.mark.parametrize("lang", list(LANG_DIRS))
def test_page_verdict_and_charts_follow_the_data(built_site, lang):
    data = committed()
    expected = recompute(data)
    models = data["configuration"]["models"]
    outcomes = []
    for model in models:
        best = {}
        for side in ("pytorch", "tensorflow"):
            medians = [
                f["median"]
                for (m, v), f in expected.items()
                if m == model and v.startswith(side + "-") and "median" in f
            ]
            best[side] = max(medians, default=None)
        if best["pytorch"] and best["tensorflow"]:
            outcomes.append(best["pytorch"] / best["tensorflow"] > 1.1)
    overall = (
        "nothing"
        if not outcomes
        else "all"
        if all(outcomes)
        else "none"
        if not any(outcomes)
        else "mixed"
    )
    page = built_speed_page(built_site, lang)
    assert page.verdict == overall
    html = (built_site / LANG_DIRS[lang] / "index.html").read_text(encoding="utf-8")
    # one accessible chart per model with a baseline: a label that names every variant, colours
    # from the theme (currentColor, CSS variables), no script
    charts = [s for s in page.svgs if s.get("role") == "img" and "viewbox" in s]
    with_baseline = [m for m in models if expected.get((m, "pytorch-eager"), {}).get("median")]
    assert len(charts) == len(with_baseline)
    for svg in charts:
        for variant in data["configuration"]["variants"]:
            assert speed_page.VARIANT_LABELS[variant][lang] in svg["aria-label"]
    figures = re.findall(r'<figure class="diagram speed-chart".*?</figure>', html, re.DOTALL)
    assert len(figures) == len(with_baseline)
    for figure in figures:
        assert "<figcaption>" in figure and "<script" not in figure
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(", figure), "hard-coded colour"
        assert 'fill="currentColor"' in figure and "var(--md-" in figure


def test_page_says_where_the_figures_come_from_and_how_to_rerun(built_site):
    data = committed()
    for lang in LANG_DIRS:
        html = (built_site / LANG_DIRS[lang] / "index.html").read_text(encoding="utf-8")
        assert data["configuration"]["command"] in html.replace("&quot;", '"')
        assert data["machine"]["cpu"] in html
        assert "make bench-speed" in re.sub(r"<[^>]+>", "", html)  # highlighted in a code block
        assert "bench/train_speed.py --device cuda" in html
        assert 'id="gpu"' in html and 'id="verdict"' in html
    ko = (built_site / "speed" / "index.html").read_text(encoding="utf-8")
    assert "또한 학습 속도도 텐서플로우보다 빠르다." in ko
    if not (ROOT / speed_page.GPU_FILE).is_file():
        assert "GPU 수치는 아직 재지 않았습니다" in ko


# --- the schema, function by function ------------------------------------------------------------
def broken(change) -> list[str]:
    data = committed()
    change(data)
    return speed_page.check_data(data)


def test_missing_field_is_named():
    problems = broken(lambda d: d["machine"].pop("cpu"))
    assert problems == [f"{speed_page.DATA_FILE}: field 'machine.cpu' is missing. {speed_page.FIX}"]


def test_unknown_variant_is_named():
    def change(d):
        d["results"][0]["variant"] = "caffe-eager"

    problems = broken(change)
    assert any(
        "field 'results[0].variant': unknown variant 'caffe-eager'; known: tensorflow-eager" in p
        for p in problems
    ), problems


def test_non_numeric_figure_is_named():
    def change(d):
        ok = next(r for r in d["results"] if r["status"] == "ok")
        ok["repeats"][1]["seconds"] = "fast"

    problems = broken(change)
    assert (
        len(problems) == 1
        and "repeats[1].seconds' must be a number above 0, not 'fast'" in (problems[0])
    ), problems


def test_a_variant_left_out_is_an_error():
    problems = broken(lambda d: d["results"].pop())
    assert len(problems) == 1 and "no entry for" in problems[0], problems
    assert "a failed one as failed" in problems[0]


def test_a_failed_variant_is_shown_with_its_error():
    data = committed()
    data["results"][0] = {
        "model": data["results"][0]["model"],
        "variant": data["results"][0]["variant"],
        "status": "failed",
        "error": "RuntimeError: no <GPU> here",
    }
    assert speed_page.check_data(data) == []
    for lang in ("ko", "en"):
        html = speed_page.render_tables(data, lang)
        assert "RuntimeError: no &lt;GPU&gt; here" in html
        assert speed_page.UI[lang]["failed"] in speed_page.render_chart(data, lang)
        assert "RuntimeError" not in speed_page.render_headline(data, lang)  # named, not quoted


def test_the_speed_page_without_a_marker_is_an_error():
    source = (ROOT / "docs" / "speed.md").read_text(encoding="utf-8")
    without = source.replace("<!-- train-speed: verdict -->", "")
    with pytest.raises(speed_page.SpeedDataError, match=r"docs/speed.md:1: .*verdict"):
        speed_page.expand_markers(without, "speed.md", "ko", committed(), None)
    probe = "# Probe {#probe}\n\n<!-- train-speed: gpus -->\n"
    with pytest.raises(speed_page.SpeedDataError, match=r"docs/probe.en.md:3: unknown marker"):
        speed_page.expand_markers(probe, "probe.en.md", "en", committed(), None)


# --- one full build of a copy with a broken data file ------------------------------------------
def test_a_broken_data_file_stops_the_build_naming_file_and_fields(tmp_path):
    project = copy_project(tmp_path / "project")
    data = committed()
    del data["date"]  # a missing field
    data["results"][1]["variant"] = "pytorch-jit"  # an unknown variant
    ok = next(i for i, r in enumerate(data["results"]) if r["status"] == "ok" and i != 1)
    data["results"][ok]["warmup_s"] = "12 s"  # a figure that is not a number
    (project / speed_page.DATA_FILE).write_text(json.dumps(data, indent=1), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0, result.log[-3000:]
    name = f"{data['results'][ok]['variant']} · {data['results'][ok]['model']}"
    for fragment in (
        "data/train_speed.json: field 'date' is missing.",
        "data/train_speed.json: field 'results[1].variant': unknown variant 'pytorch-jit'",
        f"data/train_speed.json: field 'results[{ok}] ({name}).warmup_s' must be a number "
        "above 0, not '12 s'",
        "Rerun `make bench-speed`",
    ):
        assert fragment in result.log, result.log[-3000:]
    assert not (tmp_path / "site" / "speed" / "index.html").exists()
