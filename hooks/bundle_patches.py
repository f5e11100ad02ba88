"""Patches to Material's JavaScript bundle, applied after the build: mostly performance.

* The language switch does not fetch a sitemap beside every alternate link (each was a 404).
* Search (index, worker, search box) is set up on the reader's first move towards it.
* Start-up does not restyle the page repeatedly, and runs in short slices from a queue so
  input and painting come between them.

Each patch names the exact text it replaces; the build stops when that text is not found
exactly once (after a Material upgrade, say), so a patch never silently stops applying.
What each is worth, measured: CONTRIBUTING.md, "Toolchain status and migration plan".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

BUNDLE_PATCHES = [
    # the language switcher's sitemap lookup
    ('M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-sitemap]")'),
    # setupSearchWorker: index on first use, not `of(location.protocol !== "file:")`
    ('L($(location.protocol!=="file:"),Je("search"))', 'L($(!1),Je("search"))'),
    # mountSearchHighlight: combineLatest([index$, location$ with ?h=]) becomes
    # location$ with ?h= -> switchMap to index$, so a page without ?h= never fetches it
    (
        'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])',
        'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n]))))',
    ),
    # mountPalette: `data-md-color-switching` on <body> turns transitions off while the colours
    # change. Material sets it on every palette emission, the one at page load included, where
    # usually nothing changes (the inline script in the header has applied the stored palette);
    # setting and removing it restyled the whole page twice during start-up. It is now set
    # only when the scheme, primary or accent colour really changes.
    (
        'i.subscribe(s=>{if(document.body.setAttribute("data-md-color-switching",""),'
        's.color.media==="(prefers-color-scheme)")',
        'i.subscribe(s=>{if(s.color.media==="(prefers-color-scheme)")',
    ),
    (
        "for(let[a,c]of Object.entries(s.color))document.body.setAttribute(`data-md-color-${a}`,c);",
        '["scheme","primary","accent"].some(a=>document.body.getAttribute(`data-md-color-${a}`)!=='
        's.color[a])&&document.body.setAttribute("data-md-color-switching","");'
        "for(let[a,c]of Object.entries(s.color))document.body.setAttribute(`data-md-color-${a}`,c);",
    ),
    # mountPalette and <meta name="color-scheme">: any write to it, even of the same value,
    # makes the browser restyle the whole page. Material appended an empty one and then filled
    # it in (two restyles at start-up). overrides/main.html writes it while the header is
    # parsed, from the scheme the inline palette script applied; Material now reuses it, reads
    # the header's colours before writing, and writes only when the scheme has changed.
    (
        'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
        'let o=document.querySelector("meta[name=color-scheme]")||'
        'document.head.appendChild(x("meta",{name:"color-scheme"}));',
    ),
    (
        "a=window.getComputedStyle(s);return o.content=a.colorScheme,a.backgroundColor.match(",
        "a=window.getComputedStyle(s),c=a.backgroundColor;"
        "return o.content!==a.colorScheme&&(o.content=a.colorScheme),c.match(",
    ),
    # mountSearch: the search box is set up when the reader first turns to it, not while every
    # page starts. It is set up at once for a `?q=`
    # link, else on the first of: focus in the search field (click, tap, Tab), the search
    # toggle switched on (the phone's search button, the magnifier), or the `f`, `s` or `/`
    # shortcut. The event that set it up happened before it listened, so the field is focused
    # for it, as Material does for that event. A field the reader focused before this ran
    # (before the bundle arrived, or before start-up reached it: start-up runs in slices, below)
    # opens search and sets the box up at once.
    (
        '...me("search").map(e=>_i(e,{index$:zi,keyboard$:mo})),',
        '...me("search").map(e=>{let q=Ce("search-query",e),f=()=>queueMicrotask(()=>{q.focus(),'
        'q.select()}),s=()=>_i(e,{index$:zi,keyboard$:mo});return we().searchParams.has("q")?s():'
        'H(()=>document.activeElement===q?(at("search",!0),s()):'
        'L(h(q,"focus"),Je("search").pipe(g(Boolean),O(f)),mo.pipe(g(c=>c.mode==="global"&&'
        '["f","s","/"].includes(c.type)),O(c=>{c.claim(),f()}))).pipe(Ee(1),b(s)))}),',
    ),
    # Start-up in slices. Material mounted every component (header, tabs, table of contents,
    # content: code blocks, tab groups, links, ...) in one go, in the bundle's first task and on
    # DOMContentLoaded: two long tasks. The components are
    # now mounted one after another from a queue that yields to the browser (`setTimeout`) after
    # 6 ms of work, so the reader's input and the page's painting come between them; the same
    # for a code block mounted when it comes into view (content.lazy), the copy-button handler
    # and the nav's long-title check. `later(f)` queues a call, `laterSubscribe(o)` an
    # observable's subscription (cancelled if unsubscribed first), `laterMerge` is `merge` of
    # queued subscriptions. `window.__md_idle()` is true when nothing is queued: tests wait for
    # it before they act on a component. The names are checked to be new to the bundle.
    (
        'document.documentElement.classList.remove("no-js");',
        "var laterQueue=[],laterBusy=!1;function laterRun(){let t=performance.now();"
        "for(;laterQueue.length&&performance.now()-t<6;){let f=laterQueue.shift();try{f()}"
        "catch(e){setTimeout(()=>{throw e})}}laterQueue.length?setTimeout(laterRun):laterBusy=!1}"
        "function later(f){laterQueue.push(f),laterBusy||(laterBusy=!0,setTimeout(laterRun))}"
        "function laterSubscribe(o){return new F(s=>{let u,c=!1;later(()=>{c||(u=o.subscribe(s))});"
        "return()=>{c=!0,u&&u.unsubscribe()}})}"
        "function laterMerge(...a){return L(...a.map(laterSubscribe))}"
        "window.__md_idle=()=>!laterBusy;"
        'document.documentElement.classList.remove("no-js");',
    ),
    ('Hs=L(...me("consent")', 'Hs=laterMerge(...me("consent")'),
    ('$s=H(()=>L(...me("announce")', '$s=H(()=>laterMerge(...me("announce")'),
    ("Ki=ct.pipe(b(()=>$s),", "Ki=ct.pipe(b(()=>laterSubscribe($s)),"),
    (
        "function oi(e,t){let{viewport$:r,target$:o,print$:n}=t;return L(",
        "function oi(e,t){let{viewport$:r,target$:o,print$:n}=t;return laterMerge(",
    ),
    (
        'return V("content.lazy")?mt(e).pipe(g(n=>n),Ee(1),b(()=>o)):o}',
        'return V("content.lazy")?mt(e).pipe(g(n=>n),Ee(1),b(()=>laterSubscribe(o))):o}',
    ),
    ("di({alert$:fo});", "later(()=>di({alert$:fo}));"),
    ("Fi({viewport$:ke,document$:ct});", "later(()=>Fi({viewport$:ke,document$:ct}));"),
    # viewport$: its first value (the scroll offset and the window size) was read when the
    # bundle ran, not when something first listened; read while the page's layout is stale,
    # it made the browser lay the whole page out inside the bundle's task. Now read on first
    # use. The scroll lock of the phone's search reads the offset when it locks instead of
    # listening to every scroll from the start.
    (
        'function Tn(){return L(h(window,"scroll",{passive:!0}),h(window,"resize",{passive:!0}))'
        ".pipe(m(wn),Q(wn()))}",
        'function Tn(){return H(()=>L(h(window,"scroll",{passive:!0}),h(window,"resize",'
        "{passive:!0})).pipe(m(wn),Q(wn())))}",
    ),
    (
        'function On(){return h(window,"resize",{passive:!0}).pipe(m(Sn),Q(Sn()))}',
        'function On(){return H(()=>h(window,"resize",{passive:!0}).pipe(m(Sn),Q(Sn())))}',
    ),
    (
        "te(e)).subscribe(([r,{offset:{y:o}}])=>{if(r)document.body.setAttribute("
        '"data-md-scrolllock","")',
        "m(r=>[r,{offset:wn()}])).subscribe(([r,{offset:{y:o}}])=>{if(r)document.body.setAttribute("
        '"data-md-scrolllock","")',
    ),
]

# identifiers the patches above add to the bundle's scope: they must not shadow Material's
NEW_NAMES = (
    "laterQueue",
    "laterBusy",
    "laterRun",
    "later",
    "laterSubscribe",
    "laterMerge",
    "__md_idle",
)


def patch_bundle(site_dir: Path) -> Path:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(
            f"hooks/bundle_patches.py: expected one Material bundle in {site_dir}/assets/"
            f"javascripts, found {len(bundles)}"
        )
    bundle = bundles[0]
    text = bundle.read_text(encoding="utf-8")
    for name in NEW_NAMES:
        if re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", text):
            raise PluginError(
                f"hooks/bundle_patches.py: {bundle.name} already uses the name {name!r}, which "
                "BUNDLE_PATCHES adds. Material's bundle changed: rename it in BUNDLE_PATCHES "
                "and NEW_NAMES."
            )
    for old, new in BUNDLE_PATCHES:
        if text.count(old) != 1:
            raise PluginError(
                f"hooks/bundle_patches.py: {bundle.name} contains {old!r} {text.count(old)} times, "
                "expected once. Material's bundle changed: check the fix is still needed and "
                "update BUNDLE_PATCHES."
            )
        text = text.replace(old, new)
    bundle.write_text(text, encoding="utf-8")
    # the source map would show readers the unpatched code
    Path(str(bundle) + ".map").unlink(missing_ok=True)
    return bundle


def on_post_build(*, config: MkDocsConfig) -> None:
    patch_bundle(Path(config["site_dir"]))
