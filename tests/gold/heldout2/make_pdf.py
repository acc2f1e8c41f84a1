"""Generate the heldout2 PDF gold document k13 with fpdf2.

The PDF bytes are committed beside this script; run it again only to rebuild them
(python tests/gold/heldout2/make_pdf.py). The creation date is fixed so a rebuild
gives the same bytes, and tests/test_gold_files.py checks that it does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

OUTPUT = Path(__file__).resolve().parent / "docs" / "k13_helsingborg-stad-pdf.pdf"
CREATED = datetime(2024, 3, 20, 9, 0, tzinfo=UTC)

# (style, text): "h" heading, "p" paragraph, "b" bullet, "s" signature line, "" blank.
CONTENT: list[tuple[str, str]] = [
    ("title", "Medborgarlöfte Helsingborg 2024–2025"),
    ("p", "Helsingborgs stad och lokalpolisområde Helsingborg"),
    ("", ""),
    (
        "p",
        "Medborgarlöftet gäller från den 1 april 2024 till och med den 31 mars 2025. "
        "Det är det åttonde medborgarlöftet som staden och polisen ger tillsammans.",
    ),
    ("h", "Varför just detta?"),
    (
        "p",
        "I Helsingborgs trygghetsmätning 2023 uppgav drygt hälften av de boende på Drottninghög "
        "att de är oroliga för att utsättas för brott. Skottlossningen på Söderpunkten i augusti "
        "2023 har också ökat otryggheten i centrala Helsingborg. Höganäs kommun, som ingår i samma "
        "polisområde, har ett eget löfte.",
    ),
    ("h", "Löftets fokus"),
    ("b", "Kriminalitet och otrygghet på Drottninghög"),
    ("b", "Trygghet i stadskärnan och vid Knutpunkten"),
    ("h", "Polisen ska"),
    ("b", "arbeta med områdespoliser som har fast placering på Drottninghög,"),
    (
        "b",
        "genomföra minst tio gemensamma insatser med Tullverket och Skatteverket mot kriminell "
        "ekonomi under löftesperioden,",
    ),
    ("b", "ha synlig närvaro vid Knutpunkten under kvällstid alla veckans dagar."),
    ("h", "Helsingborgs stad ska"),
    ("b", "fortsätta renoveringen av utemiljöerna på Drottninghög i samarbete med Helsingborgshem,"),
    ("b", "erbjuda alla elever i årskurs 7 på Drottninghögsskolan en mentor,"),
    ("b", "ha trygghetsvärdar vid Knutpunkten fredagar och lördagar."),
    ("h", "Så följer vi upp"),
    (
        "p",
        "Löftet följs upp tertialvis i styrgruppen för samverkan mellan polis och stad. "
        "En samlad rapport lämnas till kommunstyrelsen efter löftesperiodens slut.",
    ),
    ("", ""),
    ("p", "Helsingborg 2024-03-18"),
    ("", ""),
    ("s", "Lars Nyqvist, kommunstyrelsens ordförande, Helsingborgs stad"),
    ("s", "Camilla Borén, lokalpolisområdeschef, lokalpolisområde Helsingborg"),
]


def build() -> bytes:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(CREATED)
    pdf.set_title("Medborgarlöfte Helsingborg 2024–2025")
    pdf.set_author("Helsingborgs stad")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for style, text in CONTENT:
        if style == "title":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
        elif style == "h":
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        elif style == "b":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, f"\u2022 {text}", new_x="LMARGIN", new_y="NEXT")
        elif style in ("p", "s"):
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
    return bytes(pdf.output())


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
