"""Rebuild docs/m07_trollhattan-stad-pdf.pdf, the held-out set's PDF, with fpdf2.

The text lives here so a reviewer can read what the PDF says; the committed bytes
must equal ``build()`` (tests/test_gold_files.py checks it). Run:
``.venv/bin/python -m tests.gold.heldout3.make_pdf``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.gold.pdf_layout import render

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
    return render(CONTENT, title="Medborgarlöfte 2022 Trollhättan", author="Trollhättans stad", created=CREATED)


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
