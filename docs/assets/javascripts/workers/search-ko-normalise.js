/*
 * Korean search normaliser and result ranking for the browser, the twins of hooks/search_ko.py
 * (Normaliser, Ranker). The rules come from hooks/search_ko_rules.json, which the build copies
 * into each search index (config.normalise). Both are tested on the same cases:
 * tests/test_search_normaliser.py. Loaded by search-ko.js inside the search worker, and by Node
 * in the tests.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports)
    module.exports = factory()
  else
    root.searchKo = factory()
})(typeof self !== "undefined" ? self : this, function () {
  "use strict"

  var HANGUL = /[가-힣]/
  var HANGUL_RUN = /[가-힣]+/g
  var JAMO_AT_END = /[\u3131-\u318e]+(?=\s|$)/g
  var LATIN_BEFORE_HANGUL = /([a-z0-9])(?=[가-힣])/g
  var HANGUL_BEFORE_LATIN = /([가-힣])(?=[a-z0-9])/g
  var TAG = /<[^>]*>/
  var OPERATORS = /^\++|\*+|[~^]\d*/g
  var API_NAME = /[a-z0-9_]\.[a-z_]/

  function has(set, word) {
    return !!set && (typeof set.has === "function" ? set.has(word) : set.indexOf(word) >= 0)
  }

  function createNormaliser(rules) {
    var suffixes = rules.suffixes.filter(function (s, i, all) { return all.indexOf(s) === i })
      .sort(function (a, b) { return b.length - a.length })
    var suffixSet = new Set(suffixes)
    var minStem = Number(rules.min_stem)
    var maxQuery = Number(rules.max_query_length)
    var groups = new Map()
    rules.variants.forEach(function (group) {
      group.forEach(function (word) { groups.set(word, group) })
    })
    var keep = new Set(rules.keep.concat(Array.from(groups.keys())))
    var stopWords = new Set(rules.stop_words || [])
    var separator = new RegExp(rules.separator)

    /* The word without its particle or ending; "" for a particle on its own. */
    function stem(word, known) {
      if (keep.has(word))
        return word
      if (suffixSet.has(word))
        return ""
      var cut = []
      for (var i = 0; i < suffixes.length; i++) {
        var s = suffixes[i]
        if (word.length > s.length && word.endsWith(s))
          cut.push([word.slice(0, -s.length), s])
      }
      for (var j = 0; j < cut.length; j++)
        if (has(known, cut[j][0]) || keep.has(cut[j][0]))
          return cut[j][0]
      if (cut.length && cut[0][0].length >= minStem)  /* the longest suffix decides */
        return cut[0][0]
      return word
    }

    function variants(word) {
      return groups.get(word) || []
    }

    /* What to index for one token: the word, its stem, and their spelling variants. */
    function indexTerms(word, lexicon, known) {
      var terms = [word]
      var base = word
      if (HANGUL.test(word)) {
        base = Object.prototype.hasOwnProperty.call(lexicon, word)
          ? lexicon[word]
          : stem(word, known)
        if (base === "")
          return []
        if (base !== word)
          terms.push(base)
      }
      variants(base).forEach(function (v) {
        if (terms.indexOf(v) < 0)
          terms.push(v)
      })
      return terms
    }

    /* The query as lunr should see it: particles stripped, Latin split from Hangul, the
       question's own words (stop_words) left out. */
    function query(q, lexicon, known) {
      q = Array.from(String(q).normalize("NFC")).slice(0, maxQuery).join("").toLowerCase()
      q = q.replace(JAMO_AT_END, "")
        .replace(LATIN_BEFORE_HANGUL, "$1 ")
        .replace(HANGUL_BEFORE_LATIN, "$1 ")
        .replace(HANGUL_RUN, function (word) {
          if (Object.prototype.hasOwnProperty.call(lexicon, word))
            return lexicon[word]
          if (has(known, word))
            return word
          return stem(word, known)
        })
      var words = q.split(/\s+/).filter(Boolean)
      var topic = words.filter(function (w) { return !isStopWord(w) })
      return (topic.length ? topic : words).join(" ")
    }

    /* A word of the question, not of its topic (방법, how): left out when others remain. */
    function isStopWord(word) {
      var parts = word.split(separator).filter(Boolean)
      return parts.length > 0 && parts.every(function (p) { return stopWords.has(p) })
    }

    /* Search terms to highlight on the page: each matched term with its spelling variants. */
    function highlightTerms(terms) {
      var out = {}
      Object.keys(terms).forEach(function (term) {
        out[term] = terms[term]
        if (!terms[term])
          return
        groups.forEach(function (group, member) {
          if (member === term || (term.length >= 2 && member.startsWith(term)))
            group.forEach(function (v) {
              if (!(v in out))
                out[v] = true
            })
        })
      })
      return out
    }

    /* The words Material's tokenizer makes of a search index field (lowercased). */
    function tokens(html) {
      var words = []
      String(html).split(TAG).forEach(function (block) {
        block.split(separator).forEach(function (w) {
          if (w)
            words.push(w.toLowerCase())
        })
      })
      return words
    }

    return {
      stem: stem,
      variants: variants,
      indexTerms: indexTerms,
      query: query,
      highlightTerms: highlightTerms,
      tokens: tokens,
      separator: separator
    }
  }

  /*
   * The order of the result pages (hooks/search_ko.py, Ranker, says the same in Python): for a
   * query that names a framework (rules.ranking.frameworks, any spelling), that framework's page
   * 1. moves above pages whose titles name the framework but match no more of the query's words
   *    than its own title does;
   * 2. is among the first `top` pages, below any page ranked above it whose title names the
   *    framework and matches more of the query's words than its own title.
   */
  function createRanker(rules, norm) {
    norm = norm || createNormaliser(rules)
    var ranking = rules.ranking
    var top = Number(ranking.top)
    var pageOf = new Map()
    var names = new Map()
    ranking.frameworks.forEach(function (fw) {
      names.set(fw.page, new Set(fw.names))
      fw.names.forEach(function (name) { pageOf.set(name, fw.page) })
    })

    /* The words of a normalised query: operators dropped, `-word` left out. */
    function terms(query) {
      var out = []
      String(query).split(/\s+/).forEach(function (word) {
        if (!word || word.charAt(0) === "-")
          return
        word.replace(OPERATORS, "").split(norm.separator).forEach(function (term) {
          if (term && out.indexOf(term) < 0)
            out.push(term)
        })
      })
      return out
    }

    /* The framework pages a normalised query names, in its order; a name inside an API's
       dotted name (torch.compile, tf.keras) asks for that API, not the framework's page. */
    function named(query) {
      var pages = []
      String(query).split(/\s+/).forEach(function (word) {
        if (!word || word.charAt(0) === "-" || API_NAME.test(word))
          return
        word.replace(OPERATORS, "").split(norm.separator).forEach(function (term) {
          var page = pageOf.get(term)
          if (page && pages.indexOf(page) < 0)
            pages.push(page)
        })
      })
      return pages
    }

    function titleMatches(title, words) {
      var toks = norm.tokens(title)
      var count = 0
      words.forEach(function (term) {
        var forms = [term].concat(norm.variants(term))
        if (toks.some(function (tok) {
          return forms.some(function (form) { return tok.startsWith(form) })
        }))
          count++
      })
      return count
    }

    function titleNames(title, page) {
      var set = names.get(page)
      return norm.tokens(title).some(function (tok) {
        return set.has(tok) || set.has(norm.stem(tok))
      })
    }

    /* pages: result pages, best first; titles: page -> title. Returns the new order. */
    function rerank(pages, query, titles) {
      var words = terms(query)
      var namedPages = named(query)
      if (!namedPages.length)
        return pages
      var isNamed = function (page) { return namedPages.indexOf(page) >= 0 }
      var title = function (page) {
        return Object.prototype.hasOwnProperty.call(titles, page) ? titles[page] : ""
      }
      pages = pages.slice()
      /* 1. the framework's own page before pages whose titles name it no more exactly */
      namedPages.forEach(function (page) {
        var at = pages.indexOf(page)
        if (at < 0)
          return
        var own = titleMatches(title(page), words)
        for (var i = 0; i < at; i++) {
          var other = pages[i]
          if (!isNamed(other) && titleNames(title(other), page)
              && titleMatches(title(other), words) <= own) {
            pages.splice(i, 0, pages.splice(at, 1)[0])
            break
          }
        }
      })
      /* 2. among the first `top`, unless pages above it name it more exactly */
      var rank = new Map()
      pages.forEach(function (page, i) { rank.set(page, i) })
      var promoted = pages.filter(function (p) { return isNamed(p) && rank.get(p) >= top })
      if (!promoted.length)
        return pages
      var rest = pages.filter(function (p) { return promoted.indexOf(p) < 0 })
      var inTop = rest.slice(0, top).filter(isNamed).length
      var keep = Math.max(0, top - inTop - promoted.length)
      promoted.forEach(function (page) {
        var own = titleMatches(title(page), words)
        var count = 0
        for (var i = 0; i < rest.length; i++) {
          var other = rest[i]
          if (rank.get(other) > rank.get(page))
            break
          if (isNamed(other))
            continue
          count++
          if (titleNames(title(other), page) && titleMatches(title(other), words) > own)
            keep = Math.max(keep, count)
        }
      })
      var at = 0
      rest.slice(0, top).forEach(function (p, i) { if (isNamed(p)) at = Math.max(at, i + 1) })
      var seen = 0
      for (var j = 0; j < rest.length && seen < keep; j++) {
        if (!isNamed(rest[j]))
          seen++
        at = Math.max(at, j + 1)
      }
      return rest.slice(0, at).concat(promoted, rest.slice(at))
    }

    return { terms: terms, named: named, rerank: rerank }
  }

  return { createNormaliser: createNormaliser, createRanker: createRanker }
})
