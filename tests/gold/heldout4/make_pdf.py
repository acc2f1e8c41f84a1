"""Rebuild docs/n08_mora-pdf.pdf, the fourth held-out set's PDF, with fpdf2.

The text lives here so a reviewer can read what the PDF says; the committed bytes
must equal ``build()`` (tests/test_gold_files.py checks it). Run:
``.venv/bin/python -m tests.gold.heldout4.make_pdf``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.gold.pdf_layout import render

OUTPUT = Path(__file__).parent / "docs" / "n08_mora-pdf.pdf"
# A fixed date keeps the bytes reproducible: fpdf2 writes the creation date into the file.
CREATED = datetime(2024, 1, 22, 13, 30, tzinfo=UTC)

# (style, text): "H" title, "S" section heading, "P" paragraph, "B" bullet, "" blank line.
CONTENT: tuple[tuple[str, str], ...] = (
    ("H", "MEDBORGARLÖFTE MORA 2024–2025"),
    ("P", "Mora kommun – Polisen lokalpolisområde Mora"),
    ("", ""),
    (
        "P",
        "Löftet gäller från den 1 januari 2024 och löper ut den 31 december 2025. "
        "Det ersätter medborgarlöftet från 2022.",
    ),
    ("", ""),
    ("S", "Varför detta löfte?"),
    (
        "P",
        "Under Vasaloppsveckan och sommaren ökar antalet människor i Mora kraftigt. "
        "Polisen har sett fler anmälningar om stölder från fordon vid Zornparken och "
        "i Noret, och invånare i Östnor har klagat på störande trafik på kvällarna.",
    ),
    ("", ""),
    ("S", "Fokusområden"),
    ("B", "Fordonsrelaterad brottslighet"),
    ("B", "Störande trafik i Östnor"),
    ("", ""),
    ("S", "Detta gör polisen"),
    ("B", "Genomför riktade kontroller mot fordonsstölder vid Zornparken under Vasaloppsveckan."),
    ("B", "Gör trafikkontroller i Östnor minst två kvällar i månaden under sommaren."),
    ("", ""),
    ("S", "Detta gör kommunen"),
    ("B", "Sätter upp skyltar om stöldrisk på kommunens parkeringar i Noret."),
    (
        "B",
        "Bjuder in boende i Östnor till ett samråd om fartdämpande åtgärder och genomför "
        "de åtgärder som samrådet kommer fram till.",
    ),
    ("", ""),
    ("S", "Uppföljning"),
    ("P", "Polisen och kommunen följer upp löftet var sjätte månad i Brottsförebyggande rådet i Mora."),
    ("", ""),
    ("P", "Mora den 19 januari 2024"),
    ("", ""),
    ("P", "Undertecknat av: Anders Rosell, kommunstyrelsens ordförande, Mora kommun"),
    ("P", "Undertecknat av: Sofia Hedén, lokalpolisområdeschef, Polisen Mora"),
)


def build() -> bytes:
    return render(CONTENT, title="Medborgarlöfte Mora 2024-2025", author="Mora kommun", created=CREATED)


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
