"""Rebuild docs/m07_trollhattan-stad-pdf.pdf, the held-out set's PDF, with fpdf2.

The text lives here so a reviewer can read what the PDF says; the committed bytes
must equal ``build()`` (tests/test_gold_files.py checks it). Run:
``.venv/bin/python tests/gold/heldout3/make_pdf.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

OUTPUT = Path(__file__).parent / "docs" / "m07_trollhattan-stad-pdf.pdf"
# A fixed date keeps the bytes reproducible: fpdf2 writes the creation date into the file.
CREATED = datetime(2022, 2, 25, 9, 0, tzinfo=UTC)

# (style, text): "H" title, "S" section heading, "P" paragraph, "B" bullet, "" blank line.
CONTENT: tuple[tuple[str, str], ...] = (
    ("H", "Medborgarlöfte 2022"),
    ("P", "Trollhättans stad och Polisen, lokalpolisområde Trollhättan"),
    ("P", "Giltighetstid: 2022-03-01 – 2023-02-28"),
    ("", ""),
    ("S", "Bakgrund"),
    (
        "P",
        "Under 2021 brann 23 bilar i Kronogården och Lextorp, och i stadens trygghetsmätning "
        "uppgav hälften av de boende i Kronogården att de känner sig otrygga på kvällen.",
    ),
    ("", ""),
    ("S", "Fokusområden"),
    ("B", "Trygghet i Kronogården"),
    ("B", "Bilbränder och skadegörelse"),
    ("", ""),
    ("S", "Polisens åtgärder"),
    ("B", "Polisen ska öka närvaron i Kronogården och Lextorp under kvällstid."),
    ("B", "Polisen ska genomföra en informationsinsats om bilbränder tillsammans med räddningstjänsten."),
    ("", ""),
    ("S", "Stadens åtgärder"),
    ("B", "Fritidsgården på Kronogården ska hålla öppet alla kvällar under sommarlovet."),
    ("B", "Staden ska flytta parkeringsplatser närmare bostäderna på Lextorp så att de syns från fönstren."),
    ("", ""),
    ("S", "Gemensamt"),
    (
        "P",
        "Staden och polisen ska gemensamt genomföra en enkät i Kronogården och Lextorp i januari 2023 "
        "för att mäta effekten av löftet.",
    ),
    ("", ""),
    ("S", "Uppföljning"),
    ("P", "Styrgruppen för brottsförebyggande arbete följer upp löftet en gång per kvartal."),
    ("", ""),
    ("P", "Trollhättan den 24 februari 2022"),
    ("", ""),
    ("P", "Pia Holm, kommunstyrelsens ordförande, Trollhättans stad"),
    ("P", "Karl Rydén, lokalpolisområdeschef, Polisen"),
)


def build() -> bytes:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(CREATED)
    pdf.set_title("Medborgarlöfte 2022 Trollhättan")
    pdf.set_author("Trollhättans stad")
    pdf.add_page()
    for style, text in CONTENT:
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


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
