/*
 * Search worker: Material's own, with Korean normalisation around it (hooks/search_ko.py).
 *
 * - setup: reads config.normalise of the search index (rules + word -> stem lexicon, written
 *   by the build) and adds one step to lunr's index pipeline: every token is indexed with its
 *   stem and spelling variants (텐서플로우가 -> 텐서플로우가, 텐서플로우, 텐서플로, tensorflow),
 *   at the token's own position, so results still highlight the word in the text;
 * - query: strips particles and splits Latin from Hangul before Material's search sees it;
 * - result: adds spelling variants to the matched terms, so the page highlights them all, and
 *   orders the pages by the ranking rules (a query naming a framework lists that framework's
 *   page among the first three; rules.ranking, the same rules the build reads).
 *
 * Anything unexpected falls back to Material's behaviour: search never breaks on our account.
 * The build writes the name of Material's (hashed) worker below.
 *
 * The theme creates this worker on every page, but sends it nothing until the reader opens
 * search (hooks/bundle_patches.py). So the normaliser and Material's worker are loaded on the
 * first message, which is then handed to Material's listener: a page view costs this file only.
 */
;(function () {
  "use strict"

  var bootAdd = self.addEventListener.bind(self)
  var bootRemove = self.removeEventListener.bind(self)
  function boot(ev) {
    bootRemove("message", boot)
    load()
    self.dispatchEvent(new MessageEvent("message", { data: ev.data }))
  }
  bootAdd("message", boot)

  function load() {
    importScripts("search-ko-normalise.js")

    var MATERIAL_WORKER = "__MATERIAL_SEARCH_WORKER__"
    var SETUP = 0, QUERY = 2, RESULT = 3
    var state = null

    function setup(data) {
      var rules = data && data.config && data.config.normalise
      if (!rules || !self.searchKo) {
        state = null
        return
      }
      var lexicon = rules.lexicon || {}
      var stems = new Set()
      Object.keys(lexicon).forEach(function (word) { stems.add(lexicon[word]) })
      var norm = self.searchKo.createNormaliser(rules)
      var titles = Object.create(null)  /* page -> its title (not its sections' headings) */
      ;(data.docs || []).forEach(function (doc) {
        if (doc && typeof doc.location === "string" && doc.location.indexOf("#") < 0)
          titles[doc.location] = String(doc.title || "")
      })
      state = {
        norm: norm,
        ranker: rules.ranking ? self.searchKo.createRanker(rules, norm) : null,
        titles: titles,
        lexicon: lexicon,
        stems: stems,
        known: new Set(),
        query: ""
      }
    }

    /* Material's result: one group per page (the page and its sections), best first */
    function rerank(items) {
      if (!state.ranker || !Array.isArray(items) || !state.query)
        return items
      var byPage = new Map()
      var pages = []
      items.forEach(function (group) {
        var page = group && group[0] && String(group[0].location).split("#")[0]
        if (typeof page !== "string" || byPage.has(page))
          return
        byPage.set(page, group)
        pages.push(page)
      })
      if (pages.length !== items.length)  /* not the shape we know: leave it */
        return items
      return state.ranker.rerank(pages, state.query, state.titles)
        .map(function (page) { return byPage.get(page) })
    }

    function inbound(message) {
      try {
        if (message && message.type === SETUP)
          setup(message.data)
        else if (message && message.type === QUERY && state && typeof message.data === "string") {
          /* Material answers each query before it reads the next message */
          state.query = state.norm.query(message.data, state.lexicon, state.known)
          return { type: QUERY, data: state.query }
        }
      } catch (err) {
        state = null
      }
      return message
    }

    function outbound(message) {
      try {
        if (message && message.type === RESULT && state && message.data && message.data.items) {
          message.data.items.forEach(function (group) {
            group.forEach(function (item) {
              if (item.terms)
                item.terms = state.norm.highlightTerms(item.terms)
            })
          })
          message.data.items = rerank(message.data.items)
        }
      } catch (err) { /* keep Material's result as it is */ }
      return message
    }

    function indexToken(token) {
      if (!state)
        return token
      var word = token.toString()
      var terms = state.norm.indexTerms(word, state.lexicon, state.stems)
      if (!terms.length)
        return null
      return terms.map(function (term) {
        state.known.add(term)
        return term === word ? token : token.clone(function () { return term })
      })
    }

    /* Material's worker listens with addEventListener and answers with postMessage */
    var addListener = self.addEventListener.bind(self)
    var post = self.postMessage.bind(self)
    self.addEventListener = function (type, listener, options) {
      if (type !== "message")
        return addListener(type, listener, options)
      return addListener(type, function (ev) {
        return listener({ data: inbound(ev.data) })
      }, options)
    }
    self.postMessage = function (message) {
      return post(outbound(message))
    }

    importScripts(MATERIAL_WORKER)

    var lunr = self.lunr

    /* lunr's TokenSet names a node by its edges as char + child id with nothing between, so
       with digit edges two different nodes can get the same name ("1" -> node 23 and "1" ->
       node 2, "3" -> ...): minimising the word graph then merges them, and the index's token
       set holds words no page has ("xla0.975×12"), which a query that expands to them ("x")
       turns into a TypeError in lunr. A delimiter after each id makes the names unambiguous.
       Not ours to skip: the speed page's figures in table cells are such words. */
    lunr.TokenSet.prototype.toString = function () {
      if (this._str)
        return this._str
      var str = this.final ? "1" : "0"
      var labels = Object.keys(this.edges).sort()
      for (var i = 0; i < labels.length; i++)
        str += labels[i] + this.edges[labels[i]].id + ","
      return str
    }

    lunr.Pipeline.registerFunction(indexToken, "searchKo")
    var add = lunr.Builder.prototype.add
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!this.searchKo) {
        this.searchKo = true
        this.pipeline.add(indexToken)
      }
      return add.call(this, doc, attributes)
    }

    /* A query lunr cannot parse ("keras~x", "(.*)+") is searched for its words, operators
       dropped, instead of Material showing no results with a warning in the console */
    var parse = lunr.QueryParser.prototype.parse
    lunr.QueryParser.prototype.parse = function () {
      try {
        return parse.call(this)
      } catch (err) {
        if (!state || !(err instanceof lunr.QueryParseError))
          throw err
        this.query.clauses = []
        try {
          parse.call(new lunr.QueryParser(
            this.lexer.str.replace(/[*+\-:~^"]+/g, " "), this.query))
        } catch (again) {
          this.query.clauses = []
        }
        if (!this.query.clauses.length)  /* nothing left: match nothing, not everything */
          this.query.clause({
            term: "\uffff", usePipeline: false, presence: lunr.Query.presence.REQUIRED
          })
        return this.query
      }
    }

    /* A word and its stem or variants share one position: when the query matches several of
       them, report the position once, or Material would wrap the same word twice in <mark> */
    var query = lunr.Index.prototype.query
    lunr.Index.prototype.query = function (fn) {
      var results = query.call(this, fn)
      if (state)
        results.forEach(function (result) {
          var seen = Object.create(null)
          var metadata = result.matchData.metadata
          Object.keys(metadata).forEach(function (term) {
            Object.keys(metadata[term]).forEach(function (field) {
              var data = metadata[term][field]
              if (!data || !Array.isArray(data.position))
                return
              var fieldSeen = seen[field] || (seen[field] = new Set())
              data.position = data.position.filter(function (p) {
                return !fieldSeen.has(p) && !!fieldSeen.add(p)
              })
            })
          })
        })
      return results
    }
  }
})()
