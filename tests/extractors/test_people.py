"""People: signature blocks, captions, quotes, signing sentences, contacts; never credits."""

from __future__ import annotations

from extractors import analyze
from extractors.people import extract
from models import Person
from pipeline.clean import clean


def people(text: str) -> list[Person]:
    doc = analyze(clean(text.encode()))
    found = extract(doc)
    for person in found:
        start, end = person.span
        evidence = doc.text[start:end]
        assert evidence == evidence.strip()
        assert person.name.split()[-1] in evidence
    return found


def summary(text: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(p.name, p.role, p.organization, p.kind) for p in people(text)]


def test_signature_block_name_role_organisation() -> None:
    text = (
        "Löftet gäller 2017.\n\n"
        "Båstad 2016-12-13\n\n"
        "Bo Wendt\nKommunstyrelsens ordförande\nBåstads kommun\n\n"
        "Karim Ottosson\nLokalpolisområdeschef\nLokalpolisområde Ängelholm\n"
    )
    assert summary(text) == [
        ("Bo Wendt", "Kommunstyrelsens ordförande", "Båstads kommun", "signatory"),
        ("Karim Ottosson", "Lokalpolisområdeschef", "Lokalpolisområde Ängelholm", "signatory"),
    ]


def test_a_role_line_that_also_names_the_organisation_after_a_comma() -> None:
    text = (
        "Medborgarlöfte Tranemo 2022–2023\n\n"
        "Polisen ska genomföra trafikkontroller vid skolorna.\n\n"
        "Tranemo 2022-01-20\n\n"
        "Per Sjögren\nKommunstyrelsens ordförande, Tranemo kommun\n\n"
        "Ulrika Stenberg\nLokalpolisområdeschef, lokalpolisområde Södra Älvsborg\n\n"
        "Lena Ek\nKommunstyrelsens vice ordförande, Moderaterna\n"
    )
    assert summary(text) == [
        ("Per Sjögren", "Kommunstyrelsens ordförande", "Tranemo kommun", "signatory"),
        ("Ulrika Stenberg", "Lokalpolisområdeschef", "lokalpolisområde Södra Älvsborg", "signatory"),
        # A party is no organisation of the promise: the line stays the role.
        ("Lena Ek", "Kommunstyrelsens vice ordförande, Moderaterna", None, "signatory"),
    ]


def test_a_contact_box_with_role_and_organisation_lines() -> None:
    text = (
        "Medborgarlöfte Karlskoga 2021–2022\n\n"
        "Polisen ska patrullera i Baggängen.\n\n"
        "Kontakt\n\n"
        "Karin Dahlberg\nSäkerhetssamordnare, Karlskoga kommun\nTelefon: 0586-610 00\n\n"
        "Ahmed Rashid\nKommunpolis, Polisen\nTelefon: 114 14\n"
    )
    assert summary(text) == [
        ("Karin Dahlberg", "Säkerhetssamordnare", "Karlskoga kommun", "contact"),
        ("Ahmed Rashid", "Kommunpolis", "Polisen", "contact"),
    ]


def test_caption_of_the_signing() -> None:
    text = (
        "Två personer skakar hand efter att medborgarlöftet är påskrivet.\n\n"
        "Kommunstyrelsens ordförande Gert Jonsson och lokalpolisområdeschef Johan Borg\n\n"
        "Polisen och Vaggeryds kommun avger medborgarlöfte\n\n"
        "Vi ska genomföra trygghetsvandringar."
    )
    found = summary(text)
    assert ("Gert Jonsson", "Kommunstyrelsens ordförande", None, "signatory") in found
    assert ("Johan Borg", "lokalpolisområdeschef", None, "signatory") in found


def test_quote_with_party_letter_and_role_after() -> None:
    text = "– Medborgarlöftet är viktigt för oss, säger Staffan Jansson (S) kommunstyrelsens ordförande."
    found = people(text)
    assert [(p.name, p.role, p.kind) for p in found] == [
        ("Staffan Jansson", "kommunstyrelsens ordförande", "spokesperson")
    ]
    assert "(S)" not in found[0].name


def test_quote_with_role_and_organisation() -> None:
    text = "– Samverkan är central, säger Lars Jansson, lokalpolisområdeschef Västerås."
    assert summary(text) == [("Lars Jansson", "lokalpolisområdeschef", "Västerås", "spokesperson")]


def test_quote_with_role_before_name() -> None:
    text = "– Vi ser en positiv utveckling, berättar kommunpolis Anna Berg."
    assert summary(text) == [("Anna Berg", "kommunpolis", None, "spokesperson")]


def test_sentence_that_says_who_signed() -> None:
    text = (
        "Medborgarlöftet undertecknades av kommunstyrelsens ordförande Eva Lind "
        "och lokalpolischef Per Nyström i mars."
    )
    assert [(n, k) for n, _, _, k in summary(text)] == [
        ("Eva Lind", "signatory"),
        ("Per Nyström", "signatory"),
    ]


def test_contact_block() -> None:
    text = (
        "Har du synpunkter är du välkommen att höra av dig till:\n\n"
        "Steve Johansson, kommunpolis\n\n"
        "Telefon: 010-565 24 40"
    )
    assert summary(text) == [("Steve Johansson", "kommunpolis", None, "contact")]


def test_signatures_side_by_side() -> None:
    text = (
        "Borås, tisdagen den 8 februari 2022\n\n"
        "Ulf Olsson (S)        Anneli Karlsson\n"
        "Kommunstyrelsens ordförande        Lokalpolisområdeschef\n"
        "Borås Stad        Lokalpolisområde Borås\n"
    )
    found = summary(text)
    assert ("Ulf Olsson", "Kommunstyrelsens ordförande", "Borås Stad", "signatory") in found
    assert (
        "Anneli Karlsson",
        "Lokalpolisområdeschef",
        "Lokalpolisområde Borås",
        "signatory",
    ) in found


def test_photo_credit_is_never_a_person() -> None:
    text = (
        "Kommunstyrelsens ordförande Anna Berglund och lokalpolisområdeschef Jonas Ek "
        "skriver under medborgarlöftet. Foto: Per Sandin, kommunpolis\n\n"
        "Bild: Lars Hedelin"
    )
    names = [p.name for p in people(text)]
    assert "Per Sandin" not in names
    assert "Lars Hedelin" not in names
    assert names == ["Anna Berglund", "Jonas Ek"]


def test_page_owner_is_never_a_person() -> None:
    text = "Uppföljning sker tertialvis.\n\nSidansvarig:\n\nJohan Lundell\n\nKommunpolis"
    assert people(text) == []


def test_caption_without_signing_names_nobody() -> None:
    text = "Kommunpolis Anna Berg på trygghetsvandring i centrum\n\nBild: Polisen"
    assert people(text) == []


def test_capitalised_words_without_role_or_cue_are_not_people() -> None:
    text = "Västra Mälardalen och Upplands Väsby arbetar med Effektiv Samordning."
    assert people(text) == []


def test_same_person_twice_is_one_item() -> None:
    text = (
        "– Det är viktigt, säger Staffan Jansson (S) kommunstyrelsens ordförande.\n\n"
        "– Vi fortsätter, säger Staffan Jansson (S) kommunstyrelsens ordförande."
    )
    assert len(people(text)) == 1


# --- labelled lines, prose signings, contact lists and PDF signatures (held-out families) ---


def test_undertecknat_av_lines_with_role_and_organisation() -> None:
    text = (
        "Medborgarlöftet gäller 2024.\n\n"
        "Lerum den 2 mars 2024\n\n"
        "Undertecknat av: Kerstin Alm, kommunstyrelsens ordförande, Lerums kommun\n"
        "Undertecknat av: Jonas Ahl, lokalpolisområdeschef, lokalpolisområde Alingsås\n"
    )
    assert summary(text) == [
        ("Kerstin Alm", "kommunstyrelsens ordförande", "Lerums kommun", "signatory"),
        ("Jonas Ahl", "lokalpolisområdeschef", "lokalpolisområde Alingsås", "signatory"),
    ]


def test_two_signers_on_one_labelled_line() -> None:
    text = (
        "Undertecknat av: Kerstin Alm (S), kommunstyrelsens ordförande, Lerums kommun och "
        "Jonas Ahl, lokalpolisområdeschef; Rut Berg, kommunpolis"
    )
    assert [(n, r, k) for n, r, _, k in summary(text)] == [
        ("Kerstin Alm", "kommunstyrelsens ordförande", "signatory"),
        ("Jonas Ahl", "lokalpolisområdeschef", "signatory"),
        ("Rut Berg", "kommunpolis", "signatory"),
    ]


def test_kontaktperson_line_with_phone() -> None:
    text = "Frågor om löftet\n\nKontaktperson: Lena Holm, trygghetssamordnare, Tierps kommun, 0293-21 80 00"
    assert summary(text) == [("Lena Holm", "trygghetssamordnare", "Tierps kommun", "contact")]


def test_kontakt_label_with_a_longer_label_and_trailing_dot() -> None:
    text = "Kontaktperson för medborgarlöftet: Ali Rezai, kommunpolis, Lokalpolisområde Rinkeby."
    assert summary(text) == [("Ali Rezai", "kommunpolis", "Lokalpolisområde Rinkeby", "contact")]


def test_kontakt_label_with_a_name_and_no_role() -> None:
    text = "Kontakt: Lena Holm, 0293-21 80 00"
    assert summary(text) == [("Lena Holm", None, None, "contact")]


def test_organisation_labelled_lines_are_contacts_without_signing() -> None:
    text = (
        "Löftet följs upp årligen.\n\n"
        "Tierps kommun: Lena Holm, trygghetssamordnare\n\n"
        "Polisen: Ali Rezai, kommunpolis"
    )
    assert summary(text) == [
        ("Lena Holm", "trygghetssamordnare", "Tierps kommun", "contact"),
        ("Ali Rezai", "kommunpolis", "Polisen", "contact"),
    ]


def test_organisation_labelled_lines_under_a_place_and_date_are_signatories() -> None:
    text = (
        "Tierp den 3 april 2023\n\n"
        "Tierps kommun: Lena Holm, kommunstyrelsens ordförande\n\n"
        "Lokalpolisområde Uppsala: Ali Rezai, lokalpolisområdeschef"
    )
    assert summary(text) == [
        ("Lena Holm", "kommunstyrelsens ordförande", "Tierps kommun", "signatory"),
        ("Ali Rezai", "lokalpolisområdeschef", "Lokalpolisområde Uppsala", "signatory"),
    ]


def test_labels_that_name_no_people_give_nobody() -> None:
    text = (
        "Plats: Stora torget, kommunpolis Lena Holm håller i mötet\n\n"
        "Polisen: Vi kommer att öka närvaron i centrum.\n\n"
        "Foto: Lena Holm, kommunpolis"
    )
    assert people(text) == []


def test_skrev_under_with_the_signers_between() -> None:
    text = (
        "I tisdags skrev kommunstyrelsens ordförande Lena Holm och lokalpolisområdeschef "
        "Ali Rezai under ett nytt medborgarlöfte för Tierp."
    )
    assert summary(text) == [
        ("Lena Holm", "kommunstyrelsens ordförande", None, "signatory"),
        ("Ali Rezai", "lokalpolisområdeschef", None, "signatory"),
    ]


def test_skrev_with_under_as_a_preposition_is_no_signing() -> None:
    text = "Kommunpolis Lena Holm skrev en rapport under hösten om läget i centrum."
    assert people(text) == []


def test_undertecknades_av_names_without_roles() -> None:
    text = "Löftet undertecknades av Lena Holm och Ali Rezai vid en ceremoni i stadshuset."
    assert summary(text) == [
        ("Lena Holm", None, None, "signatory"),
        ("Ali Rezai", None, None, "signatory"),
    ]


def test_undertecknat_av_organisations_names_no_person() -> None:
    text = "Löftet är undertecknat av Tierps kommun och Lokalpolisområde Uppsala."
    assert people(text) == []


def test_list_of_contacts_under_a_kontakt_heading() -> None:
    text = (
        "Frågor om medborgarlöftet\n\n"
        "Lena Holm, trygghetssamordnare, telefon 0293-21 80 00\n\n"
        "Ali Rezai, kommunpolis, telefon 114 14\n\n"
        "Stina Berg, säkerhetschef, Tierps kommun\n\n"
        "Olle Ek, områdespolis"
    )
    assert [(n, k) for n, _, _, k in summary(text)] == [
        ("Lena Holm", "contact"),
        ("Ali Rezai", "contact"),
        ("Stina Berg", "contact"),
        ("Olle Ek", "contact"),
    ]


def test_two_signatures_in_one_pdf_signature_area() -> None:
    text = (
        "Löftet följs upp löpande.\n\n"
        "Tierp 2023-03-15\n\n"
        "Lena Holm\nKommunstyrelsens ordförande\nTierps kommun\nAli Rezai\n"
        "Lokalpolisområdeschef\nLokalpolisområde Uppsala\n"
    )
    assert summary(text) == [
        ("Lena Holm", "Kommunstyrelsens ordförande", "Tierps kommun", "signatory"),
        ("Ali Rezai", "Lokalpolisområdeschef", "Lokalpolisområde Uppsala", "signatory"),
    ]


def test_role_above_name_in_a_signature_area() -> None:
    text = "Tierp 2023-03-15\n\nKommunstyrelsens ordförande\nLena Holm\n\nLokalpolisområdeschef\nAli Rezai\n"
    found = summary(text)
    assert ("Lena Holm", "Kommunstyrelsens ordförande", None, "signatory") in found
    assert ("Ali Rezai", "Lokalpolisområdeschef", None, "signatory") in found


def test_contact_label_naming_the_organisation() -> None:
    text = "Kontaktperson polisen: Ali Rezai, kommunpolis, 114 14"
    assert summary(text) == [("Ali Rezai", "kommunpolis", "polisen", "contact")]


def test_phone_and_email_under_a_name_role_line_make_a_contact() -> None:
    text = "Löftet följs upp årligen.\n\nLena Holm, trygghetssamordnare\n\n0293-218 00 lena.holm@tierp.se"
    assert summary(text) == [("Lena Holm", "trygghetssamordnare", None, "contact")]
    # A place-and-date line under the same line is no contact detail.
    signed = "Löftet följs upp årligen.\n\nLena Holm, kommunstyrelsens ordförande\n\nTierp 2023-03-05"
    assert [k for *_, k in summary(signed)] == ["signatory"]


def test_role_before_name_then_organisation() -> None:
    text = "Frågor? Kontakta säkerhetssamordnare Lena Holm, Tierps kommun, 0293-218 00."
    assert summary(text) == [("Lena Holm", "säkerhetssamordnare", "Tierps kommun", "contact")]


def test_roles_in_definite_form_before_the_name() -> None:
    text = "Löftet skrevs under av kommunalrådet Lena Holm och lokalpolisområdeschefen Ali Rezai."
    assert summary(text) == [
        ("Lena Holm", "kommunalrådet", None, "signatory"),
        ("Ali Rezai", "lokalpolisområdeschefen", None, "signatory"),
    ]


def test_column_heads_give_the_signers_organisations_and_dotted_lines_are_skipped() -> None:
    text = (
        "Tierp 2024-02-05\n\n"
        "För Tierps kommun\n\nLena Holm\nKommunstyrelsens ordförande\n……………………………\n\n"
        "För Polisen\n\nAli Rezai\nLokalpolisområdeschef"
    )
    assert summary(text) == [
        ("Lena Holm", "Kommunstyrelsens ordförande", "Tierps kommun", "signatory"),
        ("Ali Rezai", "Lokalpolisområdeschef", "Polisen", "signatory"),
    ]


def test_a_page_footer_under_a_signature_is_no_organisation() -> None:
    text = (
        "Tierp 2023-03-15\n\n"
        "Lena Holm\nKommunstyrelsens ordförande\nMedborgarlöfte Tierps kommun och Polisen | Sida 2 av 2"
    )
    assert summary(text) == [("Lena Holm", "Kommunstyrelsens ordförande", None, "signatory")]


def test_a_role_label_names_the_contact_and_the_role() -> None:
    text = "Frågor om löftet besvaras av:\n\nKommunpolis: Sara Lindblom, sara.lindblom@polisen.se"
    assert summary(text) == [("Sara Lindblom", "Kommunpolis", None, "contact")]


def test_an_owner_word_before_a_role_label() -> None:
    text = "Har du frågor?\n\nKommunens trygghetssamordnare: Jenny Axelsson, 0522-69 60 00"
    assert summary(text) == [("Jenny Axelsson", "trygghetssamordnare", None, "contact")]


def test_a_label_that_is_no_role_names_nobody() -> None:
    assert summary("Mål: Färre brott i centrum under 2023.\n\nAktivitet: Trygghetsvandring i Lagan") == []


def test_chef_lokalpolisomrade_is_a_role() -> None:
    text = (
        "Västervik den 14 december 2017\n\nHarald Hjalmarsson, kommunstyrelsens ordförande\n"
        "Anders Tell, chef lokalpolisområde Västervik"
    )
    assert ("Anders Tell", "chef lokalpolisområde", "Västervik", "signatory") in summary(text)


def test_side_by_side_signatures_under_lines_drawn_to_sign_on() -> None:
    text = (
        "Flen 2026-02-17\n\n\n"
        "______________________________            ______________________________\n"
        "Mikael Strand                             Therese Lund\n"
        "Kommunstyrelsens ordförande               Lokalpolisområdeschef\n"
        "Flens kommun                              Lokalpolisområde Katrineholm\n"
    )
    assert summary(text) == [
        ("Mikael Strand", "Kommunstyrelsens ordförande", "Flens kommun", "signatory"),
        ("Therese Lund", "Lokalpolisområdeschef", "Lokalpolisområde Katrineholm", "signatory"),
    ]


def test_a_contact_card_with_the_role_above_the_name() -> None:
    text = ("Medborgarlöfte Hultsfred 2025\n\nPolisen ska patrullera i centrum.\n\nKontakt\n"
            "Brottsförebyggande samordnare\nJenny Axelsson\n0495-24 00 00\njenny.axelsson@hultsfred.se\n")
    assert summary(text) == [("Jenny Axelsson", "Brottsförebyggande samordnare", None, "contact")]


def test_a_heading_over_a_name_is_no_role() -> None:
    text = "Medborgarlöfte 2025\n\nTrygghet i centrum\nAnna Berg\n\nPolisen ska patrullera i centrum.\n"
    assert summary(text) == []
