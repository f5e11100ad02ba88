// Compare view for the code pages: a toggle button that shows the TensorFlow, Keras and
// PyTorch panels of every tab group side by side. The build writes the button and marks the
// groups (hooks/code_pages.py), so starting up changes nothing in the page unless the reader
// turned the view on; this script makes the button work. The CSS applies the view on wide
// screens only (>= 1220px, Material's large breakpoint); below that the groups stay tabs and
// the button is hidden. The choice is remembered (localStorage) like Material's linked tabs.
(() => {
  const KEY = "code-compare";
  const ready = new WeakSet();

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
      apply(on, button);
      store(on);
    });
    apply(stored(), button);
  };

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
