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
