// Accessibility fixes to what Material's script builds in the page (tests/test_a11y.py).
// - Keyboard access to wide tables and code: Material wraps every table in a horizontal
//   scroller (.md-typeset__scrollwrap) but does not make it focusable, and makes an
//   overflowing code block focusable only on devices with a mouse; a keyboard user on a
//   phone-sized or touch screen could not scroll them (axe: scrollable-region-focusable).
//   Each scroller gets tabindex="0" while it overflows.
// - The copy button's bar of every code block is a <nav>: many unnamed navigation landmarks
//   that are not navigation (axe: landmark-unique). It is marked as a plain group.
// - A code annotation's marker is a link whose number is drawn by CSS, so it has no name
//   for a screen reader (axe: link-name). It is named "Annotation 1" in the page's language.
(() => {
  const ANNOTATION = { ko: "코드 설명", en: "Annotation" };
  const word = ANNOTATION[document.documentElement.lang] || ANNOTATION.en;
  // Called once for every scroller when observed, then whenever its size changes (a tab is
  // shown, the window resized). All sizes are read before any attribute is written, so the
  // browser lays the page out once, not once per scroller.
  const observer = new ResizeObserver((entries) => {
    const overflows = entries.map((e) => e.target.scrollWidth > e.target.clientWidth);
    entries.forEach((e, i) => {
      if (overflows[i]) e.target.setAttribute("tabindex", "0");
      else e.target.removeAttribute("tabindex");
    });
  });
  // root and every element under it that matches selector
  const each = (root, selector, fn) => {
    if (root.matches(selector)) fn(root);
    root.querySelectorAll(selector).forEach(fn);
  };
  const fix = (root) => {
    each(root, ".md-typeset__scrollwrap, .md-typeset pre > code", (el) => observer.observe(el));
    each(root, "nav.md-code__nav", (nav) => {
      nav.setAttribute("role", "none");
      // the bar is added when Material mounts the block, which also removes the code's
      // tabindex on a touch screen: observe the code anew, so its overflow is read again
      const code = nav.parentElement.querySelector(":scope > code");
      if (code) {
        observer.unobserve(code);
        observer.observe(code);
      }
    });
    each(root, ".md-annotation__index", (link) => {
      const number = link.querySelector("[data-md-annotation-id]");
      if (number) link.setAttribute("aria-label", `${word} ${number.dataset.mdAnnotationId}`);
    });
  };
  document$.subscribe(() => {
    fix(document.body);
    // Material builds a code block's buttons and annotation markers when the block first
    // comes into view (content.lazy, mkdocs.yml): fix what it adds as it adds it
    const content = document.querySelector(".md-content");
    if (content)
      new MutationObserver((records) => records.forEach((record) =>
        record.addedNodes.forEach((node) => node instanceof Element && fix(node))
      )).observe(content, { childList: true, subtree: true });
  });
})();
