"""Every internal link, image and #fragment of the built site resolves, in both languages."""

from tests.html_tools import parse, resolve


def test_every_internal_link_and_fragment_resolves(built_site, pages):
    broken = []
    checked = 0
    for page in pages:
        for tag, url, line in parse(page).links:
            target, fragment = resolve(built_site, page, url)
            if target is None:
                continue
            checked += 1
            where = f"{page.relative_to(built_site)}:{line}: <{tag}> {url}"
            if not target.is_file():
                broken.append(f"{where} -> missing {target.relative_to(built_site)}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{where} -> no id #{fragment} in {target.relative_to(built_site)}")
    assert checked > 100
    assert broken == [], "broken links:\n" + "\n".join(broken)
