"""The page layout the held-out sets' generated PDFs share (fpdf2, Helvetica, windows-1252).

Each set's ``make_pdf.py`` keeps its own text; the committed bytes must equal what
``render`` makes of it (tests/test_gold_files.py checks this).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from fpdf import FPDF


def render(content: Iterable[tuple[str, str]], *, title: str, author: str, created: datetime) -> bytes:
    """``content`` is (style, text): "H" title, "S" section heading, "P" paragraph, "B" bullet,
    "" a blank line. A fixed ``created`` keeps the bytes reproducible."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(created)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.add_page()
    for style, text in content:
        if style == "H":
            pdf.set_font("Helvetica", "B", 18)
            pdf.multi_cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
        elif style == "S":
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        elif style == "B":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, f"\u2022 {text}", new_x="LMARGIN", new_y="NEXT")
        elif style == "P":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    pdf.set_y(-20)
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 6, "Sida 1 av 1", align="C")
    return bytes(pdf.output())
