"""A news page's listing of other news ("Fler nyheter") goes; the page's own sections stay."""

from __future__ import annotations

import pytest

from pipeline.build import record_for_file
from pipeline.clean import clean

ARTICLE = """Nyheter från Vänersborgs kommun

Nytt medborgarlöfte för Vänersborg
Publicerad: 2022-02-01

Vänersborgs kommun och lokalpolisområde Vänersborg har tecknat ett medborgarlöfte för 2022.

Löftet handlar om tryggheten i Nordstan och på resecentrum.

Polisen lovar
– Polisen ska vara synlig på resecentrum fredags- och lördagskvällar.
– Polisen ska genomföra trafikkontroller vid skolorna i Nordstan.

Kommunen lovar
– Kommunen ska anställa två trygghetsvärdar i Nordstan.
– Kommunen ska förbättra belysningen vid resecentrum under våren.

Medborgarlöftet följs upp varje halvår.
"""

TEASERS = """
Ny idrottshall i Onsjö
Publicerad 2022-01-28
Kommunen ska bygga en ny idrottshall vid Onsjöskolan. Bygget ska vara klart
till hösten 2023 och hallen ska kunna användas av föreningarna på kvällstid.

Vägarbete på Edsgatan
Publicerad: 24 januari 2022
Under februari stängs Edsgatan av vid Torget. Kommunen ska leda om bussarna via Kungsgatan.
"""

CONTACT = """
Kontakt
Trygghetssamordnare: Lena Holm, 0521-72 10 00
"""


def text_of(page: str) -> str:
    return clean(page.encode("utf-8"), "text").text


@pytest.mark.parametrize("heading", ["Fler nyheter", "Senaste nyheterna", "Relaterade nyheter:",
                                     "Andra nyheter från kommunen", "Nyhetsarkiv"])
def test_teasers_under_a_listing_heading_go_and_the_contact_section_stays(heading: str) -> None:
    text = text_of(ARTICLE + f"\n{heading}\n" + TEASERS + CONTACT)
    assert "Kommunen ska förbättra belysningen vid resecentrum under våren." in text
    for gone in (heading.rstrip(":"), "idrottshall", "Onsjö", "Edsgatan", "Kungsgatan"):
        assert gone not in text
    assert "Kontakt" in text and "Lena Holm" in text


def test_the_listing_as_the_page_ends_goes_and_so_does_a_heading_with_nothing_under_it() -> None:
    assert "Onsjö" not in text_of(ARTICLE + "\nFler nyheter\n" + TEASERS)
    assert text_of(ARTICLE + "\nFler nyheter\n").rstrip().endswith("Medborgarlöftet följs upp varje halvår.")


def test_bare_dates_and_times_under_teaser_titles() -> None:
    teasers = ("\nNy idrottshall i Onsjö\n2022-01-28 kl. 10.15\nKommunen ska bygga en idrottshall.\n\n"
               "Vägarbete på Edsgatan\n24 januari 2022\nKommunen ska leda om bussarna.\n")
    text = text_of(ARTICLE + "\nFler nyheter\n" + teasers + CONTACT)
    assert "idrottshall" not in text and "bussarna" not in text and "Lena Holm" in text


def test_a_listing_heading_without_dated_teasers_changes_nothing() -> None:
    # Undated lines under the heading may be the page's own content: nothing is dropped.
    page = ARTICLE + "\nFler nyheter\nLäs om trygghetsvandringarna i Nordstan\nLäs om Grannsamverkan\n"
    text = text_of(page)
    assert "Fler nyheter" in text and "Grannsamverkan" in text


def test_a_listing_heading_among_the_opening_lines_is_a_menu_not_a_listing() -> None:
    page = ("Vänersborgs kommun\nFler nyheter\nNytt medborgarlöfte för Vänersborg\nPublicerad: 2022-02-01\n\n"
            "Vänersborgs kommun och lokalpolisområde Vänersborg har tecknat ett medborgarlöfte för 2022.\n\n"
            "Polisen ska vara synlig på resecentrum fredags- och lördagskvällar.\n")
    text = text_of(page)
    assert "Polisen ska vara synlig på resecentrum" in text and "tecknat ett medborgarlöfte" in text


def test_html_listing_with_heading_date_and_teaser_elements() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.strip().splitlines() if line)
    page = f"""<html><body><div class="pagecontent"><div class="sv-text-portlet-content">
    {paragraphs}
    <h2>Relaterade nyheter</h2>
    <h3>Ny idrottshall i Onsjö</h3><p class="date">Publicerad 2022-01-28</p>
    <p>Kommunen ska bygga en ny idrottshall vid Onsjöskolan.</p>
    <h3>Vägarbete på Edsgatan</h3><p class="date">2022-01-24</p>
    <p>Under februari stängs Edsgatan av vid Torget.</p><p>Bussarna leds om via Kungsgatan.</p>
    <h2>Kontakt</h2><p>Trygghetssamordnare: Lena Holm, 0521-72 10 00</p>
    </div></div></body></html>"""
    document = clean(page.encode("utf-8"), "html")
    assert document.cleaner == "html.sitevision"
    assert "Kommunen ska anställa två trygghetsvärdar i Nordstan." in document.text
    for gone in ("Relaterade nyheter", "idrottshall", "Edsgatan", "Kungsgatan"):
        assert gone not in document.text
    assert "Lena Holm" in document.text


def test_unrelated_news_gives_the_promise_no_commitments_or_places(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "vanersborg-nyhet.txt"
    path.write_text(ARTICLE + "\nFler nyheter\n" + TEASERS + CONTACT, encoding="utf-8")
    record = record_for_file(path)
    commitments = [record.text[c.span[0] : c.span[1]] for c in record.commitments]
    assert len(commitments) == 4
    assert not any("idrottshall" in c or "bussarna" in c for c in commitments)
    assert {p.name for p in record.places}.isdisjoint({"Onsjö", "Edsgatan", "Kungsgatan", "Torget"})


FEED_ITEMS = [
    ("15 juni 2022", "Sommarlovsaktiviteter för barn och unga",
     "Kommunen ska erbjuda gratis kanotpaddling i Furulund hela sommaren."),
    ("11 juni 2022", "Kommunen och polisen tecknar nytt medborgarlöfte",
     "Vänersborgs kommun och polisen har skrivit under ett medborgarlöfte för 2022.\n\n"
     "Polisen ska vara synlig på resecentrum fredags- och lördagskvällar."),
    ("8 juni 2022", "Ny idrottshall i Onsjö",
     "Kommunen ska bygga en ny idrottshall vid Onsjöskolan till hösten 2023."),
    ("2 juni 2022", "Vägarbete på Edsgatan",
     "Kommunen kommer att leda om bussarna via Kungsgatan under hela arbetet."),
]


def feed(items: list[tuple[str, str, str]], date_first: bool = True) -> str:
    head = "Vänersborgs kommun\n\nNyheter\n\nHär hittar du de senaste nyheterna.\n\n"
    body = "\n\n".join(f"{d}\n{t}\n{x}" if date_first else f"{t}\nPublicerad {d}\n{x}" for d, t, x in items)
    return head + body + "\n\nVisa fler nyheter\n"


@pytest.mark.parametrize("date_first", [True, False])
def test_on_a_news_feed_only_the_promise_item_stays(date_first: bool) -> None:
    text = text_of(feed(FEED_ITEMS, date_first))
    assert "Polisen ska vara synlig på resecentrum" in text and "tecknar nytt medborgarlöfte" in text
    for gone in ("kanotpaddling", "idrottshall", "Edsgatan", "Kungsgatan"):
        assert gone not in text
    assert "Visa fler nyheter" in text  # the page's own line after the feed stays
    if date_first:  # the promise item's date says when it was published, not signed: it goes too
        assert "11 juni 2022" not in text


def test_a_feed_without_a_promise_item_is_left_whole() -> None:
    items = [item for item in FEED_ITEMS if "medborgarlöfte" not in item[2]]
    text = text_of(feed(items))
    assert all(title in text for _, title, _ in items)


def test_two_dated_updates_on_a_promise_page_are_no_feed() -> None:
    page = (ARTICLE + "\n2022-03-01\nTrygghetsvandring i Nordstan\nI går gick vi en trygghetsvandring i Nordstan.\n\n"
            "2022-05-01\nNya trygghetsvärdar\nDe två trygghetsvärdarna började i maj.\n")
    text = text_of(page)
    assert "trygghetsvandring i Nordstan" in text and "trygghetsvärdarna började" in text


def test_undated_teasers_under_a_listing_heading_go() -> None:
    text = (
        "Välkommen på trygghetsvandring i Storängen\n\n"
        "Tisdagen den 22 september bjuder kommunen och polisen in till en trygghetsvandring i Storängen.\n\n"
        "Fler nyheter\n"
        "Ny gång- och cykelväg längs Norrköpingsvägen\n"
        "Söderköpings kommun kommer att bygga en ny gång- och cykelväg längs Norrköpingsvägen.\n\n"
        "Höstlovsaktiviteter 2026\n"
        "Under höstlovet ordnar fritidsgården aktiviteter för unga mellan 12 och 17 år.\n\n"
        "Söderköpings kommun\nKontakt\n"
    )
    document = clean(text.encode(), "text")
    assert "Norrköpingsvägen" not in document.text and "Höstlov" not in document.text
    assert "trygghetsvandring i Storängen." in document.text
    assert document.text.endswith("Söderköpings kommun")  # the listing ends where the teasers end


def test_a_heading_like_fler_nyheter_over_something_else_keeps_it() -> None:
    text = ("Artikel\n\nPolisen ska patrullera i centrum varje helg under sommaren.\n\n"
            "Fler nyheter\nSe alla nyheter på webbplatsen\nKontakt\n")
    assert "Se alla nyheter på webbplatsen" in clean(text.encode(), "text").text

