"""Reading the built pages back: a strict tag-balance parser, html5lib trees, numbers as printed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import html5lib

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
#: SVG elements the site writes self-closed (``<circle .../>``) in foreign content.
SVG_SELF_CLOSING = {"circle", "path", "rect", "line", "polygon", "polyline", "ellipse", "use"}
URL_ATTRIBUTES = {"src", "srcset", "href", "action", "formaction", "poster", "data", "background", "xlink:href",
                  "ping", "manifest", "icon", "cite", "longdesc"}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
SCALES = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "triliun": 1e12}


@dataclass
class Page:
    """Every start tag with its attributes, the text of ``<style>``, and balance errors."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    doctype: str = ""

    def meta(self, key: str) -> list[str]:
        return [a.get("content", "") for t, a in self.tags if t == "meta" and key in (a.get("property"), a.get("name"))]


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.stack, self.in_style = Page(), [], False

    def handle_decl(self, decl: str) -> None:
        self.page.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID:
            self.stack.append(tag)
        self.in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID and tag not in SVG_SELF_CLOSING:
            self.page.errors.append(f"<{tag}/> self-closed")

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        if tag in VOID:
            self.page.errors.append(f"</{tag}> on a void element")
        elif not self.stack or self.stack[-1] != tag:
            self.page.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.page.styles.append(data)


def balanced(text: str) -> Page:
    """Parse with the standard library; ``errors`` lists every unbalanced or misplaced tag."""
    parser = _Balance()
    parser.feed(text)
    parser.close()
    if parser.stack:
        parser.page.errors.append(f"unclosed: {parser.stack}")
    return parser.page


def strict_tree(text: str):
    """html5lib in strict mode (raises ``html5lib.html5parser.ParseError`` on any parse error)."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def number_shown(text: str) -> tuple[float, float]:
    """The first number as printed (``1.234,5``, ``Rp15,5 miliar``) and half its last printed digit."""
    # "(?![a-z])", not "\b": text_of() joins "Rp17,4 miliar<br>2020" as "miliar2020".
    match = re.search(r"(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d+))?(?:\s*(ribu|juta|miliar|triliun)(?![a-z]))?", text)
    if not match:
        raise ValueError(f"no number in {text!r}")
    whole, decimals, word = match.groups()
    value = float(whole.replace(".", "") + ("." + decimals if decimals else ""))
    scale = SCALES.get(word or "", 1.0)
    return value * scale, 0.5 * 10 ** -len(decimals or "") * scale
