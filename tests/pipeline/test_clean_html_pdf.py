from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean import CleanError, clean
from tests.pipeline.conftest import make_pdf

POLISEN_PAGE = """<!DOCTYPE html><html lang="sv"><head><title>Arboga – medborgarlöfte 2022 | Polisen</title></head>
<body><noscript>Javascript är inte påslaget i din webbläsare.</noscript>
<header><nav><ul><li><a href="/">Start</a></li><li><a href="/om-polisen/">Om polisen</a></li></ul></nav></header>
<div class="cookie-consent"><p>Polisen använder kakor för att förbättra webbplatsen.</p><button>Jag förstår</button></div>
<div class="maintenance-notice"><p>Ett planerat tekniskt underhåll på polisen.se gör att vissa funktioner inte fungerar fullt ut. Tack för ditt tålamod!</p></div>
<main><div id="main-content">
  <h1>Arboga – medborgarlöfte 2022</h1>
  <p class="preamble">Polisen och Arboga kommun lovar att arbeta för ökad trygghet i centrum.</p>
  <div class="text-body editorial-html">
    <h2>Fokusområden</h2>
    <ul><li>Motorburen ungdom</li><li>Centrummiljön</li></ul>
    <p>Polisen kommer att:</p>
    <ul><li>genomföra trafikkontroller<br>på helgkvällar</li><li>delta i trygghetsvandringar</li></ul>
    <figure><img src="a.jpg" alt=""><figcaption>Kommunstyrelsens ordförande Anna Berg och lokalpolisområdeschef Per Ek</figcaption></figure>
    <p>Arboga 2022-01-20</p>
    <p>Anna Berg<br>Kommunstyrelsens ordförande<br>Arboga kommun</p>
  </div>
  <div class="feedback"><p>Hjälpte informationen dig?</p><button>Ja</button><button>Nej</button></div>
  <p class="page-owner">Sidansvarig: Johan Lundell</p>
</div></main>
<footer><p>Polismyndigheten, Box 12256</p></footer></body></html>"""

SITEVISION_PAGE = """<html><head><title>Medborgarlöfte - Båstads kommun</title></head><body>
<div class="sv-layout"><nav class="sv-menu"><a>Kommun och politik</a><a>Bygga, bo och miljö</a></nav>
<div class="pagecontent sv-layout">
  <div class="sv-text-portlet"><div class="sv-text-portlet-content"><h1 class="heading">Nytt medborgarlöfte för Båstad</h1></div></div>
  <div class="sv-text-portlet"><div class="sv-text-portlet-content"><p class="normal">Båstads kommun och lokalpolisområde Ängelholm har tecknat ett nytt medborgarlöfte.</p>
  <p class="normal">– Det är ett viktigt steg, säger Bo Wendt (M), kommunstyrelsens ordförande.</p></div></div>
  <div class="sv-text-portlet"><div class="sv-text-portlet-content"><h2 class="subheading">Kommunen lovar</h2>
  <ul><li>att se över belysningen i centrum</li><li>att ordna trygghetsvandringar</li></ul></div></div>
</div>
<div class="sv-related-links"><p>Relaterade sidor</p></div>
<footer><p>Båstads kommun, 269 80 Båstad</p></footer></div></body></html>"""

GENERIC_PAGE = """<html><head><title>Medborgarlöfte 2023</title></head><body>
<div class="menu"><a>Hem</a></div>
<article><h1>Medborgarlöfte 2023</h1>
<p>Falu kommun och lokalpolisområde Falun/Borlänge lovar att under 2023 arbeta med tryggheten i Gruvriset.
Polisen ska genomföra riktade insatser mot narkotikabrottslighet och kommunen ska förbättra belysningen.</p>
<p>Arbetet följs upp varje kvartal av kommunens brottsförebyggande råd tillsammans med polisen i Falun.</p>
<ul><li>Trygghetsvandringar i Gruvriset och Slätta</li><li>Föräldravandringar på helger</li></ul>
</article></body></html>"""


def kinds_and_texts(markup: str) -> tuple[str, list[tuple[str, str]], str]:
    document = clean(markup.encode("utf-8"), "text/html")
    return document.cleaner, [(b.kind, document.text[b.start : b.end]) for b in document.blocks], document.text


def test_polisen_profile_keeps_content_and_drops_chrome() -> None:
    cleaner, blocks, text = kinds_and_texts(POLISEN_PAGE)
    assert cleaner == "html.polisen"
    assert blocks[0] == ("heading", "Arboga – medborgarlöfte 2022")
    assert ("paragraph", "Polisen och Arboga kommun lovar att arbeta för ökad trygghet i centrum.") in blocks
    assert ("list_item", "genomföra trafikkontroller på helgkvällar") in blocks
    assert ("caption", "Kommunstyrelsens ordförande Anna Berg och lokalpolisområdeschef Per Ek") in blocks
    assert ("signature", "Anna Berg\nKommunstyrelsens ordförande\nArboga kommun") in blocks
    for chrome in ("Javascript", "kakor", "underhåll", "Hjälpte", "Sidansvarig", "Lundell", "Om polisen", "Box 12256"):
        assert chrome not in text


@pytest.mark.parametrize("inside_body", [False, True])
def test_polisen_profile_reads_a_notice_box_once_in_its_place(inside_body: bool) -> None:
    notice = ('<div class="update-notice"><p><strong>Uppdaterad 2025-12-10:</strong> '
              "Medborgarlöftet förlängs och gäller även 2026.</p></div>")
    preamble = '<div class="preamble"><p>Vadstena kommun och polisen har ett medborgarlöfte för 2025.</p></div>'
    body = '<div class="text-body editorial-html"><h2>Vi lovar</h2><p>Polisen ska patrullera i hamnen.</p></div>'
    if inside_body:
        body = body.replace("<h2>", notice.replace("update-notice", "alert alert--info") + "<h2>")
        notice = ""
    page = (f"<html><body><main id='main-content'><article><h1>Vadstena – medborgarlöften</h1>{notice}"
            f"{preamble}{body}<div class='maintenance-notice'><p>Planerat underhåll.</p></div></article></main></body></html>")
    cleaner, blocks, text = kinds_and_texts(page)
    assert cleaner == "html.polisen"
    update = ("paragraph", "Uppdaterad 2025-12-10: Medborgarlöftet förlängs och gäller även 2026.")
    assert blocks.count(update) == 1
    assert blocks.index(update) == (2 if inside_body else 1)  # where the page has it
    assert "underhåll" not in text


def test_sitevision_profile_reads_every_text_portlet_in_order() -> None:
    cleaner, blocks, text = kinds_and_texts(SITEVISION_PAGE)
    assert cleaner == "html.sitevision"
    assert blocks[0] == ("heading", "Nytt medborgarlöfte för Båstad")
    assert ("heading", "Kommunen lovar") in blocks
    assert ("list_item", "att se över belysningen i centrum") in blocks
    assert any(kind == "paragraph" and "säger Bo Wendt" in t for kind, t in blocks)
    assert "Kommun och politik" not in text and "Relaterade" not in text and "269 80" not in text


# The same unknown-site page without its <article> element: only trafilatura can take it apart.
GENERIC_PAGE_WITHOUT_ARTICLE = GENERIC_PAGE.replace("<article>", "<div>").replace("</article>", "</div>")
UNKNOWN_SITE_PAGES = [(GENERIC_PAGE, "html.article"), (GENERIC_PAGE_WITHOUT_ARTICLE, "html.trafilatura")]


@pytest.mark.parametrize(("page", "expected"), UNKNOWN_SITE_PAGES)
def test_other_sites_use_their_one_article_or_trafilatura(page: str, expected: str) -> None:
    cleaner, blocks, text = kinds_and_texts(page)
    assert cleaner == expected
    assert "Falun/Borlänge" in text and "Gruvriset och Slätta" in text
    assert ("list_item", "Föräldravandringar på helger") in blocks
    assert "Hem" not in text.split()


def test_html_title_comes_from_the_page() -> None:
    document = clean(POLISEN_PAGE.encode(), "html")
    assert document.title == "Arboga – medborgarlöfte 2022"


def test_deeply_nested_html_does_not_crash() -> None:
    markup = "<html><body>" + "<div>" * 10_000 + "<p>Polisen ska patrullera.</p>" + "</div>" * 10_000
    document = clean(markup.encode(), "html")
    assert "Polisen ska patrullera." in document.text


def test_unclosed_html_still_yields_text() -> None:
    document = clean(b"<html><body><div id='main-content'><h1>Rubrik<p>Polisen ska patrullera i centrum", "html")
    assert "Polisen ska patrullera i centrum" in document.text


def test_pdf_text_and_blocks(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "lofte.pdf", [
        "Medborgarlöfte för Arboga kommun 2022",
        "Polisen lovar:",
        "• genomföra trygghetsvandringar i Sätra varje månad under hela året och dessutom följa upp "
        "resultaten tillsammans med kommunen och fastighetsägarna i området.",
        "• Kommunen ska förbättra belysningen.",
    ])
    document = clean(pdf.read_bytes(), "pdf")
    assert document.content_type == "pdf"
    blocks = [(b.kind, document.text[b.start : b.end]) for b in document.blocks]
    assert blocks[0] == ("heading", "Medborgarlöfte för Arboga kommun 2022")
    assert blocks[2][0] == "list_item" and blocks[2][1].endswith("fastighetsägarna i området.")
    assert blocks[3] == ("list_item", "Kommunen ska förbättra belysningen.")


def test_truncated_pdf_is_a_clean_error(tmp_path: Path) -> None:
    content = make_pdf(tmp_path / "x.pdf", ["Polisen ska patrullera."]).read_bytes()
    with pytest.raises(CleanError, match="PDF"):
        clean(content[: len(content) // 2], "pdf")


def test_a_pdf_that_is_not_a_pdf() -> None:
    with pytest.raises(CleanError):
        clean(b"%PDF-1.4\n" + bytes(range(256)) * 10, "pdf")


def test_pdf_running_footer_with_page_numbers_goes(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_font("Helvetica", size=11)
    for page in (1, 2):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Polisen ska patrullera i centrum vecka {page}.")
        pdf.set_y(-20)
        pdf.cell(0, 6, f"Medborgarlöfte Skellefteå | Sida {page} av 2")
    path = tmp_path / "footer.pdf"
    pdf.output(str(path))
    document = clean(path.read_bytes(), "pdf")
    assert "Sida" not in document.text
    assert "Polisen ska patrullera i centrum vecka 2." in document.text


def test_menu_word_is_chrome_at_the_top_but_a_heading_in_the_body() -> None:
    body = "\n".join(f"Stycke {n} med text." for n in range(20))
    document = clean(f"Kontakt\n\n{body}\n\nKontakt\n\nKommunpolis Anna Ek, telefon 010-123 45 67".encode(), "text")
    assert document.text.count("Kontakt") == 1
    assert document.blocks[0].kind == "paragraph"


def test_labelled_contact_line_is_not_a_caption() -> None:
    document = clean(b"Text.\n\nKontaktperson: Anna Ek, kommunpolis\n\nMer.", "text")
    assert [b.kind for b in document.blocks] == ["paragraph", "paragraph", "paragraph"]


def test_table_rows_become_lines_with_cells_kept_apart() -> None:
    markup = (
        "<html><body><div id='main-content'><h1>Löften</h1><div class='text-body editorial-html'>"
        "<table><tr><th>Aktivitet</th><th>Ansvar</th><th>Tidplan</th></tr>"
        "<tr><td>Trygghetsvandring i centrum</td><td>Polisen</td><td>Vår 2023</td></tr></table>"
        "</div></div></body></html>"
    )
    document = clean(markup.encode(), "html")
    assert "Aktivitet | Ansvar | Tidplan" in document.text
    assert "Trygghetsvandring i centrum | Polisen | Vår 2023" in document.text


BESIDE_MAIN = """<html><body>
<header><nav><a>Kontakt</a></nav></header>
<div class="sv-layout pagecontent">
  <div class="sv-text-portlet"><div class="sv-text-portlet-content">
    <h1>Medborgarlöfte 2024–2025</h1>
    <p>Partille kommun och lokalpolisområde Partille har skrivit under ett nytt medborgarlöfte.</p>
    <h2>Polisen lovar att</h2><ul><li>finnas synligt i Partille centrum tre kvällar i veckan</li></ul>
  </div></div>
  <div class="sv-image-portlet"><img src="a.jpg" alt="">
    <p class="bildtext">Maria Lundgren, kommunstyrelsens ordförande, och Tomas Ekberg, lokalpolisområdeschef, skriver under.</p>
  </div>
</div>
<aside class="sidebar">
  <div class="sv-text-portlet"><div class="sv-text-portlet-content">
    <h2>Kontakt</h2>
    <p>Jonas Berglund<br>Trygghetssamordnare, Partille kommun<br>031-792 10 00</p>
    <p>Kommunpolis Linda Öst<br>Nås via 114 14</p>
  </div></div>
  <div class="related"><h2>Relaterade sidor</h2><ul><li><a>Brottsförebyggande rådet</a></li></ul></div>
</aside>
<footer><div class="footer-contact"><h2>Kontakta oss</h2><p>Partille kommun, 433 82 Partille</p></div></footer>
</body></html>"""


def test_captions_and_contact_boxes_beside_the_main_column_are_read() -> None:
    cleaner, blocks, text = kinds_and_texts(BESIDE_MAIN)
    assert cleaner == "html.sitevision"
    assert ("caption", "Maria Lundgren, kommunstyrelsens ordförande, och Tomas Ekberg, "
                       "lokalpolisområdeschef, skriver under.") in blocks
    assert ("heading", "Kontakt") in blocks
    assert "Jonas Berglund" in text and "Kommunpolis Linda Öst" in text
    # The other sidebar box, the footer's switchboard and the menu are not the promise's.
    assert "Relaterade" not in text and "433 82" not in text and "Kontakta oss" not in text
    assert text.count("Kontakt") == 1


@pytest.mark.parametrize(("generic", "expected"), UNKNOWN_SITE_PAGES)
def test_a_contact_box_on_an_unknown_site_is_read_once(generic: str, expected: str) -> None:
    page = generic.replace(
        "</body>",
        "<aside class='contact-card'><h2>Kontakt</h2><p><strong>Karin Dahlberg</strong><br>"
        "Säkerhetssamordnare, Falu kommun<br>Telefon: 023-830 00</p></aside></body>",
    )
    assert "Karin Dahlberg" in page
    cleaner, blocks, text = kinds_and_texts(page)
    assert cleaner == expected
    assert text.count("Karin Dahlberg") == 1 and "Säkerhetssamordnare, Falu kommun" in text
    assert text.index("Karin Dahlberg") > text.index("Föräldravandringar")


def test_a_contact_box_already_in_the_main_column_is_not_repeated() -> None:
    page = BESIDE_MAIN.replace('<aside class="sidebar">', '<div class="x">').replace("</aside>", "</div>")
    page = page.replace("<h2>Polisen lovar att</h2>",
                        "<div class='contact'><h2>Kontakt</h2><p>Kommunpolis Linda Öst</p></div>"
                        "<h2>Polisen lovar att</h2>")
    _, _, text = kinds_and_texts(page)
    assert text.count("Kommunpolis Linda Öst") == 1


ARTICLE_PAGE = """<html><head><title>Medborgarlöfte för Ängelholm 2025</title></head><body>
<header><nav><a href="/">Start</a><a href="/trygghet">Trygghet</a></nav></header>
<main id="main"><article class="article">
  <h1 class="article__heading">Medborgarlöfte för Ängelholm 2025</h1>
  <p class="article__meta">Publicerad 17 mars 2025</p>
  <div class="article__intro"><p>Ängelholms kommun och lokalpolisområde Ängelholm har tecknat medborgarlöftet
  för 2025. I år ligger fokus på bedrägerier mot äldre och på ordningen i Havsbaden under sommaren.</p></div>
  <div class="article__body"><p>Under 2024 anmäldes 146 bedrägerier mot personer över 70 år i kommunen, och
  i trygghetsenkäten svarade många äldre att de oroar sig för att bli lurade i telefon.</p>
  <h2>Så här gör vi</h2><ol><li>Polisen patrullerar i Havsbaden på fredagskvällar under juni–augusti.</li>
  <li>Kommunen anlitar ordningsvakter i Havsbaden under midsommar.</li></ol>
  <ul class="related-links"><li><a href="/a.pdf">Medborgarlöfte 2024 (pdf)</a></li></ul></div>
</article></main>
<aside class="sidebar"><h2>Trygghet och säkerhet</h2><ul><li><a href="/x">Krisberedskap</a></li></ul></aside>
<footer><p>Ängelholms kommun, 262 80 Ängelholm</p></footer></body></html>"""


def test_the_one_article_of_an_unknown_site_is_its_content_heading_and_lead_included() -> None:
    cleaner, blocks, text = kinds_and_texts(ARTICLE_PAGE)
    assert cleaner == "html.article"
    assert blocks[0] == ("heading", "Medborgarlöfte för Ängelholm 2025")
    assert any(text.startswith("Ängelholms kommun och lokalpolisområde") for _, text in blocks)
    assert ("list_item", "Kommunen anlitar ordningsvakter i Havsbaden under midsommar.") in blocks
    for chrome in ("Krisberedskap", "262 80", "Trygghet och säkerhet", "Start"):
        assert chrome not in text


@pytest.mark.parametrize("change", [
    lambda page: page.replace("</article></main>", "</article><article><h1>Nästa nyhet</h1><p>Text.</p></article></main>"),
    lambda page: page.replace('<h1 class="article__heading">', '<h2 class="article__heading">').replace(
        "2025</h1>", "2025</h2>"),
    lambda page: page.replace('<main id="main"><article class="article">', '<main id="main"><aside><article>').replace(
        "</article></main>", "</article></aside><p>Annat innehåll.</p></main>"),
])
def test_several_articles_a_headless_one_or_one_beside_the_main_text_go_to_trafilatura(change) -> None:
    cleaner, _, _ = kinds_and_texts(change(ARTICLE_PAGE))
    assert cleaner != "html.article"


def test_inline_elements_join_as_shown_and_table_cells_stay_apart() -> None:
    page = ("<html><body><div id='main-content'><h1>Löfte</h1><div class='text-body editorial-html'>"
            "<p>Kontakta <a href='mailto:a@b.se'>a@b.se</a>. Ring <strong>114</strong>&nbsp;14.</p>"
            "<table><tr><td>Åtgärd</td><td>Ansvar</td></tr><tr><td>Kontroller</td><td>Polisen</td></tr></table>"
            "</div></div></body></html>")
    _, blocks, _ = kinds_and_texts(page)
    assert ("paragraph", "Kontakta a@b.se. Ring 114 14.") in blocks
    assert ("paragraph", "Kontroller | Polisen") in blocks



def test_a_line_break_on_an_unknown_site_keeps_signatures_apart() -> None:
    page = GENERIC_PAGE_WITHOUT_ARTICLE.replace(
        "</div></body>",
        "<h2>Undertecknat</h2><p>Falun den 15 januari 2026</p>"
        "<p>Jonas Ek, kommunstyrelsens ordförande, Falu kommun<br />"
        "Helena Strand, lokalpolisområdeschef, lokalpolisområde Falun/Borlänge</p></div></body>",
    )
    cleaner, _, text = kinds_and_texts(page)
    assert cleaner == "html.trafilatura"
    assert "Falu kommun\nHelena Strand" in text
