"""Search that works in Korean, one index per language.

Material's search (lunr) splits Korean only on spaces and matches word prefixes, so
``텐서플로우가`` or ``파이토치로`` find nothing, ``파이토치(PyTorch)는`` hides ``pytorch``, and
static-i18n writes one index for both languages. After the build this hook:

* splits ``search/search_index.json`` into one index per language: ``search/`` for the
  default language (Korean), ``en/search/`` for English (locations relative to ``en/``; the
  ``config`` block of ``overrides/main.html`` points English pages' search at ``en/``);
* sets each index's ``separator`` (punctuation, and the seam between Hangul and Latin, so
  ``tf.keras를`` gives ``tf``, ``keras``, ``를``) and ``lang``;
* adds ``config.normalise``: the rules of ``hooks/search_ko_rules.json`` (particles and
  endings, words never stripped, spelling variants) and a lexicon, word -> stem, for every
  Korean word of that language's pages (``텐서플로우가`` -> ``텐서플로우``, ``평가`` stays);
* points the theme's search at our worker, ``assets/javascripts/workers/search-ko.js``, which
  loads Material's worker and, with the same rules (``search-ko-normalise.js``), indexes each
  word with its stem and spelling variants and strips particles from the reader's query.

The rules live in one file so the build and the browser cannot drift; both normalisers are
tested on the same cases (tests/test_search_normaliser.py).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from project import i18n_plugin, read_source  # hooks/ is on sys.path while MkDocs loads a hook

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.search_ko")

RULES_FILE = Path(__file__).with_name("search_ko_rules.json")
WORKER = "assets/javascripts/workers/search-ko.js"
WORKER_PLACEHOLDER = "__MATERIAL_SEARCH_WORKER__"
HANGUL = re.compile(r"[가-힣]")
HANGUL_RUN = re.compile(r"[가-힣]+")
TAG = re.compile(r"<[^>]*>")
JAMO_AT_END = re.compile(r"[\u3131-\u318e]+(?=\s|$)")
LATIN_BEFORE_HANGUL = re.compile(r"([a-z0-9])(?=[가-힣])")
HANGUL_BEFORE_LATIN = re.compile(r"([가-힣])(?=[a-z0-9])")


class Normaliser:
    """Particle stripping and spelling variants, as in search-ko-normalise.js."""

    def __init__(self, rules: dict):
        self.rules = rules
        self.separator = re.compile(rules["separator"])
        self.suffixes = sorted(set(rules["suffixes"]), key=len, reverse=True)
        self.suffix_set = set(self.suffixes)
        self.min_stem = int(rules["min_stem"])
        self.max_query = int(rules["max_query_length"])
        self.groups: dict[str, list[str]] = {}
        for group in rules["variants"]:
            for word in group:
                self.groups[word] = group
        self.keep = set(rules["keep"]) | set(self.groups)

    # --- one word ---------------------------------------------------------------------
    def stem(self, word: str, known: set[str] | frozenset = frozenset()) -> str:
        """The word without its particle or ending; '' for a particle on its own.

        A stem the pages use (``known``) or a ``keep`` word wins; otherwise the longest
        suffix the word ends in is stripped if at least ``min_stem`` syllables remain:
        ``평가`` stays ``평가``, ``것으로`` stays (not ``것`` nor ``것으``). A stem is a
        prefix of its word, so a stripped query still finds what the whole word finds.
        """
        if word in self.keep:
            return word
        if word in self.suffix_set:
            return ""
        cut = self._cuts(word)
        for rest, _ in cut:
            if rest in known or rest in self.keep:
                return rest
        if cut and len(cut[0][0]) >= self.min_stem:  # the longest suffix decides
            return cut[0][0]
        return word

    def variants(self, word: str) -> list[str]:
        return self.groups.get(word, [])

    # --- text and index ---------------------------------------------------------------
    def tokens(self, html: str) -> list[str]:
        """The words Material's tokenizer makes of a search index field (lowercased)."""
        words = []
        for block in TAG.split(html):
            words.extend(w.lower() for w in self.separator.split(block) if w)
        return words

    def lexicon(self, words) -> dict[str, str]:
        """word -> stem for every Korean word of the pages whose stem differs from it.

        Known stems: the ``keep`` words and variants, words that end in no suffix
        (``모델``), and words that only look like stem + particle but are used with particles
        of their own while what is left without the 'particle' is no word of the pages
        (``마이크로`` next to ``마이크로는``, and no ``마이크``).
        """
        korean = {w for w in words if HANGUL.search(w)}
        cuts = {w: self._cuts(w) for w in korean}
        bare = {w for w, cut in cuts.items() if not cut and w not in self.suffix_set}
        with_suffix = {rest for cut in cuts.values() for rest, _ in cut}
        looks_like = {
            w
            for w, cut in cuts.items()
            if cut and w in with_suffix and not any(r in bare for r, _ in cut)
        }
        known = set(self.keep) | bare | looks_like
        out = {}
        for w in sorted(korean):
            stem = w if w in known else self.stem(w, known)
            if stem != w:
                out[w] = stem
        return out

    def _cuts(self, word: str) -> list[tuple[str, str]]:
        return [
            (word[: -len(s)], s) for s in self.suffixes if len(word) > len(s) and word.endswith(s)
        ]

    def index_terms(
        self, word: str, lexicon: dict[str, str], known: set[str] | frozenset = frozenset()
    ) -> list[str]:
        """What the browser indexes for one token: the word, its stem, their variants."""
        terms = [word]
        base = word
        if HANGUL.search(word):
            base = lexicon[word] if word in lexicon else self.stem(word, known)
            if base == "":
                return []
            if base != word:
                terms.append(base)
        for v in self.variants(base):
            if v not in terms:
                terms.append(v)
        return terms

    # --- the reader's query -----------------------------------------------------------
    def query(
        self, q: str, lexicon: dict[str, str], known: set[str] | frozenset = frozenset()
    ) -> str:
        """The query as lunr should see it: particles stripped, Latin split from Hangul."""
        q = unicodedata.normalize("NFC", q)[: self.max_query].lower()
        q = JAMO_AT_END.sub("", q)
        q = LATIN_BEFORE_HANGUL.sub(r"\1 ", q)
        q = HANGUL_BEFORE_LATIN.sub(r"\1 ", q)

        def run(m: re.Match) -> str:
            word = m.group(0)
            if word in lexicon:
                return lexicon[word]
            if word in known:
                return word
            return self.stem(word, known)

        q = HANGUL_RUN.sub(run, q)
        return " ".join(q.split())


def load_rules(path: Path = RULES_FILE) -> dict:
    try:
        rules = json.loads(read_source(path))
    except json.JSONDecodeError as err:
        raise PluginError(
            f"{path}:{err.lineno}: not valid JSON ({err.msg}). Fix the rules "
            "file; it is read by the build and by the browser."
        ) from err
    missing = {
        "separator",
        "suffixes",
        "keep",
        "variants",
        "max_query_length",
        "min_stem",
    } - rules.keys()
    if missing:
        raise PluginError(f"{path}: missing {sorted(missing)}; see the file's _about.")
    try:
        re.compile(rules["separator"])
    except re.error as err:
        raise PluginError(f"{path}: 'separator' is not a valid regular expression: {err}") from None
    return rules


class SearchSplitter:
    def __init__(self, rules: dict):
        self.rules = rules
        self.normaliser = Normaliser(rules)

    @cached_property
    def browser_rules(self) -> dict:
        return {k: v for k, v in self.rules.items() if not k.startswith("_")}

    def language_index(self, combined: dict, lang: str, docs: list[dict]) -> dict:
        words: set[str] = set()
        for doc in docs:
            words.update(self.normaliser.tokens(doc.get("title", "")))
            words.update(self.normaliser.tokens(doc.get("text", "")))
        config = dict(combined["config"])
        config.update(
            {
                "lang": [lang],
                "separator": self.rules["separator"],
                "pipeline": [],
                "normalise": {**self.browser_rules, "lexicon": self.normaliser.lexicon(words)},
            }
        )
        return {"config": config, "docs": docs}


def split_index(site: Path, default: str, others: list[str], rules: dict) -> dict[str, Path]:
    """Write one search index per language; return language -> file."""
    source = site / "search" / "search_index.json"
    if not source.is_file():
        raise PluginError(
            f"hooks/search_ko.py: {source} was not written. Is the `search` "
            "plugin listed before `i18n` in mkdocs.yml?"
        )
    combined = json.loads(source.read_text(encoding="utf-8"))
    splitter = SearchSplitter(rules)
    by_lang: dict[str, list[dict]] = {lang: [] for lang in [default, *others]}
    for doc in combined["docs"]:
        lang = next((o for o in others if doc["location"].startswith(f"{o}/")), default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1 :]}
        by_lang[lang].append(doc)
    written = {}
    for lang, docs in by_lang.items():
        target = site / ("" if lang == default else lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        index = splitter.language_index(combined, lang, docs)
        target.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        written[lang] = target
    return written


def install_worker(site: Path) -> Path:
    """Fill in the name of Material's (hashed) search worker in our wrapper."""
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(
            f"hooks/search_ko.py: expected one Material search worker in "
            f"{site}/assets/javascripts/workers, found {len(workers)}"
        )
    wrapper = site / WORKER
    if not wrapper.is_file():
        raise PluginError(
            f"hooks/search_ko.py: {wrapper} is missing; it is copied from docs/{WORKER}."
        )
    text = wrapper.read_text(encoding="utf-8")
    if text.count(WORKER_PLACEHOLDER) != 1:
        if workers[0].name in text:  # already filled in (e.g. a second post-build pass)
            return wrapper
        raise PluginError(
            f"docs/{WORKER}: must name {WORKER_PLACEHOLDER!r} exactly once "
            "(the hook writes Material's worker file name there)."
        )
    wrapper.write_text(text.replace(WORKER_PLACEHOLDER, workers[0].name), encoding="utf-8")
    return wrapper


@event_priority(-200)  # after static-i18n (-100) has written the combined index
def on_post_build(*, config: MkDocsConfig) -> None:
    plugin = i18n_plugin(config)
    if plugin is not None and getattr(plugin, "building", False):
        return  # inside static-i18n's build of another language: the index is not final
    site = Path(config.site_dir)
    rules = load_rules()
    if plugin is not None:
        default = plugin.default_language
        others = [lang for lang in plugin.build_languages if lang != default]
    else:
        default, others = config.theme["language"], []
    written = split_index(site, default, others, rules)
    install_worker(site)
    for lang, path in written.items():
        log.debug(f"search index ({lang}): {path.stat().st_size} bytes")
