"""Rebuild docs/q08_kumla-hallsberg-pdf.pdf, the sixth held-out set's PDF, with fpdf2.

The text lives here so a reviewer can read what the PDF says; the committed bytes
must equal ``build()`` (tests/test_gold_files.py checks it). Run:
``.venv/bin/python -m tests.gold.heldout6.make_pdf``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.gold.pdf_layout import render

OUTPUT = Path(__file__).parent / "docs" / "q08_kumla-hallsberg-pdf.pdf"
# A fixed date keeps the bytes reproducible: fpdf2 writes the creation date into the file.
CREATED = datetime(2024, 8, 29, 9, 15, tzinfo=UTC)

# (style, text): "H" title, "S" section heading, "P" paragraph, "B" bullet, "" blank line.
CONTENT: tuple[tuple[str, str], ...] = (
    ("H", "Medborgarlöfte Kumla och Hallsberg 2024/2025"),
    ("P", "Kumla kommun, Hallsbergs kommun och Polisen, lokalpolisområde Sydnärke"),
    ("", ""),
    ("P", "Löftet löper från den 1 september 2024 till den 31 augusti 2025."),
    ("", ""),
    ("S", "Bakgrund"),
    (
        "P",
        "Lokalpolisområde Sydnärke omfattar fem kommuner. Askersund, Laxå och Lekeberg har egna "
        "medborgarlöften; detta löfte gäller Kumla och Hallsberg, som delar många av sina problem. "
        "Båda kommunerna har stora pendlarstationer där otryggheten har ökat, och under 2023 "
        "anmäldes 61 bostadsinbrott på landsbygden i de två kommunerna, vilket är fler än något "
        "tidigare år.",
    ),
    ("", ""),
    ("S", "Löftets inriktning"),
    ("P", "Löftet har två inriktningar:"),
    ("B", "Trygg pendling vid Kumla station och Hallsbergs resecentrum"),
    ("B", "Bostadsinbrott på landsbygden"),
    ("", ""),
    ("S", "Polisen lovar att"),
    ("B", "vara synlig vid Kumla station och Hallsbergs resecentrum under morgon- och kvällsrusningen minst två dagar i veckan."),
    ("B", "informera om grannsamverkan på byamöten i Hardemo, Sannahed, Vretstorp och Östansjö."),
    ("", ""),
    ("S", "Kumla kommun lovar att"),
    ("B", "förbättra belysningen och röja buskage på gångvägen mellan Kumla station och Kumlaby."),
    ("B", "erbjuda alla villaägare i Hardemo och Sannahed en kostnadsfri hembesiktning av inbrottsskyddet."),
    ("", ""),
    ("S", "Hallsbergs kommun lovar att"),
    ("B", "sätta upp kameraövervakning i cykelgaraget vid Hallsbergs resecentrum."),
    ("B", "starta en sms-tjänst för grannsamverkan i Vretstorp och Östansjö."),
    ("", ""),
    ("S", "Gemensamt"),
    ("B", "Genomföra en trygghetsvandring vid varje station under hösten 2024."),
    ("B", "Ta fram en gemensam lägesbild över inbrott på landsbygden inför varje uppföljning."),
    ("", ""),
    ("S", "Uppföljning"),
    (
        "P",
        "Polisen och kommunerna följer upp löftet två gånger om året, i februari och i augusti, "
        "i det gemensamma brottsförebyggande rådet.",
    ),
    ("", ""),
    ("P", "Kumla den 28 augusti 2024"),
    ("", ""),
    ("P", "För Kumla kommun: Ida Forsberg, kommunstyrelsens ordförande"),
    ("P", "För Hallsbergs kommun: Göran Sjöberg, kommunstyrelsens ordförande"),
    ("P", "För Polisen: Camilla Åhs, lokalpolisområdeschef, lokalpolisområde Sydnärke"),
)


def build() -> bytes:
    return render(
        CONTENT, title="Medborgarlöfte Kumla och Hallsberg 2024-2025", author="Kumla kommun", created=CREATED
    )


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
