"""Preview cards: one 1200×630 PNG per page and language, for Open Graph and Twitter/X.

Blogs and messengers (KakaoTalk, Slack, velog, …) show this image next to a shared link. The
cards are drawn offline with Pillow and a system font that has Hangul (Noto Sans CJK KR from
the ``fonts-noto-cjk`` package); no font is committed and nothing is downloaded.

* ``CARDS_FONT=/path/to/font`` (.ttf, .otf or .ttc with Hangul) replaces the system font; a
  ``.ttc`` collection uses its Korean face.
* A missing font stops the build with a message saying how to install one. Under
  ``mkdocs serve`` (``make serve``) the cards are skipped with a warning instead.
* A card is cached under ``.cache/cards/`` by the hash of everything drawn on it, so a
  rebuild copies unchanged cards instead of drawing them again.

Used by hooks/seo.py (which knows the pages); the functions here only draw.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from mkdocs.exceptions import PluginError

WIDTH, HEIGHT = 1200, 630
FONT_ENV = "CARDS_FONT"
RENDER_VERSION = "1"  # bump when the drawing changes, so cached cards are redrawn
INSTALL_HINT = (
    "Install a font with Hangul: `sudo apt-get install fonts-noto-cjk` (Debian/Ubuntu; "
    "`dnf install google-noto-sans-cjk-fonts` on Fedora, `brew install --cask "
    "font-noto-sans-cjk` on macOS), or point the CARDS_FONT environment variable at a "
    ".ttf/.otf/.ttc font that has Hangul, e.g. CARDS_FONT=/path/to/NotoSansKR-Bold.otf."
)
# (bold, regular) where distributions install Noto Sans CJK
SYSTEM_FONTS = [
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",  # Debian, Ubuntu
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",  # Fedora
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    ),
    (
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",  # Arch
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    ),
    (
        "~/Library/Fonts/NotoSansCJK-Bold.ttc",  # macOS (Homebrew cask)
        "~/Library/Fonts/NotoSansCJK-Regular.ttc",
    ),
]

# colours: Material's "deep orange" on a dark background
BACKGROUND_TOP = (33, 33, 40)
BACKGROUND_BOTTOM = (52, 30, 24)
ACCENT = (255, 87, 34)
TITLE_COLOUR = (255, 255, 255)
TEXT_COLOUR = (214, 214, 222)
MUTED_COLOUR = (170, 170, 180)
SITE_COLOUR = (255, 171, 145)

# the MkDocs command of this process ("build", "serve", "gh-deploy"), set by hooks/seo.py
COMMAND = {"name": "build"}

# a warning that `mkdocs serve` shows without failing its strict build (mkdocs.yml has
# `strict: true`, and MkDocs counts every warning of its own "mkdocs" loggers)
serve_log = logging.getLogger("social_cards")
if not serve_log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int

    def load(self, size: int):
        return _font(self.path, self.index, size)


@lru_cache(maxsize=64)
def _font(path: str, index: int, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, size, index=index)


@dataclass(frozen=True)
class Fonts:
    bold: FontFace
    regular: FontFace


@dataclass(frozen=True)
class Card:
    """Everything drawn on one card, and where it goes (relative to the site folder)."""

    dest: str
    title: str
    description: str
    site_name: str
    label: str  # the language's own name: 한국어, English
    footer: str = "TensorFlow · Keras · PyTorch"


class FontMissing(Exception):
    pass


def korean_face(path: str) -> FontFace:
    """The Korean face of a font file; for a collection (.ttc) the face named ``… KR``."""
    from PIL import ImageFont

    if not path.lower().endswith((".ttc", ".otc")):
        return FontFace(path, 0)
    faces = []
    for index in range(64):
        try:
            faces.append((index, " ".join(ImageFont.truetype(path, 12, index=index).getname())))
        except OSError:
            break
    for index, name in faces:
        if " KR" in name and "Mono" not in name:
            return FontFace(path, index)
    return FontFace(path, 0)


def has_hangul(face: FontFace) -> bool:
    """True when the face draws Hangul, not the empty box of a missing glyph."""
    from PIL import Image, ImageDraw

    font = face.load(40)

    def pixels(ch: str) -> bytes:
        image = Image.new("L", (60, 60))
        ImageDraw.Draw(image).text((5, 5), ch, font=font, fill=255)
        return image.tobytes()

    missing, blank = pixels("\U0010fffd"), bytes(60 * 60)
    return all(pixels(ch) not in (missing, blank) for ch in "한글")


def find_fonts(env: dict | None = None) -> Fonts:
    """The fonts the cards are drawn with; FontMissing says why none is usable."""
    env = os.environ if env is None else env
    explicit = env.get(FONT_ENV, "").strip()
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise FontMissing(f"{FONT_ENV}={explicit}: no such font file. {INSTALL_HINT}")
        pairs = [(str(path), str(path))]
    else:
        pairs = [(str(Path(b).expanduser()), str(Path(r).expanduser())) for b, r in SYSTEM_FONTS]
        pairs = [(b, r) for b, r in pairs if Path(b).is_file()]
        if not pairs:
            looked = ", ".join(b for b, _ in SYSTEM_FONTS)
            raise FontMissing(f"no Noto Sans CJK font found (looked at {looked}). {INSTALL_HINT}")
    bold_path, regular_path = pairs[0]
    if not Path(regular_path).is_file():
        regular_path = bold_path
    try:
        fonts = Fonts(korean_face(bold_path), korean_face(regular_path))
        usable = has_hangul(fonts.bold) and has_hangul(fonts.regular)
    except OSError as exc:
        raise FontMissing(f"{bold_path} cannot be read as a font ({exc}). {INSTALL_HINT}") from None
    if not usable:
        raise FontMissing(f"{bold_path} has no Hangul glyphs. {INSTALL_HINT}")
    return fonts


def load_fonts(*, serve: bool, env: dict | None = None) -> Fonts | None:
    """Fonts for the cards. Without one, a build stops (PluginError with the install hint);
    ``mkdocs serve`` warns and returns None: the preview runs without cards."""
    try:
        return find_fonts(env)
    except FontMissing as exc:
        if serve:
            serve_log.warning(f"preview cards skipped: {exc}")
            return None
        raise PluginError(f"hooks/social_cards.py: cannot draw the preview cards: {exc}") from None


# --- drawing ---------------------------------------------------------------------------
def wrap(draw, text: str, font, width: int, max_lines: int | None = None) -> list[str]:
    """Break text into lines that fit `width`: between words (Korean 어절 too), inside a
    word only when it alone is too wide. Over `max_lines`, the last line ends with '…'."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while draw.textlength(word, font=font) > width:
            cut = len(word) - 1
            while cut > 1 and draw.textlength(word[:cut], font=font) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


@lru_cache(maxsize=1)
def _background():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND_TOP)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):  # vertical gradient
        t = y / (HEIGHT - 1)
        colour = tuple(
            round(a + (b - a) * t) for a, b in zip(BACKGROUND_TOP, BACKGROUND_BOTTOM, strict=True)
        )
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    draw.rectangle([0, 0, 15, HEIGHT], fill=ACCENT)
    return image


def render(card: Card, fonts: Fonts):
    from PIL import ImageDraw

    image = _background().copy()
    draw = ImageDraw.Draw(image)

    left, right = 80, WIDTH - 80
    width = right - left
    draw.text((left, 60), card.site_name, font=fonts.regular.load(32), fill=SITE_COLOUR)

    for size in (68, 60, 52, 46):
        title_font = fonts.bold.load(size)
        title_lines = wrap(draw, card.title, title_font, width)
        if len(title_lines) <= 3:
            break
    title_lines = wrap(draw, card.title, title_font, width, max_lines=3)
    y = 130
    for line in title_lines:
        draw.text((left, y), line, font=title_font, fill=TITLE_COLOUR)
        y += round(size * 1.3)

    text_font = fonts.regular.load(32)
    y += 18
    room = max(1, min(3, (HEIGHT - 130 - y) // 46))
    for line in wrap(draw, card.description, text_font, width, max_lines=room):
        draw.text((left, y), line, font=text_font, fill=TEXT_COLOUR)
        y += 46

    footer_font = fonts.regular.load(28)
    draw.text((left, HEIGHT - 80), card.footer, font=footer_font, fill=MUTED_COLOUR)
    label_font = fonts.bold.load(28)
    label_width = draw.textlength(card.label, font=label_font)
    box = [right - label_width - 40, HEIGHT - 92, right, HEIGHT - 36]
    draw.rounded_rectangle(box, radius=28, fill=ACCENT)
    draw.text(
        (box[0] + 20, HEIGHT - 64), card.label, font=label_font, fill=TITLE_COLOUR, anchor="lm"
    )
    return image


def card_key(card: Card, fonts: Fonts) -> str:
    stamp = []
    for face in (fonts.bold, fonts.regular):
        stat = Path(face.path).stat()
        stamp.append([face.path, face.index, stat.st_size, int(stat.st_mtime)])
    data = {k: v for k, v in asdict(card).items() if k != "dest"}
    blob = json.dumps([RENDER_VERSION, stamp, data], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def generate(
    cards: list[Card], fonts: Fonts, site_dir: Path, cache_dir: Path | None = None
) -> tuple[int, int]:
    """Write every card under site_dir; return (drawn, copied from the cache)."""
    drawn = copied = 0
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    for card in cards:
        dest = site_dir / card.dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        cached = cache_dir / f"{card_key(card, fonts)}.png" if cache_dir is not None else None
        if cached is not None and cached.is_file():
            shutil.copyfile(cached, dest)
            copied += 1
            continue
        render(card, fonts).save(dest, "PNG", compress_level=3)
        drawn += 1
        if cached is not None:
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(dest, tmp)
            os.replace(tmp, cached)
    return drawn, copied


if __name__ == "__main__":  # benchmark: python hooks/social_cards.py [number of cards]
    import tempfile
    import time

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    fonts = find_fonts()
    cards = [
        Card(
            f"ko/page-{i}.png",
            f"훈련 루프 {i}: TensorFlow, Keras, PyTorch",
            "같은 모델을 세 프레임워크로 훈련하고 출력을 나란히 비교합니다. " * 2,
            "딥러닝 프레임워크 가이드",
            "한국어",
        )
        for i in range(count)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        drawn, _ = generate(cards, fonts, Path(tmp) / "site", Path(tmp) / "cache")
        first = time.perf_counter() - start
        start = time.perf_counter()
        _, copied = generate(cards, fonts, Path(tmp) / "site", Path(tmp) / "cache")
        cached = time.perf_counter() - start
    print(
        f"{drawn} cards drawn in {first:.2f} s ({first / count * 1000:.0f} ms each); "
        f"{copied} copied from the cache in {cached:.2f} s"
    )
