"""Theme overrides that copy a part of Material (a partial, a template block) must change
only what they say they change. After a Material upgrade these fail until the copy is redone."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from tests.conftest import ROOT


def test_search_partial_is_materials_with_only_the_dialog_name_and_share_link_changed():
    """overrides/partials/search.html is a copy of Material's partial: after a Material upgrade
    it must be compared again, so this test fails as soon as Material's partial changes."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(
        encoding="utf-8"
    )
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    old = '<div class="md-search" data-md-component="search" role="dialog">'
    new = (
        '<div class="md-search" data-md-component="search" role="dialog" '
        "aria-label=\"{{ lang.t('search') }}\">"
    )
    old_share = '<a href="javascript:void(0)" class="md-search__icon md-icon"'
    new_share = '<a href="{{ page.url | url }}" class="md-search__icon md-icon"'
    strip = lambda text: text.split("-#}\n", 1)[1]  # noqa: E731 - the leading comment differs
    assert theirs.count(old) == 1 and theirs.count(old_share) == 1, (
        "Material's partials/search.html changed: redo overrides/partials/search.html from it"
    )
    assert strip(ours) == strip(theirs).replace(old, new).replace(old_share, new_share), (
        "overrides/partials/search.html differs from Material's partial beyond the dialog name "
        "and the share link"
    )


def block(template: str, name: str) -> list[str]:
    """The lines of a Jinja block, each stripped of its indentation."""
    match = re.search(r"\{% block " + name + r" %\}\n(.*?)\n\s*\{% endblock %\}", template, re.S)
    assert match, f"no block {name!r}"
    return [line.strip() for line in match.group(1).splitlines()]


def test_config_block_is_materials_with_only_the_language_base_and_worker_changed():
    """overrides/main.html copies Material's `config` block (base.html) to change two things:
    `base` of a non-default language is its language root, and `search` names our worker. Any
    other difference, or a change in Material's block, fails here: redo the copy from it."""
    import material

    theirs = block(
        (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8"),
        "config",
    )
    ours = block((ROOT / "overrides" / "main.html").read_text(encoding="utf-8"), "config")
    start = ours.index("{%- set _.base = base_url -%}")
    end = start + 1 + ours[start + 1 :].index('<script id="__config" type="application/json">')
    language_base = ours[start:end]
    assert len(language_base) == 6, language_base
    ours = ours[:start] + ours[end:]
    ours = [line.replace('"base": _.base,', '"base": base_url,') for line in ours]
    worker = '"search": "assets/javascripts/workers/search-ko.js" | url,'
    materials = [line for line in theirs if line.startswith('"search": "assets/javascripts/')]
    assert len(materials) == 1 and ours.count(worker) == 1
    ours[ours.index(worker)] = materials[0]
    assert ours == theirs, (
        "overrides/main.html's config block differs from Material's beyond the language base "
        "and the search worker:\n" + "\n".join(difflib.unified_diff(theirs, ours, lineterm=""))
    )
