from __future__ import annotations

import pytest

from pipeline.clean import CleanError, clean


def blocks(text: str) -> list[tuple[str, str]]:
    document = clean(text.encode("utf-8"), "text")
    return [(b.kind, document.text[b.start : b.end]) for b in document.blocks]


@pytest.mark.parametrize("marker", ["•", "-", "–", "*", "▪"])
def test_bullet_markers_make_list_items(marker: str) -> None:
    found = blocks(f"Vi lovar att:\n{marker} Genomföra trygghetsvandringar.\n{marker} Öka närvaron.\n")
    assert found[1:] == [("list_item", "Genomföra trygghetsvandringar."), ("list_item", "Öka närvaron.")]


@pytest.mark.parametrize("marker", ["1.", "1)", "(1)"])
def test_numbered_items(marker: str) -> None:
    second = marker.replace("1", "2")
    found = blocks(f"Polisen lovar:\n{marker} genomföra kontroller.\n{second} vara synlig i centrum.\n")
    assert [kind for kind, _ in found] == ["paragraph", "list_item", "list_item"]
    assert found[1][1] == "genomföra kontroller."


def test_numbered_sections_of_numbered_items_are_headings() -> None:
    found = blocks(
        "ÅTGÄRDER\n\n1. TRYGGHET I CENTRUM\n\nMånga upplever centrum som stökigt.\n\n"
        "1.1 Polisen ökar sin närvaro i centrum.\n\n1.2 Kommunen installerar belysning.\n\n"
        "2. TRAFIKSÄKERHET I BREDARYD\n\nFortkörning är ett problem.\n\n2.1 Polisen gör kontroller.\n\n"
        "3. Ungdomar\n3.1 Kommunen anställer fältassistenter.\n"
    )
    assert [text for kind, text in found if kind == "heading"] == [
        "ÅTGÄRDER", "1. TRYGGHET I CENTRUM", "2. TRAFIKSÄKERHET I BREDARYD", "3. Ungdomar"]
    assert [text for kind, text in found if kind == "list_item"] == [
        "Polisen ökar sin närvaro i centrum.", "Kommunen installerar belysning.", "Polisen gör kontroller.",
        "Kommunen anställer fältassistenter."]


def test_numbered_line_over_a_paragraph_is_a_heading() -> None:
    found = blocks("1. Trygghet i centrum\nPolisen ska öka närvaron i centrum.\n")
    assert found[0] == ("heading", "1. Trygghet i centrum")


def test_a_wrapped_bullet_is_one_item() -> None:
    found = blocks(
        "• Polisen ska vara aktiv i förändringsarbetet som kommer under 2021\n"
        "gällande utbyggnad och ombyggnationer på Sätraområdet\n"
        "• Nästa punkt.\n"
    )
    assert found == [
        ("list_item", "Polisen ska vara aktiv i förändringsarbetet som kommer under 2021 "
         "gällande utbyggnad och ombyggnationer på Sätraområdet"),
        ("list_item", "Nästa punkt."),
    ]


def test_non_breaking_space_runs_and_indentation_collapse() -> None:
    found = blocks("\u00a0\u00a0• Skapa\u00a0\u00a0engagemang.\n" + " " * 80 + "2. Rubrik här\nText.\n")
    assert found[0] == ("list_item", "Skapa engagemang.")
    assert found[1] == ("heading", "2. Rubrik här")


def test_headings_and_paragraphs() -> None:
    found = blocks("Fokusområden\n\nMedborgarlöftet gäller fram till 2023-12-31.\n\nHANDLINGSPLANEN\nText.")
    assert found == [
        ("heading", "Fokusområden"),
        ("paragraph", "Medborgarlöftet gäller fram till 2023-12-31."),
        ("heading", "HANDLINGSPLANEN"),
        ("paragraph", "Text."),
    ]


def test_lead_in_with_colon_is_not_a_heading() -> None:
    assert blocks("Detta gör vi genom att:\n• Genomföra.")[0] == ("paragraph", "Detta gör vi genom att:")


SEED_CHROME = [
    "Javascript är inte påslaget i din webbläsare. Vi rekommenderar att javacsript är aktiverat.",
    "Sök på polisen.se",
    "Till toppen",
    "Ett planerat tekniskt underhåll på polisen.se gör att vissa funktioner inte fungerar. Tack för ditt tålamod!",
    "Hjälpte informationen dig?",
    "Tack för att du hjälper oss förbättra webbplatsen!",
    "Vad kan vi förbättra?",
    "Senast uppdaterad:",
    "Publicerad:",
    "Huvudmeny",
]


@pytest.mark.parametrize("chrome", SEED_CHROME)
def test_site_chrome_goes(chrome: str) -> None:
    document = clean(f"{chrome}\n\nPolisen ska genomföra kontroller.\n".encode(), "text")
    assert chrome not in document.text
    assert "Polisen ska genomföra kontroller." in document.text


def test_page_owner_and_the_name_after_it_go() -> None:
    document = clean(b"Polisen ska patrullera.\n\nSidansvarig:\n\nJohan Lundell\n", "text")
    assert "Johan Lundell" not in document.text and "Sidansvarig" not in document.text


def test_page_owner_on_one_line_goes() -> None:
    document = clean("Text här.\nSidansvarig: Anna Ek\nMer text.".encode(), "text")
    assert "Anna Ek" not in document.text and "Mer text." in document.text


def test_photo_credit_goes_and_the_caption_above_it_stays() -> None:
    found = blocks("Vänersborg – medborgarlöften\n\nFotpatrullerande poliser i Vänersborg\n\nBild: Lars Hedelin\n\nText.")
    assert ("caption", "Fotpatrullerande poliser i Vänersborg") in found
    assert all("Hedelin" not in text for _, text in found)


@pytest.mark.parametrize("byline", ["Text: Karin Ek", "Text: Sanna Lind, kommunikatör", "Text och foto: Per Holm"])
def test_a_byline_goes(byline: str) -> None:
    document = clean(f"Polisen ska patrullera i hamnen.\n\n{byline}\n".encode(), "text")
    assert document.text.strip() == "Polisen ska patrullera i hamnen."


def test_a_line_that_starts_like_a_byline_but_says_something_stays() -> None:
    document = clean(b"Rubrik\n\nText: Polisen ska patrullera i hamnen varje helg.\n", "text")
    assert "Polisen ska patrullera i hamnen varje helg." in document.text


def test_caption_naming_people_stays_as_caption() -> None:
    found = blocks("Kommunstyrelsens ordförande Gert Jonsson och lokalpolisområdeschef Johan Borg\n\nRubrik\nText.")
    assert found[0] == ("caption", "Kommunstyrelsens ordförande Gert Jonsson och lokalpolisområdeschef Johan Borg")


def test_signature_blocks_keep_name_role_and_organisation() -> None:
    found = blocks(
        "Uppföljning sker halvårsvis.\n\nBåstad 2016-12-13\n\nBo Wendt\nKommunstyrelsens ordförande\n"
        "Båstads kommun\n\nKarim Ottosson\nLokalpolisområdeschef\nLokalpolisområde Ängelholm\n"
    )
    assert found[1:] == [
        ("signature", "Båstad 2016-12-13"),
        ("signature", "Bo Wendt\nKommunstyrelsens ordförande\nBåstads kommun"),
        ("signature", "Karim Ottosson\nLokalpolisområdeschef\nLokalpolisområde Ängelholm"),
    ]


def test_quote_dash_is_not_a_bullet() -> None:
    found = blocks("– Det här är viktigt för oss, säger Anna Ek, kommunstyrelsens ordförande.\n")
    assert found[0][0] == "paragraph"


def test_block_spans_index_the_text() -> None:
    document = clean("Rubrik\n\n• ett\n• två\n\nSlut.".encode(), "text")
    for block in document.blocks:
        assert document.text[block.start : block.end].strip() == document.text[block.start : block.end]
        assert block.end > block.start


def test_windows_1252_text_is_decoded() -> None:
    document = clean("Medborgarlöfte för Båstads kommun.".encode("cp1252"), "text")
    assert "Medborgarlöfte för Båstads kommun." in document.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x00\x01\x02binary\x00junk" * 20, "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_bad_input_is_a_clean_error(content: bytes, reason: str) -> None:
    with pytest.raises(CleanError, match=reason):
        clean(content, "text")


def test_signature_date_line_with_weekday() -> None:
    found = blocks(
        "Text.\n\nFalun, tisdagen den 12 mars 2019\n\nKarin Sjödin (M)\nKommunstyrelsens ordförande\nFalu kommun"
    )
    assert found[1] == ("signature", "Falun, tisdagen den 12 mars 2019")
    assert found[2] == ("signature", "Karin Sjödin (M)\nKommunstyrelsens ordförande\nFalu kommun")


@pytest.mark.parametrize(
    "chrome",
    ["Startsida / Kommun och politik / Trygghet och säkerhet", "Dela sidan: Facebook, LinkedIn, E-post"],
)
def test_breadcrumbs_and_share_lines_go(chrome: str) -> None:
    document = clean(f"{chrome}\n\nPolisen ska patrullera.".encode(), "text")
    assert document.text == "Polisen ska patrullera."


def test_a_name_line_without_a_role_is_not_a_signature() -> None:
    found = blocks("Sportcentrum\nBrålanda\n\nText här.")
    assert all(kind != "signature" for kind, _ in found)


def test_a_line_ending_in_a_function_word_continues_on_a_capital() -> None:
    found = blocks(
        "Löften\n1. Polisen ska bedriva riktat arbete mot narkotikahandeln vid Stortorget och i\n"
        "Rådhusesplanaden.\n2. Kommunen ska röja sly.\n"
    )
    assert found[1] == (
        "list_item",
        "Polisen ska bedriva riktat arbete mot narkotikahandeln vid Stortorget och i Rådhusesplanaden.",
    )
    assert found[2] == ("list_item", "Kommunen ska röja sly.")


@pytest.mark.parametrize(("first", "second"), [
    ("Kommunpolisen besöker alla högstadieskolor i kommunen under hösten", "2024 för att prata om narkotika."),
    ("Polisen genomför en trygghetsvandring i Jörlanda varje år i september", "2025 och 2026 tillsammans med kommunen."),
])
def test_a_line_that_wants_a_number_continues_on_a_digit(first: str, second: str) -> None:
    assert blocks(f"Åtagande 5 – Polisen\n{first}\n{second}\n")[1] == ("paragraph", f"{first} {second}")


@pytest.mark.parametrize("preposition", ["längs", "utmed", "över", "via", "bland"])
def test_a_line_ending_in_a_preposition_continues_on_a_capital(preposition: str) -> None:
    found = blocks(f"Åtgärder\n– Riktade kontroller mot inbrott i bilar på infartsparkeringen och {preposition}\n"
                   "Döderhultsvägen (Polisen)\n")
    assert found[1][1] == f"Riktade kontroller mot inbrott i bilar på infartsparkeringen och {preposition} Döderhultsvägen (Polisen)"


def test_a_line_after_a_finished_word_stays_apart_from_a_digit() -> None:
    found = blocks("Så här gick det för löftet som gällde hela förra perioden\n2023 genomfördes tolv vandringar.\n")
    assert [text for _, text in found] == ["Så här gick det för löftet som gällde hela förra perioden",
                                           "2023 genomfördes tolv vandringar."]


def test_side_by_side_signatures_stay_one_signature_block() -> None:
    found = blocks(
        "Text.\n\nBorås, tisdagen den 8 februari 2022\n\nFör Borås Stad För Polisen\n"
        "Ulf Olsson (S) Anneli Karlsson\nKommunstyrelsens ordförande Lokalpolisområdeschef\n"
    )
    assert found[2][0] == "signature" and "Ulf Olsson (S) Anneli Karlsson" in found[2][1]


def test_a_short_line_ending_in_a_preposition_is_not_joined() -> None:
    found = blocks("Det här ska vi arbeta med\nTrafiksäkerhet vid skolorna\nOtrygghet i centrum\n")
    assert found[0][1] == "Det här ska vi arbeta med"


def test_signature_area_ends_at_the_next_section() -> None:
    found = blocks(
        "Ljungby 2018-01-15\n\nMaria Hult\nKommunstyrelsens ordförande\nLjungby kommun\n\n"
        "BILAGA 1 – HANDLINGSPLAN 2018\n\nAktivitet: Trygghetsvandring i Lagan\nAnsvarig: Kommunen\nTid: april 2018\n"
    )
    assert found[1][0] == "signature"
    assert found[2] == ("heading", "BILAGA 1 – HANDLINGSPLAN 2018")
    assert all(kind != "signature" for kind, _ in found[3:])


def test_utf8_with_a_stray_windows_1252_byte_keeps_the_text() -> None:
    content = "Medborgarlöfte för Båstads kommun. ".encode() * 10 + b"Polisen ska patrullera i H\xf6llviken."
    document = clean(content, "text")
    assert document.text.endswith("Polisen ska patrullera i Höllviken.")
    assert "Medborgarlöfte för Båstads kommun." in document.text


@pytest.mark.parametrize("line", ["Publicerad 2021-03-04", "Publicerad: 4 mars 2021 kl. 10.15",
                                  "Uppdaterad 2022-01-15 10:20", "Senast uppdaterad: 15 november 2021",
                                  "Senast uppdaterad: 2021-11-15 | Sidansvarig: Linnea Borg"])
def test_page_dates_go(line: str) -> None:
    assert clean(f"Polisen ska patrullera.\n\n{line}\n".encode(), "text").text == "Polisen ska patrullera."


def test_a_dated_update_that_says_something_stays() -> None:
    line = "Uppdaterad 2020-01-15: Medborgarlöftet har förlängts och gäller även under 2020."
    assert clean(f"Polisen ska patrullera.\n\n{line}\n".encode(), "text").text.endswith(line)
