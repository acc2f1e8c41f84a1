"""Rebuild docs/r09_koping-pdf.pdf, the seventh held-out set's PDF, with fpdf2.

The text lives here so a reviewer can read what the PDF says; the committed bytes
must equal ``build()`` (tests/test_gold_files.py checks it). Run:
``.venv/bin/python -m tests.gold.heldout7.make_pdf``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.gold.pdf_layout import render

OUTPUT = Path(__file__).parent / "docs" / "r09_koping-pdf.pdf"
# A fixed date keeps the bytes reproducible: fpdf2 writes the creation date into the file.
CREATED = datetime(2026, 1, 21, 13, 40, tzinfo=UTC)

# (style, text): "H" title, "S" section heading, "P" paragraph, "B" bullet, "" blank line.
CONTENT: tuple[tuple[str, str], ...] = (
    ("H", "Medborgarlöfte Köping 2026–2027"),
    ("P", "Köpings kommun och Polisen, lokalpolisområde Västra Mälardalen"),
    ("", ""),
    ("P", "Löftet gäller från 2026-01-01 till och med 2027-12-31."),
    ("", ""),
    ("S", "Bakgrund"),
    (
        "P",
        "Lokalpolisområde Västra Mälardalen omfattar Arboga, Köping och Kungsör. Arboga och Kungsör "
        "har egna medborgarlöften. Under 2025 ökade anmälningarna om skadegörelse vid Köpings "
        "resecentrum med 35 procent, och boende i Kolsva har vid flera tillfällen klagat på mopeder "
        "och epa-traktorer som kör på gång- och cykelvägarna. Skolorna rapporterar också att fler "
        "elever än tidigare har erbjudits narkotika.",
    ),
    ("", ""),
    ("S", "Fokusområden"),
    ("B", "Trygghet vid Stora torget och Köpings resecentrum"),
    ("B", "Mopeder och epa-traktorer i Kolsva"),
    ("B", "Narkotika i skolmiljön"),
    ("", ""),
    ("S", "Polisen kommer att"),
    (
        "B",
        "genomföra riktade kontroller av mopeder och epa-traktorer i Kolsva och Munktorp under vår- och "
        "sommarhalvåret, i samverkan med kommunens fältassistenter",
    ),
    ("B", "vara synlig vid Stora torget och resecentrum på fredags- och lördagskvällar"),
    ("B", "besöka alla högstadieskolor i kommunen minst en gång per termin för att prata om narkotika och grooming"),
    ("", ""),
    ("S", "Köpings kommun kommer att"),
    ("B", "sätta upp kameraövervakning vid Köpings resecentrum under 2026"),
    ("B", "förbättra belysningen i gångtunneln mellan Stora torget och resecentrum"),
    ("B", "införa en gemensam handlingsplan mot narkotika för alla skolor i kommunen"),
    ("", ""),
    ("S", "Tillsammans kommer vi att"),
    ("B", "genomföra en trygghetsvandring i Kolsva och en i centrala Köping varje höst"),
    ("B", "bjuda in föräldrar till en informationskväll om narkotika i början av varje läsår"),
    ("", ""),
    ("S", "Uppföljning"),
    (
        "P",
        "Löftet följs upp årligen i januari i Köpings kommuns brottsförebyggande råd, där polisen och "
        "kommunen redovisar vad som har gjorts.",
    ),
    ("", ""),
    ("P", "Beslutat i kommunstyrelsen 2025-12-09."),
    ("", ""),
    ("P", "Köping 2026-01-20"),
    ("", ""),
    ("P", "Elin Sandberg, kommunstyrelsens ordförande, Köpings kommun"),
    ("P", "Henrik Lund, lokalpolisområdeschef, lokalpolisområde Västra Mälardalen"),
)


def build() -> bytes:
    return render(CONTENT, title="Medborgarlöfte Köping 2026-2027", author="Köpings kommun", created=CREATED)


if __name__ == "__main__":
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT}")
