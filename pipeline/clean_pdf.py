"""PDF -> lines for the cleaner, through pypdf.

PDF text comes as visual lines: a paragraph wraps at the page width, and page
headers and footers repeat on every page. Both are undone here so the shared
block rules see the same shape as a plain-text document.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from pipeline.clean import CleanError, Line, normalize_space

logging.getLogger("pypdf").setLevel(logging.ERROR)

PAGE_NUMBER = re.compile(r"(sida\s*)?\d{1,3}(\s*(av|/)\s*\d{1,3})?", re.IGNORECASE)
# A running footer that ends in a page count: "Medborgarlöfte Skellefteå | Sida 2 av 2".
PAGE_FOOTER = re.compile(r"[|–-]\s*(sida|s\.)\s*\d{1,3}\s*(av|/)\s*\d{1,3}\s*$", re.IGNORECASE)


def lines_from_pdf(content: bytes) -> tuple[list[Line], str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise CleanError(f"unreadable or truncated PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        raise CleanError(f"unreadable PDF ({exc.__class__.__name__})") from exc
    if not any(page.strip() for page in pages):
        raise CleanError("PDF has no extractable text (a scanned image?)")
    page_lines = [[normalize_space(line) for line in page.splitlines()] for page in pages]
    repeated = _repeated_lines(page_lines)
    lines: list[Line] = []
    for page in page_lines:
        gap = True
        for text in page:
            if not text or _shape(text) in repeated or _is_page_marker(text):
                gap = True
                continue
            lines.append(Line(text, starts_group=gap))
            gap = False
    return _join_visual_lines(lines), title if isinstance(title, str) else None


def _is_page_marker(text: str) -> bool:
    return bool(PAGE_NUMBER.fullmatch(text) or PAGE_FOOTER.search(text))


def _shape(line: str) -> str:
    # "Medborgarlöfte 2022 | Sida 2 av 4" and "… | Sida 3 av 4" are the same running footer.
    return re.sub(r"\d+", "#", line)


def _repeated_lines(pages: list[list[str]]) -> set[str]:
    """Line shapes on most pages are running headers or footers.

    With only two pages, a line on both could be content; only shapes holding a
    number (a page counter) are taken as footers then.
    """
    if len(pages) < 2:
        return set()
    counts = Counter(shape for page in pages for shape in {_shape(line) for line in page if line})
    return {
        shape
        for shape, count in counts.items()
        if count > len(pages) / 2 and (len(pages) >= 3 or "#" in shape)
    }


def _join_visual_lines(lines: list[Line]) -> list[Line]:
    if not lines:
        return lines
    width = sorted(len(line.text) for line in lines)[int(len(lines) * 0.9)]
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not line.starts_group
            and len(previous.text) >= 0.75 * width
            and not previous.text.endswith((".", "!", "?", ":"))
            and not re.match(r"[•●▪\-–]\s|\d{1,2}[.)]\s", line.text)
        ):
            previous.text = f"{previous.text} {line.text}"
            continue
        joined.append(line)
    return joined
