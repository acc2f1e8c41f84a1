"""HTML -> lines for the cleaner: main content by site profile, trafilatura as the fallback.

Profiles name where the promise text sits on the sites we know (DESIGN.md):
polisen.se (Episerver) and SiteVision municipality sites. Anything else goes
through trafilatura's main-content extraction, and if even that finds nothing,
through the whole body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree, html

from models import BlockKind
from pipeline.clean import Line, normalize_space

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "head"}
PARAGRAPHS = {"p", "dt", "dd", "blockquote", "pre", "address", "tr", "row", "quote"}
LIST_ITEMS = {"li", "item"}
CAPTIONS = {"figcaption", "caption"}
SKIP = {
    "script", "style", "noscript", "template", "nav", "form", "button", "select", "option",
    "iframe", "svg", "header", "footer", "input", "textarea", "label", "menu",
}
CONTAINERS = {"div", "section", "article", "main", "aside", "figure", "table", "tbody", "thead",
              "ul", "ol", "dl", "body", "html", "doc", "list", "span"}
# Classes and ids of chrome inside the main column (share buttons, feedback, breadcrumbs).
CHROME_CLASS = re.compile(
    r"(cookie|breadcrumb|share|social|feedback|sidansvarig|page-?owner|skip|print|rating|"
    r"sv-linklist|navigation|menu|search|banner|toolbar|related)",
    re.IGNORECASE,
)


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


PROFILES: list[tuple[str, list[str]]] = [
    # polisen.se: lead paragraph and editorial body inside #main-content, and a notice box
    # beside them ("Uppdaterad 2025-12-10: Medborgarlöftet förlängs och gäller även 2026").
    ("polisen", [
        f"//*[@id='main-content']//*[{_has_class('preamble')}]",
        f"//*[@id='main-content']//*[{_has_class('editorial-html')}]",
        f"//*[@id='main-content']//*[{_has_class('update-notice')} or {_has_class('alert')}]",
    ]),
    # SiteVision: every text portlet of the page content column, in order.
    ("sitevision", [f"//*[{_has_class('pagecontent')}]//*[{_has_class('sv-text-portlet-content')}]"]),
]


# Beside the main column: image captions and contact boxes (see _beside_main).
CAPTION_XPATH = (
    "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' bildtext ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' image-caption ')]"
)
# Not in the page's header, footer or menus: those hold the switchboard, not the promise's people.
CONTACT_BOX_XPATH = (
    "(//aside | //*[contains(@class, 'contact') or contains(@class, 'kontakt')])"
    "[not(ancestor-or-self::footer or ancestor-or-self::header or ancestor-or-self::nav)]"
)
CONTACT_HEADING = re.compile(
    r"(?:kontakt(?:a\s+oss|personer|person|uppgifter)?|har\s+du\s+frågor\??|frågor\s+om\s+(?:medborgar)?löftet\??):?",
    re.IGNORECASE,
)

_PARSER = html.HTMLParser(huge_tree=True, remove_comments=True)
# A page's one <article> is its content only when it says this much (not a teaser card).
ARTICLE_MIN_CHARS = 400


def lines_from_html(markup: str) -> tuple[list[Line], str | None, str]:
    """Return (lines, title, cleaner name)."""
    try:
        tree = html.fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return _lines_from_tagsoup(markup), None, "html.tagsoup"
    title = _title_of(tree)
    for profile, xpaths in PROFILES:
        roots = _outermost(tree.xpath(" | ".join(xpaths)))  # a union comes in document order
        if roots:
            lines = []
            heading = tree.xpath("//*[@id='main-content']//h1") if profile == "polisen" else []
            if heading:
                lines.extend(walk(heading[0]))
            for root in roots:
                lines.extend(walk(root))
            lines.extend(_beside_main(tree, roots, lines))
            if lines:
                return lines, title, f"html.{profile}"
    article = _the_article(tree)
    if article is not None:
        lines = walk(article)
        lines.extend(_beside_main(tree, [article], lines))
        return lines, title, "html.article"
    lines = _lines_from_trafilatura(markup)
    if lines:
        lines.extend(_beside_main(tree, [], lines))
        return lines, title, "html.trafilatura"
    body = tree.find("body")
    lines = walk(body if body is not None else tree)
    if lines:
        return lines, title, "html.body"
    # libxml2 gives up on absurd nesting; plain tag stripping still finds the words.
    return _lines_from_tagsoup(markup), title, "html.tagsoup"


def _the_article(tree: html.HtmlElement) -> etree._Element | None:
    """The page's one ``<article>`` with its own heading, when the main column holds exactly one.

    Many CMSs (Episerver, WordPress) put the whole item there: heading, lead and body.
    trafilatura, which must guess, sometimes drops the heading and the lead; a page with
    several articles (a news list) or none goes to trafilatura.
    """
    mains = tree.xpath("//main | //*[@role='main']")
    scope = mains[0] if len(mains) == 1 else tree
    articles = scope.xpath(".//article")
    if len(articles) != 1:
        return None
    article = articles[0]
    if article.xpath("ancestor::*[self::nav or self::aside or self::header or self::footer]"):
        return None  # a card in a sidebar or menu, not the page's content
    if not article.xpath(".//h1") or len(normalize_space(article.text_content())) < ARTICLE_MIN_CHARS:
        return None
    return article


def _title_of(tree: html.HtmlElement) -> str | None:
    for xpath in ("//*[@id='main-content']//h1", "//h1", "//title"):
        found = tree.xpath(xpath)
        if found:
            text = normalize_space(found[0].text_content())
            if text:
                return re.split(r"\s+[|–-]\s+(?=Polisen|polisen\.se)", text)[0]
    return None


def _outermost(elements: list) -> list:
    """Drop elements nested in another selected one; keep document order."""
    chosen = []
    for element in elements:
        if not _inside(element, [other for other in elements if other is not element]):
            if element not in chosen:
                chosen.append(element)
    return chosen


def _beside_main(tree: html.HtmlElement, roots: list, lines: list[Line]) -> list[Line]:
    """What sits beside the main column and belongs to the promise: image captions (they
    name the signatories) and contact boxes (the people to contact), unless already read."""
    known = " ".join(line.text for line in lines)
    found: list[Line] = []
    for caption in tree.xpath(CAPTION_XPATH):
        text = normalize_space(caption.text_content())
        if text and not _inside(caption, roots) and text not in known:
            found.append(Line(text, hint="caption", starts_group=True))
            known += " " + text
    for box in _outermost(tree.xpath(CONTACT_BOX_XPATH)):
        heading = box.xpath(".//*[self::h2 or self::h3 or self::h4 or self::strong][1]")
        if not heading or not CONTACT_HEADING.fullmatch(normalize_space(heading[0].text_content())):
            continue
        if _inside(box, roots) or any(_inside(root, [box]) for root in roots):
            continue
        box_lines = walk(box)
        if box_lines and normalize_space(" ".join(line.text for line in box_lines[1:])) not in known:
            found.extend(box_lines)
    return found


def _inside(element: etree._Element, roots: list) -> bool:
    return any(element is root or element in root.iterdescendants() for root in roots)


def walk(root: etree._Element) -> list[Line]:
    """Block-level elements to lines, iteratively (deeply nested junk must not recurse)."""
    lines: list[Line] = []
    buffer: list[str] = []
    stack: list[tuple[BlockKind, str | None]] = []
    ordinals: list[int] = []
    cells: list[int] = []  # cells seen so far in each open table row
    # A block boundary starts a new group; a <br> only starts a new line within one.
    boundary = [True]

    def flush(at_boundary: bool = True) -> None:
        text = normalize_space("".join(buffer))  # inline elements join as the browser shows them
        buffer.clear()
        if text:
            kind, marker = stack[-1] if stack else ("paragraph", None)
            starts = boundary[0] and not (kind == "list_item" and lines and lines[-1].hint == kind)
            lines.append(Line(text, hint=kind, starts_group=starts or not lines,
                              marker=marker if kind == "list_item" else None))
            if stack and kind == "list_item":
                stack[-1] = (kind, None)  # a <br> inside one item continues the same item
            boundary[0] = False
        if at_boundary:
            boundary[0] = True

    # iterwalk still sends "end" for an element whose subtree was skipped: remember them,
    # or a skipped <p>/<li>/<ul> pops its parent's entry (or an empty stack) on the way out.
    skipped: set[etree._Element] = set()
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in SKIP or _is_chrome(element):
                if tag != "html":
                    walker.skip_subtree()
                    skipped.add(element)
                    if element.tail and element is not root:
                        buffer.append(element.tail)
                    continue
            if tag in ("ul", "ol", "list"):
                ordinals.append(0 if tag == "ol" or element.get("rend") == "ol" else -1)
            if tag in ("td", "th", "cell"):
                # Keep table columns apart: "Aktivitet | Ansvar | Tidplan".
                if cells and cells[-1] > 0:
                    buffer.append(" | ")
                if cells:
                    cells[-1] += 1
            elif tag in ("tr", "row"):
                cells.append(0)
            kind = _block_kind(tag)
            if kind:
                flush()
                marker = _marker(ordinals) if kind == "list_item" else None
                stack.append((kind, marker))
            elif tag in ("br", "lb"):  # "lb": trafilatura's <br>
                flush(at_boundary=False)
            if element.text:
                buffer.append(element.text)
        else:
            if element in skipped:
                skipped.discard(element)  # its tail went in at "start"
                continue
            if tag in ("ul", "ol", "list") and ordinals:
                ordinals.pop()
            if tag in ("tr", "row") and cells:
                cells.pop()
            if _block_kind(tag):
                flush()
                stack.pop()
            elif tag in CONTAINERS:
                flush()
            if element.tail and element is not root:
                buffer.append(element.tail)
    flush()
    return lines


def _block_kind(tag: str) -> BlockKind | None:
    if tag in HEADINGS:
        return "heading"
    if tag in LIST_ITEMS:
        return "list_item"
    if tag in CAPTIONS:
        return "caption"
    if tag in PARAGRAPHS:
        return "paragraph"
    return None


def _marker(ordinals: list[int]) -> str:
    if ordinals and ordinals[-1] >= 0:
        ordinals[-1] += 1
        return f"{ordinals[-1]}."
    return "•"


def _is_chrome(element: etree._Element) -> bool:
    label = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    if element.get("aria-hidden") == "true" or element.get("hidden") is not None:
        return True
    return bool(label.strip()) and bool(CHROME_CLASS.search(label)) and element.get("id") != "main-content"


def _lines_from_trafilatura(markup: str) -> list[Line]:
    import trafilatura

    try:
        extracted = trafilatura.extract(
            markup, output_format="xml", include_comments=False, include_tables=True,
            include_images=False, favor_recall=True, with_metadata=False,
        )
    except Exception:  # trafilatura raises many kinds on junk; the body fallback follows
        return []
    if not extracted:
        return []
    try:
        tree = etree.fromstring(extracted.encode("utf-8"))
    except etree.XMLSyntaxError:
        return []
    return walk(tree)


def _lines_from_tagsoup(markup: str) -> list[Line]:
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    text = re.sub(r"(?i)<(br|/p|/li|/h\d|/div)\b[^>]*>", "\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return [Line(t, starts_group=True) for t in _nonempty(text.splitlines())]


def _nonempty(values: Iterable[str]) -> Iterable[str]:
    for value in values:
        value = normalize_space(value)
        if value:
            yield value
