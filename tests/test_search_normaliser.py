"""The Korean search normaliser, in Python (hooks/search_ko.py, the build) and in JavaScript
(docs/assets/javascripts/workers/search-ko-normalise.js, the browser), on the same cases and
the same rules file (hooks/search_ko_rules.json), so the two cannot drift apart."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest
from mkdocs.exceptions import PluginError

from hooks import search_ko
from tests.conftest import ROOT

NORMALISE_JS = ROOT / "docs" / "assets" / "javascripts" / "workers" / "search-ko-normalise.js"
WORKER_JS = ROOT / "docs" / search_ko.WORKER

# (word, known stems, stem)
STEM_CASES = [
    ("텐서플로우가", ["텐서플로우"], "텐서플로우"),
    ("파이토치로", [], "파이토치"),
    ("케라스의", [], "케라스"),
    ("넘파이와", [], "넘파이"),
    ("데이터에서", [], "데이터"),
    ("그래프를", [], "그래프"),
    ("모델들은", [], "모델"),
    ("라이브러리이다", [], "라이브러리"),
    ("사용합니다", [], "사용"),
    ("효율적인", [], "효율"),
    ("것으로", [], "것으로"),  # no 1-syllable stem unless the pages use it
    ("것으로", ["것"], "것"),
    ("최적으로", [], "최적으로"),
    ("텐서플로는", [], "텐서플로"),
    ("텐서플로", [], "텐서플로"),  # ends in 로, but a spelling variant: never stripped
    ("평가", [], "평가"),  # 1-syllable rest and 1-syllable 'particle': a word
    ("정의", [], "정의"),
    ("데이", [], "데이"),  # typing 데이터: no stripping yet
    ("수는", ["수"], "수"),  # a known 1-syllable stem wins
    ("는", [], ""),  # a particle on its own
    ("에서", [], ""),
    ("모델", [], "모델"),
]

# (query, lexicon, known, normalised)
QUERY_CASES = [
    ("텐서플로우가", {}, ["텐서플로우"], "텐서플로우"),
    ("파이토치로", {}, [], "파이토치"),
    ("케라스의 모델", {"케라스의": "케라스"}, [], "케라스 모델"),
    ("케라스의 모델을", {}, [], "케라스 모델"),
    ("파이토치(PyTorch)는", {}, [], "파이토치(pytorch)"),
    ("tf.keras를", {}, [], "tf.keras"),
    ("PyTorch를 쓰려면", {}, [], "pytorch 쓰려면"),
    ("TensorFlow와 Keras", {}, [], "tensorflow keras"),
    ("MatMul이", {}, [], "matmul"),
    ("텐서플로우ㄱ", {}, [], "텐서플로우"),  # a syllable still being typed
    (unicodedata.normalize("NFD", "케라스의"), {}, [], "케라스"),  # decomposed Hangul (macOS)
    ("은 는 이 가", {}, [], ""),
    ("평가", {}, [], "평가"),
    ("정도로", {}, [], "정도"),
    ("텐서플로", {}, ["텐서플로"], "텐서플로"),
    ("원하는", {"원하는": "원"}, [], "원"),  # the build's decision wins
    ("install  training", {}, [], "install training"),
    ("🔥텐서플로우가🔥", {}, [], "🔥텐서플로우🔥"),
    ("<script>alert(1)</script>", {}, [], "<script>alert(1)</script>"),
    ("(.*)+ [a-z \\", {}, [], "(.*)+ [a-z \\"),
    ("+케라스의 -파이토치", {}, [], "+케라스 -파이토치"),
]

# (token, lexicon, known, index terms)
INDEX_CASES = [
    (
        "텐서플로우가",
        {"텐서플로우가": "텐서플로우"},
        [],
        ["텐서플로우가", "텐서플로우", "텐서플로", "tensorflow"],
    ),
    ("pytorch", {}, [], ["pytorch", "파이토치"]),
    ("numpy", {}, [], ["numpy", "넘파이"]),
    ("케라스를", {}, [], ["케라스를", "케라스", "keras"]),
    ("는", {"는": ""}, [], []),
    ("를", {}, [], []),
    ("모델", {}, [], ["모델"]),
    ("graph", {}, [], ["graph"]),
]

# the separator: (text, tokens)
TOKEN_CASES = [
    ("파이토치(PyTorch)는", ["파이토치", "pytorch", "는"]),
    ("tf.keras를", ["tf", "keras", "를"]),
    ("버전 2.0에서", ["버전", "2.0", "에서"]),
    ("&quot;시퀀스 모델&quot;", ["시퀀스", "모델"]),
    ("MatMul이 Add가", ["matmul", "이", "add", "가"]),
    ("텐서플로우·케라스…파이토치", ["텐서플로우", "케라스", "파이토치"]),
    ("define-by-run", ["define", "by", "run"]),
]


@pytest.fixture(scope="module")
def rules():
    return search_ko.load_rules()


@pytest.fixture(scope="module")
def norm(rules):
    return search_ko.Normaliser(rules)


@pytest.fixture(scope="module")
def js(rules):
    """Every case run through the JavaScript normaliser by Node, in one process."""
    node = shutil.which("node")
    assert node, "Node.js is needed to test the browser's normaliser (apt-get install nodejs)"
    cases = {
        "stem": STEM_CASES,
        "query": QUERY_CASES,
        "index": INDEX_CASES,
        "tokens": [text for text, _ in TOKEN_CASES],
        "highlight": [{"pytorch": True}, {"파이토": True}, {"keras": False, "모델": True}],
    }
    script = """
      const fs = require("fs")
      const { createNormaliser } = require(process.argv[1])
      const rules = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
      const cases = JSON.parse(fs.readFileSync(0, "utf8"))
      const n = createNormaliser(rules)
      const sep = new RegExp(rules.separator)
      console.log(JSON.stringify({
        stem: cases.stem.map(([w, known]) => n.stem(w, new Set(known))),
        query: cases.query.map(([q, lex, known]) => n.query(q, lex, new Set(known))),
        index: cases.index.map(([w, lex, known]) => n.indexTerms(w, lex, new Set(known))),
        tokens: cases.tokens.map(t => t.split(sep).filter(Boolean).map(s => s.toLowerCase())),
        highlight: cases.highlight.map(t => n.highlightTerms(t)),
      }))
    """
    proc = subprocess.run(
        [node, "-e", script, str(NORMALISE_JS), str(search_ko.RULES_FILE)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# --- the same cases in both languages -------------------------------------------------------
@pytest.mark.parametrize("i", range(len(STEM_CASES)), ids=[c[0] for c in STEM_CASES])
def test_stem(norm, js, i):
    word, known, expected = STEM_CASES[i]
    assert norm.stem(word, set(known)) == expected
    assert js["stem"][i] == expected


@pytest.mark.parametrize("i", range(len(QUERY_CASES)), ids=[c[0] for c in QUERY_CASES])
def test_query(norm, js, i):
    q, lexicon, known, expected = QUERY_CASES[i]
    assert norm.query(q, lexicon, set(known)) == expected
    assert js["query"][i] == expected


@pytest.mark.parametrize("i", range(len(INDEX_CASES)), ids=[c[0] for c in INDEX_CASES])
def test_index_terms(norm, js, i):
    word, lexicon, known, expected = INDEX_CASES[i]
    assert norm.index_terms(word, lexicon, set(known)) == expected
    assert js["index"][i] == expected


@pytest.mark.parametrize("i", range(len(TOKEN_CASES)), ids=[c[0] for c in TOKEN_CASES])
def test_separator_splits_the_same_in_python_and_javascript(norm, js, i):
    text, expected = TOKEN_CASES[i]
    assert norm.tokens(text) == expected
    assert js["tokens"][i] == expected


def test_long_queries_are_cut_to_the_same_length(norm, js, rules):
    limit = rules["max_query_length"]
    q = "가" * 10_000
    assert len(norm.query(q, {}, set())) <= limit
    emoji = "🔥" * 10_000  # astral characters: counted as one each in both languages
    assert norm.query(emoji, {}, set()) == "🔥" * limit


def test_highlight_terms_add_spelling_variants(js):
    plain, prefix, missing = js["highlight"]
    assert plain == {"pytorch": True, "파이토치": True}
    assert {"파이토", "파이토치", "pytorch"} <= prefix.keys()
    assert missing == {"keras": False, "모델": True}  # a missing term stays missing


# --- the build's side ------------------------------------------------------------------------
def test_lexicon_strips_particles_and_keeps_words_that_only_look_like_them(norm):
    words = [
        "텐서플로는",
        "텐서플로를",
        "텐서플로",
        "평가",
        "평가는",
        "정의",
        "모델을",
        "모델",
        "것으로",
        "는",
        "마이크로는",
        "마이크로를",
        "마이크로",
        "케라스(keras)",
    ]
    lexicon = norm.lexicon(words)
    assert lexicon["텐서플로는"] == "텐서플로"
    assert lexicon["평가는"] == "평가"
    assert lexicon["모델을"] == "모델"
    assert "것으로" not in lexicon  # 것 is no word of these pages
    assert lexicon["는"] == ""
    # a stem seen with two particles keeps its last syllable even though 로 is a particle
    assert lexicon["마이크로는"] == "마이크로"
    for word in ("텐서플로", "평가", "정의", "모델", "마이크로"):
        assert word not in lexicon, word


def test_tokens_of_html_split_at_tags(norm):
    assert norm.tokens("<p><code>tf.keras</code>로 만든 <strong>모델</strong>을</p>") == [
        "tf",
        "keras",
        "로",
        "만든",
        "모델",
        "을",
    ]


def test_rules_file_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "rules.json"
    bad.write_text('{\n  "separator": "[",\n}\n', encoding="utf-8")
    with pytest.raises(PluginError, match=r"rules\.json:3"):
        search_ko.load_rules(bad)
    bad.write_text('{"separator": "["}', encoding="utf-8")
    with pytest.raises(PluginError, match="missing"):
        search_ko.load_rules(bad)


def test_split_index_writes_one_index_per_language(tmp_path, rules):
    combined = {
        "config": {
            "lang": ["en", "ko"],
            "separator": "[\\s\\-]+",
            "pipeline": [" "],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        },
        "docs": [
            {"location": "", "title": "홈", "text": "<p>텐서플로우가 좋습니다</p>"},
            {"location": "keras/", "title": "Keras", "text": "<p>케라스의 모델을</p>"},
            {"location": "en/", "title": "Home", "text": "<p>TensorFlow (텐서플로우)</p>"},
            {"location": "en/keras/#overview", "title": "Overview", "text": "<p>Keras</p>"},
        ],
    }
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(combined))
    written = search_ko.split_index(tmp_path, "ko", ["en"], rules)
    ko = json.loads(written["ko"].read_text(encoding="utf-8"))
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text())
    assert [d["location"] for d in ko["docs"]] == ["", "keras/"]
    assert [d["location"] for d in en["docs"]] == ["", "keras/#overview"]
    assert ko["config"]["lang"] == ["ko"] and en["config"]["lang"] == ["en"]
    assert ko["config"]["separator"] == rules["separator"]
    assert ko["config"]["fields"] == combined["config"]["fields"]
    assert ko["config"]["normalise"]["lexicon"]["텐서플로우가"] == "텐서플로우"
    assert ko["config"]["normalise"]["lexicon"]["케라스의"] == "케라스"
    assert "_about" not in ko["config"]["normalise"]
    assert "케라스의" not in en["config"]["normalise"]["lexicon"]  # each language its own words


def test_install_worker_names_materials_worker(tmp_path):
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.0123abcd.min.js").write_text("")
    wrapper = tmp_path / search_ko.WORKER
    wrapper.write_text(WORKER_JS.read_text(encoding="utf-8"), encoding="utf-8")
    search_ko.install_worker(tmp_path)
    text = wrapper.read_text(encoding="utf-8")
    assert '"search.0123abcd.min.js"' in text and search_ko.WORKER_PLACEHOLDER not in text
    wrapper.write_text("importScripts(somethingElse)")
    with pytest.raises(PluginError, match=r"docs/assets/javascripts/workers/search-ko\.js"):
        search_ko.install_worker(tmp_path)
    (workers / "search.ffff0000.min.js").write_text("")
    with pytest.raises(PluginError, match="found 2"):
        search_ko.install_worker(tmp_path)
