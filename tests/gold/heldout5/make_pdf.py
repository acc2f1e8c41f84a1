"""Rebuild docs/p08_tranemo-pdf.pdf, the fifth held-out set's PDF, with fpdf2.

The text lives here so a reviewer can read what the PDF says; the committed bytes
must equal ``build()`` (tests/test_gold_files.py checks it). Run:
``.venv/bin/python -m tests.gold.heldout5.make_pdf``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.gold.pdf_layout import render

OUTPUT = Path(__file__).parent / "docs" / "p08_tranemo-pdf.pdf"
# A fixed date keeps the bytes reproducible: fpdf2 writes the creation date into the file.
CREATED = datetime(2023, 3, 2, 9, 15, tzinfo=UTC)

# (style, text): "H" title, "S" section heading, "P" paragraph, "B" bullet, "" blank line.
CONTENT: tuple[tuple[str, str], ...] = (
    ("H", "Medborgarlöfte för Tranemo kommun"),
    ("P", "Tranemo kommun och Polisen, lokalpolisområde Södra Älvsborg i polisområde Älvsborg"),
    ("", ""),
    ("P", "Medborgarlöftet gäller från den 1 mars 2023 till den 29 februari 2024."),
    ("", ""),
    ("S", "Bakgrund"),
    (
        "P",
        "Polisen och kommunen har gått igenom brottsstatistiken för 2021 och 2022, resultatet av "
        "polisens trygghetsundersökning och synpunkter från medborgardialoger i Limmared och "
        "Dalstorp. Två problem återkommer: unga som kör för fort med mopeder och epa-traktorer i "
        "Limmared, och att narkotika har blivit mer tillgänglig för unga i hela kommunen.",
    ),
    ("", ""),
    ("S", "Prioriterade områden"),
    ("B", "Trafiksäkerhet i Limmared"),
    ("B", "Narkotika bland unga"),
    ("", ""),
    ("S", "Polisen åtar sig att"),
    (
        "B",
        "genomföra trafikkontroller av mopeder och epa-traktorer på Glasbruksgatan i Limmared "
        "minst en gång i månaden under perioden april till oktober,",
    ),
    ("B", "delta på föräldramöten i årskurs 7 och berätta om narkotika och dess risker,"),
    ("B", "göra riktade insatser mot personer som säljer narkotika till unga."),
    ("", ""),
    ("S", "Tranemo kommun åtar sig att"),
    (
        "B",
        "bygga om korsningen mellan Glasbruksgatan och Storgatan i Limmared så att det blir "
        "svårare att köra fort,",
    ),
    ("B", "ge alla elever i årskurs 8 undervisning om narkotika tillsammans med elevhälsan,"),
    ("B", "hålla fritidsgården i Dalstorp öppen på fredagskvällar."),
    ("", ""),
    ("S", "Uppföljning"),
    ("P", "Löftet följs upp varje halvår i Tranemo kommuns lokala brottsförebyggande råd."),
    ("", ""),
    ("P", "Tranemo den 27 februari 2023"),
    ("", ""),
    ("P", "Per Sjögren"),
    ("P", "Kommunstyrelsens ordförande, Tranemo kommun"),
    ("", ""),
    ("P", "Ulrika Stenberg"),
    ("P", "Lokalpolisområdeschef, lokalpolisområde Södra Älvsborg"),
)


def build() -> bytes:
    return render(CONTENT, title="Medborgarlöfte Tranemo 2023-2024", author="Tranemo kommun", created=CREATED)


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
