"""Fixes to Material's own behaviour that templates and CSS cannot reach.

Material 9.8.1 fetches ``sitemap.xml`` next to every ``<link rel="alternate">`` of a page, to
map the language switcher's links. It assumes each alternate is a language's root; our
alternates are the page's twins (``/en/tensorflow/``), so every page asked for
``/en/tensorflow/sitemap.xml`` and got a 404 in the reader's console. The switcher's links
already point at the right twin, so the lookup is not needed: only alternates marked with
``data-md-sitemap`` (none) are looked up.

The patch names the exact text it replaces and stops the build when that text is not found
exactly once (e.g. after a Material upgrade), so it can never silently stop applying.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

BUNDLE_PATCHES = [
    ('M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-sitemap]")'),
]


def patch_bundle(site_dir: Path) -> Path:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"theme_fixes: expected one Material bundle in {site_dir}/assets/"
                          f"javascripts, found {len(bundles)}")
    bundle = bundles[0]
    text = bundle.read_text(encoding="utf-8")
    for old, new in BUNDLE_PATCHES:
        if text.count(old) != 1:
            raise PluginError(
                f"hooks/theme_fixes.py: {bundle.name} contains {old!r} {text.count(old)} times, "
                "expected once. Material's bundle changed: check the fix is still needed and "
                "update BUNDLE_PATCHES."
            )
        text = text.replace(old, new)
    bundle.write_text(text, encoding="utf-8")
    # the source map would show readers the unpatched code
    Path(str(bundle) + ".map").unlink(missing_ok=True)
    return bundle


def on_post_build(config, **kwargs):
    patch_bundle(Path(config["site_dir"]))
