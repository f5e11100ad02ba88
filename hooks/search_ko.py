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
* writes the rules' ``ranking.fields`` as the index's field boosts (a match in a title or a
  heading outweighs one in body text);
* points the theme's search at our worker, ``assets/javascripts/workers/search-ko.js``, which
  loads Material's worker and, with the same rules (``search-ko-normalise.js``), indexes each
  word with its stem and spelling variants, strips particles from the reader's query, and
  orders the result pages by ``ranking`` (a query that names a framework, in any spelling,
  lists that framework's page among the first three: ``Ranker`` below is its Python twin).

The rules live in one file so the build and the browser cannot drift; both sides are tested on
the same cases (tests/test_search_normaliser.py). The build checks the file first: an unknown
field, or a rule that can never match (a capital letter in a word the index holds in lower
case, a suffix that is not Hangul, a framework page the site does not have), stops it with the
file, the line and the entry.
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
        self.stop_words = set(rules["stop_words"])

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
        """The query as lunr should see it: particles stripped, Latin split from Hangul, the
        question's own words (``stop_words``) left out."""
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
        words = q.split()
        topic = [w for w in words if not self.is_stop_word(w)]
        return " ".join(topic or words)

    def is_stop_word(self, word: str) -> bool:
        """A word of the question, not of its topic (``방법``, ``how``): the query leaves it
        out when it has other words."""
        parts = [p for p in self.separator.split(word) if p]
        return bool(parts) and all(p in self.stop_words for p in parts)


# --- the rules file --------------------------------------------------------------------
# field -> what its value must be; "_..." fields are comments, anywhere
RULE_FIELDS = {
    "separator": "a regular expression",
    "max_query_length": "a whole number",
    "min_stem": "a whole number",
    "suffixes": "a list of Hangul endings",
    "keep": "a list of Hangul words",
    "variants": "a list of groups of spellings",
    "stop_words": "a list of words that only ask (방법, how)",
    "ranking": "an object: fields, top, frameworks",
}
RANKING_FIELDS = {"fields", "top", "frameworks"}
FRAMEWORK_FIELDS = {"page", "names"}
INDEX_FIELDS = ("title", "text", "tags")  # the fields of Material's search index
HANGUL_ONLY = re.compile(r"[가-힣]+")


class RulesError(PluginError):
    pass


class RulesChecker:
    """Checks the rules file entry by entry: each problem names the file, the line, the entry
    and what to do. A rule that can never match (a capital letter in a word the index only
    holds in lower case, a suffix that is not Hangul, a word the separator splits in two) is
    refused like a typo, since it would silently do nothing."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.text = text
        try:
            self.shown = path.resolve().relative_to(RULES_FILE.parents[1]).as_posix()
        except ValueError:
            self.shown = str(path)

    def line(self, *needles: str) -> int:
        """The first line holding the needles in this order (1 if none is found)."""
        at = 0
        for needle in needles:
            found = self.text.find(needle, at)
            if found < 0:
                break
            at = found
        return self.text.count("\n", 0, at) + 1

    def fail(self, entry: str, problem: str, fix: str, *needles: str):
        raise RulesError(
            f"{self.shown}:{self.line(*needles)}: {entry}: {problem}. {fix} (the build and "
            "the browser read this file; see its _about)."
        )

    def unknown(self, obj: dict, known, where: str, anchor: tuple = ()):
        for key in obj:
            if key not in known and not key.startswith("_"):
                self.fail(
                    f"{where}{key}",
                    f"unknown field {key!r}",
                    f"Known fields here: {', '.join(sorted(known))}; a comment's name starts "
                    "with '_'. Fix the name or remove the field.",
                    *anchor,
                    json.dumps(key, ensure_ascii=False),
                )

    def check(self, rules) -> dict:
        if not isinstance(rules, dict):
            self.fail("the file", "not a JSON object", "Write one object {...}.")
        self.unknown(rules, RULE_FIELDS, "")
        missing = [k for k in RULE_FIELDS if k not in rules]
        if missing:
            raise RulesError(
                f"{self.shown}: missing {sorted(missing)}; each is "
                + "; ".join(f"{k}: {RULE_FIELDS[k]}" for k in missing)
                + ". See the file's _about."
            )
        if not isinstance(rules["separator"], str):
            self.fail("separator", "not a string", "Write a regular expression.", '"separator"')
        try:
            separator = re.compile(rules["separator"])
        except re.error as err:
            self.fail(
                "separator",
                f"not a valid regular expression: {err}",
                "Fix the expression.",
                '"separator"',
            )
        for key in ("max_query_length", "min_stem"):
            value = rules[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                self.fail(key, f"{value!r} is not a whole number >= 1", "Fix it.", f'"{key}"')
        self.hangul_words("suffixes", rules["suffixes"], "a particle or ending")
        self.hangul_words("keep", rules["keep"], "a word kept whole")
        self.variants(rules["variants"], separator)
        for i, word in enumerate(self.strings("stop_words", rules["stop_words"], '"stop_words"')):
            self.token_word(f"stop_words[{i}]", word, separator, '"stop_words"')
        self.ranking(rules["ranking"], separator)
        return rules

    def strings(self, where: str, value, *anchor: str) -> list:
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            self.fail(where, "not a list of strings", 'Write ["...", "..."].', *anchor)
        return value

    def hangul_words(self, key: str, words, what: str):
        for i, word in enumerate(self.strings(key, words, f'"{key}"')):
            if not HANGUL_ONLY.fullmatch(word):
                self.fail(
                    f"{key}[{i}] {word!r}",
                    f"{what} that can never match: only Hangul words are stripped and kept",
                    "Write it in Hangul syllables only (no spaces, Latin letters or jamo), or "
                    "remove it.",
                    f'"{key}"',
                    json.dumps(word, ensure_ascii=False),
                )

    def token_word(self, where: str, word: str, separator: re.Pattern, *anchor: str):
        """A word the index can hold as one token: lower case, NFC, not split apart."""
        needle = json.dumps(word, ensure_ascii=False)
        if not word or word != unicodedata.normalize("NFC", word).lower():
            self.fail(
                f"{where} {word!r}",
                "can never match: the index and the query hold words in lower case (NFC)",
                f"Write {unicodedata.normalize('NFC', word).lower()!r}.",
                *anchor,
                needle,
            )
        if [w for w in separator.split(word) if w] != [word]:
            self.fail(
                f"{where} {word!r}",
                "can never match: the separator splits it into several words",
                "List one word (e.g. 'tf', not 'tf.keras').",
                *anchor,
                needle,
            )

    def unique_words(
        self, where: str, words: list, separator: re.Pattern, seen: dict, i: int, at: list,
        clash: str, fix: str,
    ):  # fmt: skip
        """Each word a token the index can hold, and in one entry only (seen: word -> entry)."""
        for word in words:
            self.token_word(where, word, separator, *at)
            if word in seen:
                self.fail(
                    f"{where} {word!r}",
                    clash.format(seen[word]),
                    fix,
                    *at,
                    json.dumps(word, ensure_ascii=False),
                )
            seen[word] = i

    def variants(self, groups, separator: re.Pattern):
        if not isinstance(groups, list):
            self.fail("variants", "not a list of groups", 'Write [["...", "..."], ...].')
        seen: dict[str, int] = {}
        at = ['"variants"']  # to find group i: each group's first word, in order
        for i, group in enumerate(groups):
            words = self.strings(f"variants[{i}]", group, *at)
            at += [json.dumps(w, ensure_ascii=False) for w in words[:1]]
            if len(words) < 2:
                self.fail(
                    f"variants[{i}] {words!r}",
                    "a group of one spelling can never match another",
                    "Add its other spellings or remove the group.",
                    *at,
                )
            self.unique_words(
                f"variants[{i}]", words, separator, seen, i, at,
                "also in variants[{}]; only one group can apply to a word",
                "Merge the two groups.",
            )  # fmt: skip

    def ranking(self, ranking, separator: re.Pattern):
        anchor = '"ranking"'
        if not isinstance(ranking, dict):
            self.fail("ranking", "not an object", "Write {...}; see its _about.", anchor)
        self.unknown(ranking, RANKING_FIELDS, "ranking.", (anchor,))
        missing = sorted(RANKING_FIELDS - ranking.keys())
        if missing:
            self.fail("ranking", f"missing {missing}", "Add them; see its _about.", anchor)
        fields = ranking["fields"]
        if not isinstance(fields, dict):
            self.fail("ranking.fields", "not an object", 'Write {"title": 1000, ...}.', anchor)
        for name, boost in fields.items():
            if name not in INDEX_FIELDS:
                self.fail(
                    f"ranking.fields.{name}",
                    f"unknown field {name!r}: Material's index has {', '.join(INDEX_FIELDS)}",
                    "Fix the name or remove it.",
                    anchor,
                    json.dumps(name),
                )
            if not isinstance(boost, (int, float)) or isinstance(boost, bool) or boost <= 0:
                self.fail(
                    f"ranking.fields.{name}",
                    f"boost {boost!r} is not a number > 0",
                    "Fix it.",
                    anchor,
                    json.dumps(name),
                )
        for name in ("title", "text"):
            if name not in fields:
                self.fail("ranking.fields", f"no boost for {name!r}", "Add it.", anchor, '"fields"')
        if fields["title"] <= fields["text"]:
            self.fail(
                "ranking.fields",
                "the title boost must be larger than the text boost (a match in a title or "
                "heading outweighs one in body text)",
                "Raise 'title'.",
                anchor,
                '"fields"',
            )
        top = ranking["top"]
        if not isinstance(top, int) or isinstance(top, bool) or top < 1:
            self.fail(
                "ranking.top", f"{top!r} is not a whole number >= 1", "Fix it.", anchor, '"top"'
            )
        frameworks = ranking["frameworks"]
        if not isinstance(frameworks, list):
            self.fail("ranking.frameworks", "not a list", 'Write [{"page": ...}, ...].', anchor)
        pages: dict[str, int] = {}
        names: dict[str, int] = {}
        for i, fw in enumerate(frameworks):
            where = f"ranking.frameworks[{i}]"
            if not isinstance(fw, dict):
                self.fail(where, "not an object", 'Write {"page": "x/", "names": [...]}.', anchor)
            page = fw.get("page")
            label = f"{where} ({page})" if isinstance(page, str) else where
            at = (anchor, json.dumps(page, ensure_ascii=False)) if isinstance(page, str) else ()
            self.unknown(fw, FRAMEWORK_FIELDS, f"{label}.", at or (anchor,))
            if not isinstance(page, str) or not re.fullmatch(r"(?:[a-z0-9][a-z0-9._-]*/)+", page):
                self.fail(
                    label,
                    f"page {page!r} is not a page URL of the site",
                    "Write it as the index does: 'keras/', 'code/autodiff/'.",
                    *(at or (anchor,)),
                )
            if page in pages:
                self.fail(
                    label, f"page also in ranking.frameworks[{pages[page]}]", "Merge them.", *at
                )
            pages[page] = i
            self.unique_words(
                f"{label}.names", self.strings(f"{label}.names", fw.get("names"), *at),
                separator, names, i, at,
                "also a name in ranking.frameworks[{}]",
                "A name can point at one page only; remove one.",
            )  # fmt: skip
            if not fw.get("names"):
                self.fail(label, "no names", "List the spellings that name it.", *at)

    def pages_exist(self, rules: dict, lang: str, locations: set[str]):
        """A framework whose page is not in this language's index can never be promoted."""
        for i, fw in enumerate(rules["ranking"]["frameworks"]):
            if fw["page"] not in locations:
                self.fail(
                    f"ranking.frameworks[{i}] ({fw['page']})",
                    f"no page {fw['page']!r} in the {lang!r} search index, so this rule can "
                    "never match",
                    "Fix the page URL, or remove the entry if the page is gone",
                    '"ranking"',
                    json.dumps(fw["page"], ensure_ascii=False),
                )


def load_rules(path: Path = RULES_FILE) -> dict:
    text = read_source(path)
    checker = RulesChecker(path, text)
    try:
        rules = json.loads(text)
    except json.JSONDecodeError as err:
        raise RulesError(
            f"{checker.shown}:{err.lineno}: not valid JSON ({err.msg}). Fix the rules "
            "file; it is read by the build and by the browser."
        ) from err
    return checker.check(rules)


def without_comments(value):
    """The rules as the browser gets them: no "_..." comment fields, at any depth."""
    if isinstance(value, dict):
        return {k: without_comments(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [without_comments(v) for v in value]
    return value


# --- ranking ----------------------------------------------------------------------------
OPERATORS = re.compile(r"^\++|\*+|[~^]\d*")
API_NAME = re.compile(r"[a-z0-9_]\.[a-z_]")


class Ranker:
    """The order of the result pages, as search-ko-normalise.js (createRanker) makes it.

    Material ranks with lunr, a title or heading match weighing ``ranking.fields.title``
    against ``text``. Then, for a query that names a framework (``ranking.frameworks``, any
    spelling), that framework's page
    1. moves above the pages whose titles name the framework but match no more of the query's
       words than its own title does ("파이토치가 더 빠를까" does not outrank "PyTorch" for
       "파이토치");
    2. is among the first ``top`` pages: it moves up to just after the first pages, but stays
       below any page ranked above it whose title names the framework and matches more of the
       query's words than its own title (names it more exactly).
    """

    def __init__(self, rules: dict, normaliser: Normaliser | None = None):
        self.norm = normaliser or Normaliser(rules)
        ranking = rules["ranking"]
        self.top = int(ranking["top"])
        self.page_of: dict[str, str] = {}
        self.names: dict[str, set[str]] = {}
        for fw in ranking["frameworks"]:
            self.names[fw["page"]] = set(fw["names"])
            for name in fw["names"]:
                self.page_of[name] = fw["page"]

    def terms(self, query: str) -> list[str]:
        """The words of a normalised query (``Normaliser.query``) that results must match:
        lunr's operators dropped, words it must not contain (``-word``) left out."""
        out = []
        for word in query.split():
            if word.startswith("-"):
                continue
            for term in self.norm.separator.split(OPERATORS.sub("", word)):
                if term and term not in out:
                    out.append(term)
        return out

    def named(self, query: str) -> list[str]:
        """The framework pages a normalised query names, in the query's order. A name inside
        an API's dotted name (``torch.compile``, ``tf.keras``) asks for that API, not for the
        framework's page."""
        pages = []
        for word in query.split():
            if word.startswith("-") or API_NAME.search(word):
                continue
            for term in self.norm.separator.split(OPERATORS.sub("", word)):
                page = self.page_of.get(term)
                if page and page not in pages:
                    pages.append(page)
        return pages

    def title_matches(self, title: str, terms: list[str]) -> int:
        """How many of the query's words a title holds (as a word's start, any spelling)."""
        tokens = self.norm.tokens(title)
        count = 0
        for term in terms:
            forms = [term, *self.norm.variants(term)]
            if any(tok.startswith(form) for tok in tokens for form in forms):
                count += 1
        return count

    def title_names(self, title: str, page: str) -> bool:
        names = self.names[page]
        return any(t in names or self.norm.stem(t) in names for t in self.norm.tokens(title))

    def rerank(self, pages: list[str], query: str, titles: dict[str, str]) -> list[str]:
        terms = self.terms(query)
        named = self.named(query)
        if not named:
            return pages
        named_set = set(named)
        pages = list(pages)
        # 1. the framework's own page before pages whose titles name it no more exactly
        for page in named:
            if page not in pages:
                continue
            at = pages.index(page)
            own = self.title_matches(titles.get(page, ""), terms)
            for i, other in enumerate(pages[:at]):
                title = titles.get(other, "")
                if (
                    other not in named_set
                    and self.title_names(title, page)
                    and self.title_matches(title, terms) <= own
                ):
                    pages.insert(i, pages.pop(at))
                    break
        # 2. among the first `top`, unless pages above it name it more exactly
        rank = {page: i for i, page in enumerate(pages)}
        promoted = [p for p in pages if p in named and rank[p] >= self.top]
        if not promoted:
            return pages
        rest = [p for p in pages if p not in promoted]
        in_top = sum(p in named_set for p in rest[: self.top])
        keep = max(0, self.top - in_top - len(promoted))  # other pages left in the top
        for page in promoted:
            own = self.title_matches(titles.get(page, ""), terms)
            count = 0
            for other in rest:
                if rank[other] > rank[page]:
                    break
                if other in named_set:
                    continue
                count += 1
                title = titles.get(other, "")
                if self.title_names(title, page) and self.title_matches(title, terms) > own:
                    keep = max(keep, count)  # names it more exactly: stays above
        at = max((i + 1 for i, p in enumerate(rest[: self.top]) if p in named_set), default=0)
        count = 0
        for i, page in enumerate(rest):
            if count >= keep:
                break
            count += page not in named_set
            at = max(at, i + 1)
        return rest[:at] + promoted + rest[at:]


class SearchSplitter:
    def __init__(self, rules: dict):
        self.rules = rules
        self.normaliser = Normaliser(rules)

    @cached_property
    def browser_rules(self) -> dict:
        return without_comments(self.rules)

    def fields(self, material: dict) -> dict:
        """Material's index fields with the boosts of ranking.fields."""
        fields = {name: dict(spec) for name, spec in material.items()}
        for name, boost in self.rules["ranking"]["fields"].items():
            fields[name] = {**fields.get(name, {}), "boost": float(boost)}
        return fields

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
                "fields": self.fields(combined["config"].get("fields", {})),
                "normalise": {**self.browser_rules, "lexicon": self.normaliser.lexicon(words)},
            }
        )
        return {"config": config, "docs": docs}


def split_index(
    site: Path, default: str, others: list[str], rules: dict, rules_path: Path = RULES_FILE
) -> dict[str, Path]:
    """Write one search index per language; return language -> file. A ranking rule for a
    page that a language's index lacks stops the build (it could never match)."""
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
    checker = RulesChecker(rules_path, read_source(rules_path))
    for lang, docs in by_lang.items():
        checker.pages_exist(rules, lang, {d["location"] for d in docs})
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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    load_rules()  # a bad rules file stops the build before it starts, not after
    return config


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
