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
  document$.subscribe(() => {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code")
      .forEach((el) => observer.observe(el));
    document.querySelectorAll("nav.md-code__nav").forEach((nav) => nav.setAttribute("role", "none"));
    document.querySelectorAll(".md-annotation__index").forEach((link) => {
      const number = link.querySelector("[data-md-annotation-id]");
      if (number) link.setAttribute("aria-label", `${word} ${number.dataset.mdAnnotationId}`);
    });
  });
})();
