"""Generate the held-out PDF gold document h09 with fpdf2.

The PDF bytes are committed beside this script; run it again only to rebuild them
(python tests/gold/heldout/make_pdf.py). The creation date is fixed so a rebuild
gives the same bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

OUTPUT = Path(__file__).resolve().parent / "docs" / "h09_skelleftea-tva-ar.pdf"
FOOTER = "Medborgarlöfte Skellefteå kommun och Polisen"

PAGE_ONE: list[tuple[str, str]] = [
    ("title", "Medborgarlöfte Skellefteå"),
    (
        "lead",
        "Skellefteå kommun och Polisen, lokalpolisområde Skellefteå, lovar invånarna att "
        "arbeta tillsammans med de frågor som invånarna har pekat ut som viktigast. "
        "Medborgarlöftet gäller i två år från undertecknandet.",
    ),
    ("heading", "Bakgrund"),
    (
        "text",
        "Skellefteå växer snabbt sedan etableringen av batterifabriken. Fler människor rör sig "
        "i centrum och på Norrböle, och i medborgardialogen 2022 nämnde många otrygghet på "
        "Torget och vid Skellefteå resecentrum. Antalet anmälda narkotikabrott ökade med 30 "
        "procent mellan 2020 och 2022. Grannkommunerna Norsjö och Malå ingår i samma "
        "polisområde men omfattas inte av detta löfte.",
    ),
    ("heading", "Fokusområden"),
    ("bullet", "Trygghet i centrala Skellefteå"),
    ("bullet", "Narkotika bland unga vuxna"),
    ("heading", "Vi åtar oss gemensamt att"),
    (
        "bullet",
        "genomföra trygghetsvandringar på Norrböle och i Moröhöjden två gånger per år "
        "tillsammans med bostadsbolaget Skebo",
    ),
    ("bullet", "arrangera en öppen träff för nyinflyttade om hur man anmäler brott och var man får stöd"),
]

PAGE_TWO: list[tuple[str, str]] = [
    ("heading", "Polisen åtar sig att"),
    ("bullet", "genomföra regelbundna narkotikakontroller i nöjeslivet kring Kanalgatan"),
    ("bullet", "ha en fast kontaktpolis för Skellefteå resecentrum"),
    ("heading", "Kommunen åtar sig att"),
    (
        "bullet",
        "utbilda personal på krogar och restauranger i Ansvarsfull alkoholservering och Krogar mot knark",
    ),
    ("bullet", "installera ny belysning på Torget och i Nordanåparken"),
    ("heading", "Uppföljning"),
    ("text", "Medborgarlöftet följs upp löpande i Rådet för trygghet och hälsa."),
    ("text", "Skellefteå 2023-03-15"),
]

SIGNATURES = [
    ("Lorens Åström", "Kommunstyrelsens ordförande", "Skellefteå kommun"),
    ("Kristina Vikström", "Lokalpolisområdeschef", "Lokalpolisområde Skellefteå"),
]


class PromisePdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"{FOOTER} | Sida {self.page_no()} av {{nb}}", align="C")


def write_blocks(pdf: PromisePdf, blocks: list[tuple[str, str]]) -> None:
    for kind, text in blocks:
        if kind == "title":
            pdf.set_font("Helvetica", style="B", size=18)
            pdf.multi_cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "heading":
            pdf.ln(3)
            pdf.set_font("Helvetica", style="B", size=12)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        elif kind == "bullet":
            pdf.set_font("Helvetica", size=11)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(0, 6, f"• {text}", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", style="I" if kind == "lead" else "", size=11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)


def write_signatures(pdf: PromisePdf) -> None:
    pdf.ln(8)
    pdf.set_font("Helvetica", size=11)
    for name, role, organisation in SIGNATURES:
        for line in (name, role, organisation):
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)


def build() -> bytes:
    pdf = PromisePdf(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(datetime(2023, 3, 15, tzinfo=UTC))
    pdf.set_title("Medborgarlöfte Skellefteå")
    pdf.add_page()
    write_blocks(pdf, PAGE_ONE)
    pdf.add_page()
    write_blocks(pdf, PAGE_TWO)
    write_signatures(pdf)
    return bytes(pdf.output())


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
