"""The Korean search normaliser and the result ranking, in Python (hooks/search_ko.py, the
build) and in JavaScript (docs/assets/javascripts/workers/search-ko-normalise.js, the browser),
on the same cases and the same rules file (hooks/search_ko_rules.json), so the two cannot drift
apart; and the build's checks of that file (a bad entry stops the build, naming it)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata

import pytest
from mkdocs.exceptions import PluginError

from hooks import search_ko
from tests.conftest import ROOT, copy_project, run_build

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
    # the question's own words are left out when the query has others (stop_words)
    ("파이토치 설치 방법", {}, [], "파이토치 설치"),
    ("JAX가 뭐예요?", {}, [], "jax"),
    ("설치 방법은", {}, [], "설치"),
    ("How do I switch the Keras backend?", {}, [], "switch keras backend?"),
    ("keras vs pytorch", {}, [], "keras pytorch"),
    ("방법", {}, [], "방법"),  # nothing else: kept
    ("how to", {}, [], "how to"),
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

# page titles for the ranking cases (pages by URL, as in the search index)
TITLES = {
    "": "딥러닝 프레임워크 가이드",
    "choose/": "어떤 프레임워크를 고를까",
    "tensorflow/": "TensorFlow",
    "keras/": "Keras",
    "pytorch/": "PyTorch",
    "jax/": "JAX",
    "setup/": "설치와 준비",
    "code/define-model/": "모델 정의",
    "code/multi-output/": "출력이 여러 개인 모델",
    "backends/": "Keras 백엔드 바꾸기",
    "backend-setup/": "<code>keras</code> 백엔드 설정",
    "backend-compare/": "케라스의 백엔드 비교",
    "keras-3/": "Keras 3",
    "speed/": "파이토치가 더 빠를까",
}

# (result pages best first, normalised query, pages after re-ranking)
RERANK_CASES = [
    # the example: 케라스의 모델 listed choose, multi-output, define-model
    (
        ["choose/", "code/multi-output/", "code/define-model/", "keras/", "jax/"],
        "케라스 모델",
        ["choose/", "code/multi-output/", "keras/", "code/define-model/", "jax/"],
    ),
    (["keras/", "setup/", "jax/", "choose/"], "keras", ["keras/", "setup/", "jax/", "choose/"]),
    (["setup/", "choose/", "", "keras/"], "설치", ["setup/", "choose/", "", "keras/"]),
    # every spelling names its framework
    (
        ["setup/", "choose/", "", "tensorflow/"],
        "텐서플로 gpu",
        ["setup/", "choose/", "tensorflow/", ""],
    ),
    (["setup/", "choose/", "", "tensorflow/"], "tf", ["setup/", "choose/", "tensorflow/", ""]),
    (["setup/", "choose/", "", "pytorch/"], "torch 설치", ["setup/", "choose/", "pytorch/", ""]),
    (["setup/", "choose/", "", "jax/"], "잭스", ["setup/", "choose/", "jax/", ""]),
    # two named: both in the top three, the one already there keeps its place
    (
        ["tensorflow/", "choose/", "setup/", "", "pytorch/"],
        "tensorflow pytorch",
        ["tensorflow/", "choose/", "pytorch/", "setup/", ""],
    ),
    (
        ["choose/", "setup/", "", "keras/", "tensorflow/"],
        "tf keras",
        ["choose/", "keras/", "tensorflow/", "setup/", ""],
    ),
    (
        ["tensorflow/", "keras/", "choose/", "setup/", "pytorch/"],
        "텐서플로우 케라스 파이토치",
        ["tensorflow/", "keras/", "pytorch/", "choose/", "setup/"],
    ),
    # a page whose title names it more exactly stays above it ...
    (
        ["backends/", "choose/", "setup/", "keras/"],
        "keras 백엔드",
        ["backends/", "choose/", "keras/", "setup/"],
    ),
    # ... even out of the top three (three such pages)
    (
        ["backends/", "backend-setup/", "backend-compare/", "choose/", "keras/"],
        "케라스 백엔드",
        ["backends/", "backend-setup/", "backend-compare/", "keras/", "choose/"],
    ),
    # ... but a page whose title names it no more exactly than its own comes after it
    (
        ["keras-3/", "choose/", "setup/", "keras/"],
        "keras",
        ["keras/", "keras-3/", "choose/", "setup/"],
    ),
    (["speed/", "pytorch/", "setup/"], "파이토치", ["pytorch/", "speed/", "setup/"]),
    (["setup/", "speed/", "pytorch/"], "파이토치 설치", ["setup/", "pytorch/", "speed/"]),
    (["speed/", "setup/", "pytorch/"], "파이토치 빠를까", ["speed/", "setup/", "pytorch/"]),
    # lunr's operators: a required word counts, a prohibited one does not
    (["choose/", "setup/", "", "keras/"], "+keras* 모델", ["choose/", "setup/", "keras/", ""]),
    (["choose/", "setup/", "", "keras/"], "모델 -keras", ["choose/", "setup/", "", "keras/"]),
    # a name inside an API's dotted name asks for the API, not the framework's page
    (
        ["migration/", "compare/", "code/graphs/", "pytorch/"],
        "torch.compile",
        ["migration/", "compare/", "code/graphs/", "pytorch/"],
    ),
    (["choose/", "setup/", "", "keras/"], "tf.keras", ["choose/", "setup/", "", "keras/"]),
    (["choose/", "setup/", "", "keras/"], "tf.keras keras", ["choose/", "setup/", "keras/", ""]),
    # a named page that was not found stays not found
    (
        ["choose/", "setup/", "", "code/define-model/"],
        "keras",
        ["choose/", "setup/", "", "code/define-model/"],
    ),
    ([], "keras", []),
]

# (normalised query, the words results must match)
TERMS_CASES = [
    ("케라스 모델", ["케라스", "모델"]),
    ("+keras* -pytorch tf.keras~1 model^2", ["keras", "tf", "model"]),
    ("title:jax", ["title", "jax"]),
    ("", []),
]

# (normalised query, the framework pages it names)
NAMED_CASES = [
    ("케라스 모델", ["keras/"]),
    ("파이토치(pytorch) 텐서플로", ["pytorch/", "tensorflow/"]),
    ("+tf* jax~1", ["tensorflow/", "jax/"]),
    ("torch.compile tf.function", []),
    ("-keras 모델", []),
    ("토치", []),  # Torch (Lua) is not PyTorch; "torch" is how readers type PyTorch's import
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
        "rerank": [[pages, query] for pages, query, _ in RERANK_CASES],
        "terms": [query for query, _ in TERMS_CASES],
        "named": [query for query, _ in NAMED_CASES],
        "titles": TITLES,
    }
    script = """
      const fs = require("fs")
      const { createNormaliser, createRanker } = require(process.argv[1])
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
        named: cases.named.map(q => createRanker(rules, n).named(q)),
        rerank: cases.rerank.map(([pages, q]) => createRanker(rules, n).rerank(pages, q, cases.titles)),
        terms: cases.terms.map(q => createRanker(rules).terms(q)),
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


@pytest.fixture(scope="module")
def ranker(rules, norm):
    return search_ko.Ranker(rules, norm)


@pytest.mark.parametrize("i", range(len(RERANK_CASES)), ids=[c[1] for c in RERANK_CASES])
def test_rerank(ranker, js, i):
    pages, query, expected = RERANK_CASES[i]
    assert ranker.rerank(pages, query, TITLES) == expected
    assert js["rerank"][i] == expected


@pytest.mark.parametrize("i", range(len(TERMS_CASES)), ids=[c[0] for c in TERMS_CASES])
def test_query_terms(ranker, js, i):
    query, expected = TERMS_CASES[i]
    assert ranker.terms(query) == expected
    assert js["terms"][i] == expected


@pytest.mark.parametrize("i", range(len(NAMED_CASES)), ids=[c[0] for c in NAMED_CASES])
def test_named_frameworks(ranker, js, i):
    query, expected = NAMED_CASES[i]
    assert ranker.named(query) == expected
    assert js["named"][i] == expected


def test_every_glossary_spelling_of_a_framework_names_its_page(ranker, norm):
    """The spellings the glossary gives (docs/glossary.md), as readers type them."""
    spellings = {
        "tensorflow/": ["텐서플로우", "텐서플로", "TensorFlow", "tensorflow", "tf"],
        "keras/": ["케라스", "Keras", "keras"],
        "pytorch/": ["파이토치", "PyTorch", "Pytorch", "pytorch", "torch"],
        "jax/": ["JAX", "jax", "잭스"],
    }
    for page, words in spellings.items():
        for word in words:
            for typed in (word, f"{word}의 모델", f"{word}로 학습"):
                q = norm.query(typed, {}, set())
                assert ranker.named(q) == [page], (typed, q)


def test_ranking_weighs_a_title_or_heading_above_body_text(rules):
    fields = rules["ranking"]["fields"]
    assert fields["title"] >= 100 * fields["text"]


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


# (what is wrong, the change, what the message must say: the entry and the problem, and the
# text on the line it names)
BAD_RULES = [
    (
        "unknown field",
        lambda r: r.update(suffixs=["은"]),
        r"suffixs: unknown field 'suffixs'",
        '"suffixs"',
    ),
    (
        "unknown ranking field",
        lambda r: r["ranking"].update(boosts={}),
        r"ranking\.boosts: unknown field 'boosts'",
        '"boosts"',
    ),
    (
        "unknown framework field",
        lambda r: r["ranking"]["frameworks"][1].update(nmes=["x"]),
        r"ranking\.frameworks\[1\] \(keras/\)\.nmes: unknown field 'nmes'",
        '"nmes"',
    ),
    (
        "unknown index field",
        lambda r: r["ranking"]["fields"].update(heading=10),
        r"ranking\.fields\.heading: unknown field 'heading'",
        '"heading"',
    ),
    (
        "capital letter in a variant",
        lambda r: r["variants"][1].append("PyTorch"),
        r"variants\[1\] 'PyTorch': can never match: .*lower case.* Write 'pytorch'",
        '"PyTorch"',
    ),
    (
        "a variant the separator splits",
        lambda r: r["variants"][2].append("tf.keras"),
        r"variants\[2\] 'tf\.keras': can never match: the separator splits it",
        '"tf.keras"',
    ),
    (
        "a word in two variant groups",
        lambda r: r["variants"].append(["텐서", "tensorflow"]),
        r"variants\[\d+\] 'tensorflow': also in variants\[0\]",
        '"tensorflow"',
    ),
    (
        "a group of one spelling",
        lambda r: r["variants"].append(["딥러닝"]),
        r"variants\[\d+\] \['딥러닝'\]: a group of one spelling can never match",
        '"딥러닝"',
    ),
    (
        "a suffix that is not Hangul",
        lambda r: r["suffixes"].append("'s"),
        r"suffixes\[\d+\] \"'s\": a particle or ending that can never match",
        '"\'s"',
    ),
    (
        "a keep word with a space",
        lambda r: r["keep"].append("텐서 보드"),
        r"keep\[\d+\] '텐서 보드': a word kept whole that can never match",
        '"텐서 보드"',
    ),
    (
        "a framework name in capitals",
        lambda r: r["ranking"]["frameworks"][3]["names"].append("JAX"),
        r"ranking\.frameworks\[3\] \(jax/\)\.names 'JAX': can never match",
        '"JAX"',
    ),
    (
        "a name for two frameworks",
        lambda r: r["ranking"]["frameworks"][2]["names"].append("tf"),
        r"\(pytorch/\)\.names 'tf': also a name in ranking\.frameworks\[0\]",
        '"tf"',
    ),
    (
        "a page that is no URL",
        lambda r: r["ranking"]["frameworks"][0].update(page="/tensorflow"),
        r"ranking\.frameworks\[0\] \(/tensorflow\): page '/tensorflow' is not a page URL",
        '"/tensorflow"',
    ),
    (
        "title no heavier than text",
        lambda r: r["ranking"]["fields"].update(title=1),
        r"ranking\.fields: the title boost must be larger",
        '"fields"',
    ),
    (
        "top of zero",
        lambda r: r["ranking"].update(top=0),
        r"ranking\.top: 0 is not a whole number",
        '"top"',
    ),
    ("no ranking", lambda r: r.pop("ranking"), r"missing \['ranking'\]", None),
]


@pytest.mark.parametrize(
    "change,message,on_line", [c[1:] for c in BAD_RULES], ids=[c[0] for c in BAD_RULES]
)
def test_a_bad_rule_stops_the_build_naming_the_entry_and_its_line(
    tmp_path, rules, change, message, on_line
):
    broken = json.loads(json.dumps(rules))
    change(broken)
    path = tmp_path / "search_ko_rules.json"
    text = json.dumps(broken, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PluginError, match=message) as err:
        search_ko.load_rules(path)
    found = re.match(r"(.+?search_ko_rules\.json)(?::(\d+))?: ", str(err.value))
    assert found, str(err.value)
    if on_line:
        line = text.splitlines()[int(found.group(2)) - 1]
        assert on_line in line, (line, str(err.value))


@pytest.mark.build
def test_the_build_stops_on_a_bad_rules_file_before_it_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "hooks" / "search_ko_rules.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"top": 3,', '"top": 3,\n    "topp": 4,'),
        encoding="utf-8",
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(
        r"hooks/search_ko_rules\.json:\d+: ranking\.topp: unknown field 'topp'", result.log
    ), result.log[-3000:]
    assert not (tmp_path / "site" / "index.html").exists()  # stopped before writing pages


def test_the_rules_file_as_it_is_passes_its_checks():
    assert search_ko.load_rules()["ranking"]["top"] == 3


def test_a_framework_page_the_site_lacks_stops_the_build(tmp_path, rules):
    """A ranking rule for a page no index holds could never match."""
    combined = {
        "config": {"lang": ["ko", "en"], "separator": "[\\s]+", "pipeline": [], "fields": {}},
        "docs": [
            {"location": fw["page"], "title": "x", "text": ""}
            for fw in rules["ranking"]["frameworks"]
        ]
        + [{"location": "en/keras/", "title": "Keras", "text": ""}],
    }
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(combined))
    with pytest.raises(
        PluginError,
        match=r"search_ko_rules\.json:\d+: ranking\.frameworks\[0\] \(tensorflow/\): no page "
        r"'tensorflow/' in the 'en' search index, so this rule can never match",
    ):
        search_ko.split_index(tmp_path, "ko", ["en"], rules)


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
            *(
                {"location": fw["page"], "title": fw["page"], "text": ""}
                for fw in rules["ranking"]["frameworks"]
                if fw["page"] != "keras/"
            ),
            {"location": "en/", "title": "Home", "text": "<p>TensorFlow (텐서플로우)</p>"},
            {"location": "en/keras/#overview", "title": "Overview", "text": "<p>Keras</p>"},
            *(
                {"location": "en/" + fw["page"], "title": fw["page"], "text": ""}
                for fw in rules["ranking"]["frameworks"]
            ),
        ],
    }
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(combined))
    written = search_ko.split_index(tmp_path, "ko", ["en"], rules)
    ko = json.loads(written["ko"].read_text(encoding="utf-8"))
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text())
    frameworks = [fw["page"] for fw in rules["ranking"]["frameworks"]]
    assert [d["location"] for d in ko["docs"]] == ["", "keras/"] + [
        p for p in frameworks if p != "keras/"
    ]
    assert [d["location"] for d in en["docs"]] == ["", "keras/#overview", *frameworks]
    assert ko["config"]["lang"] == ["ko"] and en["config"]["lang"] == ["en"]
    assert ko["config"]["separator"] == rules["separator"]
    boosts = rules["ranking"]["fields"]  # the rules' boosts replace Material's
    assert ko["config"]["fields"] == {k: {"boost": float(v)} for k, v in boosts.items()}
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
