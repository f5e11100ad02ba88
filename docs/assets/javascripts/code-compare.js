// Compare view for the code pages: a toggle button that shows the TensorFlow, Keras and
// PyTorch panels of every tab group side by side. The build writes the button and marks the
// groups (hooks/code_pages.py), so starting up changes nothing in the page unless the reader
// turned the view on; this script makes the button work. The CSS applies the view on wide
// screens only (>= 1220px, Material's large breakpoint); below that the groups stay tabs and
// the button is hidden. The choice is remembered (localStorage) like Material's linked tabs.
//
// So that code fits its column, the view wraps long lines and marks each continuation
// (extra.css). The mark needs each source line in an element of its own: when the view is
// first turned on, every code block of the compare sets gets its lines put in
// `<span class="cc-line">` (once; the spans change nothing while the view is off, and the
// code's text, which the copy button copies, stays the same). A page that starts with the
// view on does this when the browser is idle, not during start-up.
(() => {
  const KEY = "code-compare";
  const LINE = "cc-line";
  const ready = new WeakSet();
  const lined = new WeakSet();

  // The pieces of a node: nodes without a line break, and "\n" for each break. An element
  // that spans lines (a multi-line string) is cut into one shallow copy per line.
  const pieces = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const out = [];
      node.data.split("\n").forEach((text, i) => {
        if (i) out.push("\n");
        if (text) out.push(document.createTextNode(text));
      });
      return out;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || !node.textContent.includes("\n")) return [node];
    const out = [];
    let copy = null;
    [...node.childNodes].forEach((child) =>
      pieces(child).forEach((piece) => {
        if (piece === "\n") {
          out.push("\n");
          copy = null;
          return;
        }
        if (!copy) out.push((copy = node.cloneNode(false)));
        copy.append(piece);
      }),
    );
    return out;
  };

  const splitLines = (code) => {
    if (lined.has(code)) return;
    lined.add(code);
    const lines = document.createDocumentFragment();
    let line = null;
    [...code.childNodes].forEach((child) =>
      pieces(child).forEach((piece) => {
        if (piece === "\n") {
          lines.append("\n");
          line = null;
          return;
        }
        if (!line) {
          line = document.createElement("span");
          line.className = LINE;
          lines.append(line);
        }
        line.append(piece);
      }),
    );
    code.replaceChildren(lines);
  };

  const splitAll = () =>
    document.querySelectorAll(".md-content .code-compare-set pre > code").forEach(splitLines);

  const stored = () => {
    try {
      return localStorage.getItem(KEY) === "on";
    } catch (e) {
      return false; // storage blocked: the toggle still works for this page
    }
  };
  const store = (on) => {
    try {
      localStorage.setItem(KEY, on ? "on" : "off");
    } catch (e) {
      /* nothing to remember it in */
    }
  };

  // Written only when it changes: an unchanged page is not restyled.
  const apply = (on, button) => {
    const root = document.documentElement;
    if (root.hasAttribute("data-code-compare") !== on) root.toggleAttribute("data-code-compare", on);
    if (button && button.getAttribute("aria-pressed") !== String(on)) {
      button.setAttribute("aria-pressed", String(on));
    }
  };

  const setUp = () => {
    const button = document.querySelector(".md-content .code-compare-toggle");
    if (!button) {
      apply(false);
      return;
    }
    if (ready.has(button)) return;
    ready.add(button);
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") !== "true";
      if (on) splitAll();
      apply(on, button);
      store(on);
    });
    const on = stored();
    apply(on, button);
    if (on) (window.requestIdleCallback || setTimeout)(splitAll);
  };

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
