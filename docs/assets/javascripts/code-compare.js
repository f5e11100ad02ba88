// Compare view for the code pages: a toggle button that shows the TensorFlow, Keras and
// PyTorch panels of every tab group side by side. The CSS applies it on wide screens only
// (>= 1220px, Material's large breakpoint); below that the groups stay tabs and the button is
// hidden. The choice is remembered (localStorage) like Material's linked tabs.
(() => {
  const LABELS = ["TensorFlow", "Keras", "PyTorch"];
  const KEY = "code-compare";
  const TEXT = {
    ko: "세 프레임워크 나란히 보기",
    en: "Show the three frameworks side by side",
  };
  const lang = () => ((document.documentElement.lang || "ko").slice(0, 2) === "en" ? "en" : "ko");

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

  const frameworkGroups = (root) =>
    [...root.querySelectorAll(".tabbed-set")].filter((set) => {
      const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
      return labels.length === LABELS.length &&
        labels.every((label, i) => label.textContent.trim() === LABELS[i]);
    });

  const apply = (on, button) => {
    document.documentElement.toggleAttribute("data-code-compare", on);
    if (button) button.setAttribute("aria-pressed", String(on));
  };

  const setUp = () => {
    const content = document.querySelector(".md-content__inner");
    if (!content || content.querySelector(".code-compare-toggle")) return;
    const groups = frameworkGroups(content);
    if (!groups.length) {
      document.documentElement.removeAttribute("data-code-compare");
      return;
    }
    groups.forEach((set) => set.classList.add("code-compare-set"));
    const button = document.createElement("button");
    button.type = "button";
    button.className = "code-compare-toggle";
    button.textContent = TEXT[lang()];
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") !== "true";
      apply(on, button);
      store(on);
    });
    const bar = document.createElement("div");
    bar.className = "code-compare-bar";
    bar.append(button);
    const title = content.querySelector("h1");
    if (title) title.after(bar);
    else content.prepend(bar);
    apply(stored(), button);
  };

  if (typeof document$ !== "undefined") document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
