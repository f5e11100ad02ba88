/*
 * Korean search normaliser for the browser, the twin of hooks/search_ko.py (Normaliser).
 * The rules come from hooks/search_ko_rules.json, which the build copies into each search
 * index (config.normalise). Both are tested on the same cases: tests/test_search_normaliser.py.
 * Loaded by search-ko.js inside the search worker, and by Node in the tests.
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

    /* The query as lunr should see it: particles stripped, Latin split from Hangul. */
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
      return q.split(/\s+/).filter(Boolean).join(" ")
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

    return {
      stem: stem,
      variants: variants,
      indexTerms: indexTerms,
      query: query,
      highlightTerms: highlightTerms
    }
  }

  return { createNormaliser: createNormaliser }
})
