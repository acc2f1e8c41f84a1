"""Rebuild the eighth held-out set's two PDFs with fpdf2:
docs/s11_orust-tjorn-pdf-tva-kommuner.pdf and docs/s12_osteraker-pdf-forlangt.pdf.

The text lives here so a reviewer can read what the PDFs say; the committed bytes
must equal ``build(name)`` for each name in ``OUTPUTS`` (``build()`` without a name
gives the first PDF, like the earlier sets' single-PDF scripts). Run:
``.venv/bin/python -m tests.gold.heldout8.make_pdf``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.gold.pdf_layout import render

DOCS = Path(__file__).parent / "docs"

# (style, text): "H" title, "S" section heading, "P" paragraph, "B" bullet, "" blank line.
CONTENT_ORUST_TJORN: tuple[tuple[str, str], ...] = (
    ("H", "Medborgarlöfte för Orust och Tjörn 2026–2027"),
    ("P", "Orust kommun, Tjörns kommun och Polisen i lokalpolisområde Stenungsund"),
    ("", ""),
    ("P", "Giltighetstid: 1 januari 2026 - 31 december 2027"),
    ("", ""),
    ("S", "Bakgrund"),
    (
        "P",
        "Lokalpolisområde Stenungsund omfattar Stenungsunds, Tjörns och Orusts kommuner. Stenungsund har "
        "ett eget medborgarlöfte, medan Orust och Tjörn har valt att ge ett gemensamt löfte eftersom de "
        "två öarna har likartade problem. Under 2024 och 2025 anmäldes 212 stölder av båtmotorer och båtar "
        "i de två kommunerna, och på sommarkvällarna samlas många unga i hamnarna.",
    ),
    ("", ""),
    ("S", "Prioriteringar"),
    ("B", "Båt- och motorstölder"),
    ("B", "Ungdomars trygghet i hamnarna under sommaren"),
    ("", ""),
    ("S", "Polisen ska:"),
    (
        "B",
        "kontrollera hamnar och båtuppläggningsplatser på Orust och Tjörn nattetid under högsäsongen, "
        "med särskilt fokus på Ellös, Henån och Skärhamn,",
    ),
    ("B", "vara på plats i Skärhamns hamn och i Henån under midsommarhelgen och under seglingstävlingen Tjörn Runt,"),
    ("B", "föreläsa om stöldskydd för båtklubbarna på båda öarna."),
    ("", ""),
    ("S", "Orust kommun ska:"),
    ("B", "förbättra belysningen vid gästhamnen i Ellös och vid busshållplatserna i Henån,"),
    ("B", "utöka fältverksamheten i Henån och Svanesund under sommarlovet."),
    ("", ""),
    ("S", "Tjörns kommun ska:"),
    ("B", "erbjuda båtklubbarna kostnadsfri rådgivning om stöldskydd och kameraövervakning,"),
    ("B", "öppna en sommarfritidsgård i Skärhamn för unga mellan 13 och 17 år."),
    ("", ""),
    ("S", "Gemensamt:"),
    ("B", "en trygghetsvandring i varje kommun under våren 2026"),
    ("B", "en gemensam lägesbild inför varje avstämning"),
    ("", ""),
    ("S", "Uppföljning"),
    (
        "P",
        "Polisen och kommunerna stämmer av löftet varje kvartal i den gemensamma styrgruppen för "
        "brottsförebyggande arbete.",
    ),
    ("", ""),
    ("P", "Undertecknat 16 dec 2025"),
    ("", ""),
    ("P", "Karin Strömberg, kommunstyrelsens ordförande, Orust kommun"),
    ("P", "Martin Bergh, kommunstyrelsens ordförande, Tjörns kommun"),
    ("P", "Sofia Nyqvist, lokalpolisområdeschef, lokalpolisområde Stenungsund"),
)

CONTENT_OSTERAKER: tuple[tuple[str, str], ...] = (
    ("H", "Medborgarlöfte Österåkers kommun 2026"),
    ("P", "Österåkers kommun och lokalpolisområde Täby"),
    ("", ""),
    ("P", "Löftet gäller under perioden 2026-01-01 till 2026-12-31."),
    ("", ""),
    ("S", "Bakgrund"),
    (
        "P",
        "Lokalpolisområde Täby ansvarar för Täby, Vallentuna, Vaxholm, Danderyd och Österåker. Varje kommun "
        "har sitt eget medborgarlöfte. Österåkers löfte bygger på polisens lägesbild, kommunens "
        "trygghetsmätning hösten 2025 och dialoger med boende, skolor och företagare i Åkersberga.",
    ),
    (
        "P",
        "Syftet med medborgarlöftet är att invånarna ska veta vad kommunen och polisen gör för att öka "
        "tryggheten och att de ska kunna påverka arbetet.",
    ),
    ("", ""),
    ("S", "Fokusområden"),
    ("B", "Åkersberga centrum"),
    ("B", "Skärgården under sommaren"),
    ("B", "Unga i Tunagård och Margretelund"),
    ("", ""),
    ("S", "Åkersberga centrum"),
    (
        "P",
        "Flest otrygghetsanmälningar i kommunen gäller området kring Åkersberga station och Åkersberga "
        "centrum, särskilt sena fredags- och lördagskvällar.",
    ),
    ("B", "Polisen ska ha en fast närvarotid vid Åkersberga station varje fredag och lördag kväll."),
    ("B", "Kommunen ska anlita ordningsvakter i Åkersberga centrum på helgkvällar."),
    ("", ""),
    ("S", "Skärgården under sommaren"),
    (
        "P",
        "Under sommaren mångdubblas antalet personer på Ljusterö och i Österskär, och inbrotten i fritidshus "
        "och båtar ökar.",
    ),
    ("B", "Polisen genomför båtkontroller i farvattnen kring Ljusterö under juli."),
    ("B", "Informationsträffar om inbrottsskydd för fritidshusägare i Österskär och på Ljusterö."),
    ("", ""),
    ("S", "Unga i Tunagård och Margretelund"),
    (
        "P",
        "Kommunen och polisen kommer gemensamt att ta fram en lägesbild över ungdomsbrottsligheten i "
        "Tunagård och Margretelund, och därefter sätta in riktade åtgärder. Kommunen åtar sig dessutom att "
        "hålla fritidsgården i Tunagård öppen även på söndagar.",
    ),
    ("", ""),
    ("S", "Uppföljning"),
    ("P", "Löftet följs upp var sjätte månad av kommunens trygghetsgrupp och lokalpolisområdet."),
    ("", ""),
    ("P", "Datum: 2025-12-18"),
    ("", ""),
    ("P", "Johanna Ekwall"),
    ("P", "Kommunstyrelsens ordförande, Österåkers kommun"),
    ("", ""),
    ("P", "Niklas Fors"),
    ("P", "Lokalpolisområdeschef, lokalpolisområde Täby"),
    ("", ""),
    ("S", "Tillägg 2026-11-20"),
    (
        "P",
        "Medborgarlöftet förlängs med sex månader och gäller med samma innehåll till och med den 30 juni "
        "2027. Ett nytt löfte tas fram under våren 2027.",
    ),
)

# name -> (content, PDF title, PDF author, creation date). Fixed dates keep the bytes
# reproducible: fpdf2 writes the creation date into the file.
OUTPUTS: dict[str, tuple[tuple[tuple[str, str], ...], str, str, datetime]] = {
    "s11_orust-tjorn-pdf-tva-kommuner.pdf": (
        CONTENT_ORUST_TJORN,
        "Medborgarlöfte Orust och Tjörn 2026-2027",
        "Orust kommun",
        datetime(2025, 12, 17, 10, 5, tzinfo=UTC),
    ),
    "s12_osteraker-pdf-forlangt.pdf": (
        CONTENT_OSTERAKER,
        "Medborgarlöfte Österåkers kommun 2026",
        "Österåkers kommun",
        datetime(2026, 11, 20, 14, 30, tzinfo=UTC),
    ),
}
OUTPUT = DOCS / "s11_orust-tjorn-pdf-tva-kommuner.pdf"


def build(name: str = OUTPUT.name) -> bytes:
    content, title, author, created = OUTPUTS[name]
    return render(content, title=title, author=author, created=created)


if __name__ == "__main__":
    for name in OUTPUTS:
        path = DOCS / name
        path.write_bytes(build(name))
        print(f"wrote {path}")
