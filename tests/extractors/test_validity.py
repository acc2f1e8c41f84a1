"""Validity: periods, extensions and signing dates, each family with a positive and a near miss."""

from __future__ import annotations

import re
from datetime import date

import pytest

from extractors import analyze
from extractors.analysis import AnalyzedDocument
from extractors.dates import expand, parse_date, parse_range
from extractors.validity import extract
from models import Validity
from pipeline.clean import clean


def read(text: str) -> tuple[Validity, AnalyzedDocument]:
    doc = analyze(clean(text.encode()))
    validity = extract(doc)
    for evidence in validity.evidence:
        start, end = evidence.span
        assert doc.text[start:end] == doc.text[start:end].strip(), "evidence spans carry no edge whitespace"
    return validity, doc


def period(text: str) -> tuple[str | None, str | None]:
    validity, _ = read(text)
    return validity.valid_from, validity.valid_to


def evidence(text: str) -> dict[str, tuple[str, str]]:
    """field -> (the evidence text, the rule)."""
    validity, doc = read(text)
    return {e.field: (doc.text[e.span[0] : e.span[1]], e.rule) for e in validity.evidence}


def assert_no_dates(text: str) -> None:
    validity, _ = read(text)
    assert validity == Validity()


# --- the date grammar ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last", "granularity"),
    [
        ("2020-01-01", date(2020, 1, 1), date(2020, 1, 1), "day"),
        ("1 januari 2018", date(2018, 1, 1), date(2018, 1, 1), "day"),
        ("måndagen den 1:a april 2019", date(2019, 4, 1), date(2019, 4, 1), "day"),
        ("31/12 2019", date(2019, 12, 31), date(2019, 12, 31), "day"),
        ("31/12-2019", date(2019, 12, 31), date(2019, 12, 31), "day"),
        ("dec. 2021", date(2021, 12, 1), date(2021, 12, 31), "month"),
        ("2017", date(2017, 1, 1), date(2017, 12, 31), "year"),
        ("2023–2025", date(2023, 1, 1), date(2025, 12, 31), "year"),
        ("2019/20", date(2019, 1, 1), date(2020, 12, 31), "year"),
    ],
)
def test_date_forms_parse_to_first_and_last_day(text: str, first: date, last: date, granularity: str) -> None:
    value = parse_date(text)
    assert value is not None
    assert (value.first, value.last, value.granularity) == (first, last, granularity)


def test_impossible_day_is_the_last_day_of_its_month_with_a_correction() -> None:
    value = parse_date("31 juni 2021")
    assert value is not None and value.first == date(2021, 6, 30)
    assert value.correction == "'31 juni 2021' is not a date; read as 2021-06-30"
    assert parse_date("2021-06-30").correction is None  # type: ignore[union-attr]


def test_year_span_fragment_skips_lists_of_years_and_iso_dates() -> None:
    year_span = re.compile(expand("{span:YEAR_SPAN}"), re.IGNORECASE)
    assert year_span.search("Medborgarlöfte 2023-2025")["span"] == "2023-2025"  # type: ignore[index]
    assert year_span.search("fokus i Medborgarlöftena för 2018 samt 2019") is None
    assert year_span.search("under 2020 och 2021") is None
    assert year_span.search("Båstad 2016-12-13") is None


def test_range_start_borrows_the_year_before_when_it_would_follow_the_end() -> None:
    ends = parse_range("1 september", "31 augusti 2019")
    assert ends is not None
    assert (ends[0].first, ends[1].last) == (date(2018, 9, 1), date(2019, 8, 31))
    assert parse_range("1 januari 2020", "31 december 2019") is None


# --- explicit ranges -----------------------------------------------------------------------


def test_iso_range_with_fram_och_med_wording() -> None:
    text = "Medborgarlöftet gäller från 2020-01-01 till och med 2020-12-31."
    assert period(text) == ("2020-01-01", "2020-12-31")
    assert evidence(text)["valid_from"] == ("från 2020-01-01 till och med 2020-12-31", "validity.range")


def test_samverkansoverenskommelsens_own_period_is_not_the_promise() -> None:
    text = (
        "Samverkansöverenskommelsen gäller från 2020-01-01 till och med 2023-12-31. "
        "Medborgarlöftet gäller från 2021-01-01 till och med 2021-12-31."
    )
    assert period(text) == ("2021-01-01", "2021-12-31")
    assert_no_dates("Samverkansöverenskommelsen gäller från 2020-01-01 till och med 2023-12-31.")


def test_same_sentence_overenskommelse_then_promise_keeps_the_promise_clause() -> None:
    text = "Samverkansöverenskommelsen gäller tillsvidare och medborgarlöftet gäller från 2020-01-01 till och med 2020-12-31."
    assert period(text) == ("2020-01-01", "2020-12-31")


def test_en_dash_iso_range_and_a_statistics_range_nearby() -> None:
    text = (
        "Statistiken för perioden 2019-01-01 – 2019-12-31 visar fler anmälda brott.\n\n"
        "Medborgarlöftet gäller 2021-01-01 – 2021-12-31."
    )
    assert period(text) == ("2021-01-01", "2021-12-31")
    assert_no_dates("Statistiken gäller perioden 2019-01-01 – 2019-12-31 och visar fler anmälda brott.")


def test_spelled_out_range_with_dash() -> None:
    assert period("Löftet gäller från 1 januari 2018 – 31 december 2019.") == ("2018-01-01", "2019-12-31")


def test_abbreviated_markers_and_numeric_dates() -> None:
    assert period("Medborgarlöftet gäller fr.o.m. 1/1 2020 t.o.m. 31/12 2020.") == (
        "2020-01-01",
        "2020-12-31",
    )


def test_spelled_dates_with_weekdays() -> None:
    text = "Löftet gäller från och med måndagen den 1 april 2019 till och med tisdagen den 31 mars 2020."
    assert period(text) == ("2019-04-01", "2020-03-31")


def test_range_start_without_year_takes_the_year_before_the_end() -> None:
    assert period("Medborgarlöftet gäller från 1 september till 31 augusti 2019.") == (
        "2018-09-01",
        "2019-08-31",
    )


def test_month_range_runs_from_first_to_last_day_and_says_so() -> None:
    text = "Medborgarlöftet gäller september 2018 – december 2019."
    assert period(text) == ("2018-09-01", "2019-12-31")
    assert evidence(text)["valid_to"] == ("september 2018 – december 2019", "validity.range.month_inferred")


def test_activity_period_without_validity_wording_is_not_the_promise() -> None:
    assert_no_dates("Polisen genomför trygghetsvandringar september 2018 – december 2019 i centrum.")


def test_between_range() -> None:
    assert period("Medborgarlöftet gäller mellan 1 mars 2019 och 29 februari 2020.") == (
        "2019-03-01",
        "2020-02-29",
    )


def test_range_under_a_giltighetstid_heading() -> None:
    text = "Giltighetstid\n\n2021-01-01 – 2021-12-31"
    assert period(text) == ("2021-01-01", "2021-12-31")
    assert_no_dates("Genomförda insatser\n\n2021-01-01 – 2021-12-31")


def test_range_after_promise_and_start_marker_without_verb() -> None:
    text = "Medborgarlöfte för Lunds kommun från 1 januari 2018 – 31 december 2019 med fokus på centrum."
    assert period(text) == ("2018-01-01", "2019-12-31")


def test_impossible_end_date_becomes_month_end_with_a_record_warning() -> None:
    validity, doc = read("Medborgarlöftet gäller från 1 januari 2021 till 31 juni 2021.")
    assert (validity.valid_from, validity.valid_to) == ("2021-01-01", "2021-06-30")
    assert doc.warnings == ["validity: '31 juni 2021' is not a date; read as 2021-06-30 (valid_to)"]


# --- one end only --------------------------------------------------------------------------


def test_fram_till_a_date_gives_valid_to_only() -> None:
    text = "Medborgarlöftet gäller fram till 2023-12-31."
    assert period(text) == (None, "2023-12-31")
    assert evidence(text) == {"valid_to": ("gäller fram till 2023-12-31", "validity.stated_until")}


def test_fram_till_a_bare_year_in_a_follow_up_sentence_is_no_end() -> None:
    assert_no_dates("Åtgärderna kommer att följas upp varje halvårsskifte fram till 2023.")


def test_stracker_sig_fram_till_a_month() -> None:
    text = "Löftet sträcker sig fram till december 2021."
    assert period(text) == (None, "2021-12-31")
    assert evidence(text)["valid_to"][1] == "validity.stated_until.month_inferred"


def test_till_och_med_a_bare_year_is_the_year_end() -> None:
    text = "Medborgarlöftet gäller till och med 2022."
    assert period(text) == (None, "2022-12-31")
    assert evidence(text)["valid_to"][1] == "validity.stated_end.year_inferred"


def test_tom_without_dots_is_an_end_not_a_start() -> None:
    assert period("Medborgarlöftet gäller tom 2020-12-31.") == (None, "2020-12-31")


def test_stated_start_only() -> None:
    assert period("Löftet gäller från och med 1 mars 2019.") == ("2019-03-01", None)
    assert period("Medborgarlöftet börjar gälla den 1 april 2020.") == ("2020-04-01", None)


def test_start_from_signing_uses_the_signature_date() -> None:
    text = (
        "Medborgarlöftet gäller från undertecknandet till och med 2021-12-31.\n\n"
        "Kiruna 2020-11-05\n\nAnna Berg\nKommunstyrelsens ordförande\nKiruna kommun"
    )
    validity, doc = read(text)
    assert (validity.valid_from, validity.valid_to, validity.signed_on) == (
        "2020-11-05",
        "2021-12-31",
        "2020-11-05",
    )
    rules = {e.field: e.rule for e in validity.evidence}
    assert rules["valid_from"] == "validity.from_signing"


def test_start_from_signing_without_a_signing_date_stays_open() -> None:
    assert period("Medborgarlöftet gäller från undertecknandet till och med 2021-12-31.") == (
        None,
        "2021-12-31",
    )


# --- years: stated, in titles, in promise sentences ----------------------------------------


def test_loftet_galler_a_year() -> None:
    text = "Löftet gäller 2018."
    assert period(text) == ("2018-01-01", "2018-12-31")
    assert evidence(text)["valid_from"] == ("gäller 2018", "validity.stated_year.year_inferred")


def test_heading_year_span() -> None:
    text = "Medborgarlöfte 2023–2025\n\nKommunen och polisen lovar att arbeta för ökad trygghet."
    assert period(text) == ("2023-01-01", "2025-12-31")
    assert evidence(text)["valid_to"] == ("Medborgarlöfte 2023–2025", "validity.title_range.year_inferred")


def test_title_line_with_genitive_municipality() -> None:
    text = "Medborgarlöfte i Båstad\n\nMedborgarlöfte i Båstads kommun 2017.\n\nInledning\n\nSamverkan är viktig."
    assert period(text) == ("2017-01-01", "2017-12-31")
    assert evidence(text)["valid_from"][1] == "validity.title_year.year_inferred"


def test_year_deep_in_a_long_paragraph_is_not_a_title() -> None:
    text = (
        "Medborgarlöften är en del av polisens styrning och bygger på dialog med invånarna, "
        "och de första togs fram i Skåne redan 2015."
    )
    assert_no_dates(text)


def test_ars_medborgarloften_heading_and_sentence() -> None:
    assert period("2020 års medborgarlöften\n\nPolisen ska synas mer i centrum.") == (
        "2020-01-01",
        "2020-12-31",
    )
    text = "Kommunen och polisen har valt två fokusområden för 2020 års medborgarlöften."
    assert period(text) == ("2020-01-01", "2020-12-31")


def test_handlingsplan_for_a_year() -> None:
    text = "Kommunen och polisen har en gemensam handlingsplan för 2021."
    assert period(text) == ("2021-01-01", "2021-12-31")
    assert evidence(text)["valid_to"] == ("handlingsplan för 2021", "validity.promise_year.year_inferred")


def test_under_year_in_a_promise_sentence() -> None:
    text = "Lokalpolisområdet och kommunen avger härmed löfte om att under 2017 fortsätta arbetet för ökad trygghet."
    assert period(text) == ("2017-01-01", "2017-12-31")
    assert evidence(text)["valid_from"] == ("under 2017", "validity.under_year.year_inferred")


def test_statistics_and_survey_years_are_not_the_period() -> None:
    assert_no_dates("Under 2016 anmäldes 312 bostadsinbrott i kommunen.")
    assert_no_dates(
        "Polisens trygghetsmätning under 2015 visade att invånarna är oroliga, och polisen ska agera."
    )
    assert_no_dates("Preliminär statistik visar att brottsligheten minskar under 2016 och kommer att minska.")
    assert_no_dates("Sedan 2004 har trygghetsmätningar genomförts och medborgarlöftet bygger på dem.")


def test_baseline_year_is_not_the_period() -> None:
    assert_no_dates("Polisen ska minska antalet bostadsinbrott med tio procent jämfört med 2016 under 2018.")


def test_earlier_promises_named_in_prose_are_not_the_period() -> None:
    assert_no_dates("Tryggheten på Sportcentrum har varit fokus i Medborgarlöftena för 2018 samt 2019.")
    assert_no_dates("Det tidigare medborgarlöftet gällde under 2019 och ska utvärderas.")


def test_pandemic_years_in_background_are_not_the_period() -> None:
    assert_no_dates(
        "På grund av den pandemi som pågått under 2020 och 2021 har trygghetsvandringar inte kunnat genomföras."
    )


def test_a_promise_still_to_be_signed_is_not_the_period() -> None:
    assert_no_dates("Ett nytt medborgarlöfte kommer att tecknas under hösten 2018.")
    assert_no_dates("Ett nytt medborgarlöfte kommer att tecknas under 2019.")


def test_an_older_promise_section_below_does_not_override_the_current_one() -> None:
    text = (
        "Medborgarlöfte 2021\n\nPolisen ska genomföra trygghetsvandringar.\n\n"
        "Medborgarlöfte 2019\n\nMedborgarlöftet gäller från 2019-01-01 till och med 2019-12-31."
    )
    assert period(text) == ("2021-01-01", "2021-12-31")


def test_blocks_under_a_tidigare_heading_are_ignored() -> None:
    text = (
        "Trygghet i Karlstad\n\nPolisen ska genomföra trygghetsvandringar under 2021.\n\n"
        "Tidigare medborgarlöften\n\nMedborgarlöftet gäller från 2019-01-01 till och med 2020-12-31."
    )
    assert period(text) == ("2021-01-01", "2021-12-31")


def test_explicit_range_wins_over_the_title_year() -> None:
    text = "Medborgarlöfte 2020\n\nMedborgarlöftet gäller från 2020-03-01 till och med 2021-02-28."
    assert period(text) == ("2020-03-01", "2021-02-28")


def test_title_year_fills_the_start_an_explicit_end_leaves_open() -> None:
    text = "Medborgarlöfte 2022\n\nMedborgarlöftet gäller till och med 2022-12-31."
    found = evidence(text)
    assert period(text) == ("2022-01-01", "2022-12-31")
    assert found["valid_from"][1] == "validity.title_year.year_inferred"
    assert found["valid_to"][1] == "validity.stated_end"


def test_no_statement_no_dates() -> None:
    assert_no_dates("Vaggeryds kommun och polisen lovar att arbeta för en ökad trygghet bland invånarna.")


# --- extensions ----------------------------------------------------------------------------


def test_extension_under_a_year() -> None:
    text = "Medborgarlöfte i Båstads kommun 2017.\n\nFotnot: Medborgarlöftet har förlängts med samma innehåll under 2018."
    validity, _ = read(text)
    assert (validity.valid_from, validity.valid_to, validity.extended_to) == (
        "2017-01-01",
        "2017-12-31",
        "2018-12-31",
    )
    assert evidence(text)["extended_to"] == (
        "förlängts med samma innehåll under 2018",
        "validity.extension.year_inferred",
    )


def test_extension_to_a_date_and_the_period_in_the_same_sentence() -> None:
    validity, _ = read("Medborgarlöftet för 2017 har förlängts till och med 2018-06-30.")
    assert (validity.valid_from, validity.valid_to, validity.extended_to) == (
        "2017-01-01",
        "2017-12-31",
        "2018-06-30",
    )


def test_a_possible_extension_is_no_extension() -> None:
    validity, _ = read("Medborgarlöftet gäller till och med 2019-12-31 och kan förlängas till 2020-12-31.")
    assert (validity.valid_to, validity.extended_to) == ("2019-12-31", None)


# --- signing -------------------------------------------------------------------------------


def test_place_and_date_line_of_a_signature_block() -> None:
    text = (
        "Uppföljning kommer att ske halvårsvis. En utvärdering kommer göra 2017-07-01.\n\n"
        "Båstad 2016-12-13\n\n"
        "Bo Wendt\nKommunstyrelsens ordförande\nBåstads kommun"
    )
    validity, _ = read(text)
    assert validity.signed_on == "2016-12-13"
    assert evidence(text) == {"signed_on": ("Båstad 2016-12-13", "validity.signature_date")}


def test_spelled_signing_date_with_weekday_in_a_signature_block() -> None:
    text = "Falun, tisdagen den 12 mars 2019\n\nAnna Andersson\nKommunstyrelsens ordförande\nFalu kommun"
    validity, _ = read(text)
    assert validity.signed_on == "2019-03-12"


def test_stated_signing_date() -> None:
    validity, _ = read("Medborgarlöftet undertecknades den 12 mars 2019 av kommunstyrelsens ordförande.")
    assert validity.signed_on == "2019-03-12"
    validity, _ = read("Den 3 mars 2020 skrev kommunstyrelsens ordförande och polischefen under löftet.")
    assert validity.signed_on == "2020-03-03"


def test_signing_verb_before_a_period_start_is_no_signing_date() -> None:
    validity, _ = read(
        "Kommunen och polisen har undertecknat ett nytt medborgarlöfte som gäller från 1 januari 2024 till 31 december 2025."
    )
    assert (validity.valid_from, validity.valid_to, validity.signed_on) == ("2024-01-01", "2025-12-31", None)


def test_an_evaluation_date_and_a_publication_date_are_neither_validity_nor_signing() -> None:
    assert_no_dates("Uppföljning kommer att ske halvårsvis. En utvärdering kommer göra 2017-07-01.")
    assert_no_dates("Publicerad 2019-03-14\n\nAnna Andersson\nKommunstyrelsens ordförande\nFalu kommun")


def test_spaced_abbreviations_across_sentencizer_splits() -> None:
    assert period("Löftet gäller fr. o. m. 1 jan. 2020 t. o. m. 31 dec. 2020.") == (
        "2020-01-01",
        "2020-12-31",
    )


def test_two_years_named_as_the_period() -> None:
    text = "Det här löftet gäller för 2021 och 2022."
    assert period(text) == ("2021-01-01", "2022-12-31")
    assert evidence(text)["valid_to"][1] == "validity.stated_years.year_inferred"


def test_a_year_in_prose_does_not_fill_the_start_an_explicit_end_leaves_open() -> None:
    text = "Under 2021 ska polisen synas mer i centrum. Medborgarlöftet gäller till och med 2022-12-31."
    assert period(text) == (None, "2022-12-31")


def test_a_heading_reviewing_an_older_promise_is_not_the_period() -> None:
    text = "Medborgarlöfte 2021\n\nPolisen ska synas.\n\nUppföljning av medborgarlöfte 2020\n\nDet gick bra."
    assert period(text) == ("2021-01-01", "2021-12-31")
    assert_no_dates("Uppföljning av medborgarlöfte 2020\n\nDet gick bra.")


def test_date_then_place_on_a_signature_line() -> None:
    text = "2016-12-13, Båstad\n\nBo Wendt\nKommunstyrelsens ordförande\nBåstads kommun"
    assert read(text)[0].signed_on == "2016-12-13"


def test_a_date_in_running_prose_is_no_signing_date() -> None:
    assert read("Kommunen ska till 2022-12-31 ha anställt två fältassistenter.")[0] == Validity()


# --- held-out families: signing starts, prose signing dates, leads, ends, archives ---------


@pytest.mark.parametrize(
    "sentence",
    [
        "Medborgarlöftet börjar gälla när det undertecknats och löper ut den 31 december 2025.",
        "Löftet gäller från och med att det har undertecknats till den 31 december 2025.",
        "Medborgarlöftet träder i kraft vid undertecknandet och gäller till och med 2025-12-31.",
        "Löftet gäller från den dag det undertecknas till och med den 31 december 2025.",
        "Medborgarlöftet gäller från underskriftsdatum till och med 31 december 2025.",
    ],
)
def test_start_at_signing_takes_the_place_and_date_line(sentence: str) -> None:
    text = (
        f"{sentence}\n\nTierp den 14 februari 2024\n\n"
        "Undertecknat av: Lena Holm, kommunstyrelsens ordförande, Tierps kommun"
    )
    validity, _ = read(text)
    assert (validity.valid_from, validity.valid_to, validity.signed_on) == (
        "2024-02-14",
        "2025-12-31",
        "2024-02-14",
    )


def test_a_place_and_date_inside_prose_is_no_signing_date() -> None:
    text = "Mötet hölls i Tierp den 14 februari 2024 och samlade fyrtio boende."
    assert read(text)[0].signed_on is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Medborgarlöftet löper ut den 31 december 2025.", (None, "2025-12-31")),
        ("Löftet upphör att gälla 2025-06-30.", (None, "2025-06-30")),
        ("Medborgarlöftet gäller till utgången av 2024.", (None, "2024-12-31")),
        (
            "Medborgarlöftet gäller från 1 mars 2024 och löper ut vid utgången av februari 2025.",
            ("2024-03-01", "2025-02-28"),
        ),
    ],
)
def test_stated_ends_with_expiry_wording(sentence: str, expected: tuple[str | None, str | None]) -> None:
    assert period(sentence) == expected


def test_an_expiring_lease_is_not_the_promise() -> None:
    assert_no_dates("Hyresavtalet för lokalen löper ut den 31 december 2025.")


def test_two_years_from_signing_invents_no_end() -> None:
    text = (
        "Medborgarlöftet gäller i två år från undertecknandet.\n\n"
        "Tierp 2023-03-15\n\nLena Holm\nKommunstyrelsens ordförande\nTierps kommun"
    )
    validity, _ = read(text)
    assert (validity.valid_from, validity.valid_to) == ("2023-03-15", None)
    assert period("Löftet gäller i två år från 1 januari 2024.") == ("2024-01-01", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tierps kommun och lokalpolisområde Uppsala har enats om ett medborgarlöfte för perioden "
            "2023-01-01 – 2023-12-31.",
            ("2023-01-01", "2023-12-31"),
        ),
        (
            "Kommunen och polisen har tecknat ett nytt medborgarlöfte för 2024–2025.",
            ("2024-01-01", "2025-12-31"),
        ),
        ("Medborgarlöftet avser perioden 1/1–31/12 2019.", ("2019-01-01", "2019-12-31")),
        ("Löftet gäller 1/9–31/8 2020.", ("2019-09-01", "2020-08-31")),
        ("Medborgarlöftet gäller fr.o.m. 2022-01-01 t.o.m. 2022-12-31.", ("2022-01-01", "2022-12-31")),
    ],
)
def test_periods_stated_in_a_lead(text: str, expected: tuple[str, str]) -> None:
    assert period(text) == expected


def test_a_new_promise_still_to_come_in_a_lead_is_not_the_period() -> None:
    assert_no_dates("Ett nytt medborgarlöfte för 2024–2025 ska tas fram under hösten.")
    assert_no_dates("Statistiken för perioden 2019-01-01 – 2019-12-31 visar färre inbrott.")


@pytest.mark.parametrize(
    "text",
    [
        "Medborgarlöftet undertecknades måndagen den 5 februari 2024 i stadshuset.",
        "I måndags, den 5 februari 2024, skrev kommunstyrelsens ordförande Lena Holm och "
        "lokalpolisområdeschef Ali Rezai under ett nytt medborgarlöfte.",
        "Kommunstyrelsens ordförande och lokalpolisområdeschefen skrev under löftet den 5 februari 2024.",
        "Löftet skrevs under av båda parter den 5 februari 2024.",
    ],
)
def test_signing_dates_in_prose(text: str) -> None:
    assert read(text)[0].signed_on == "2024-02-05"


def test_a_signing_still_to_come_is_no_signing_date() -> None:
    assert read("Löftet ska skrivas under den 5 februari 2024 i stadshuset.")[0].signed_on is None


@pytest.mark.parametrize(
    "archive_heading", ["Tidigare medborgarlöften", "Arkiv", "Äldre medborgarlöften", "Föregående löften"]
)
def test_an_archive_section_with_its_own_dated_headings_loses_to_the_current_promise(
    archive_heading: str,
) -> None:
    text = (
        "Tierp – medborgarlöften\n\n"
        "Aktuellt medborgarlöfte: 2023\n\n"
        "Kommunen och polisen har enats om ett medborgarlöfte.\n\n"
        "Polisen kommer att\n\n- genomföra trygghetsvandringar\n\n"
        f"{archive_heading}\n\n"
        "Medborgarlöfte 2021–2022\n\n"
        "Löftet gällde 2021-01-01 – 2022-12-31 och handlade om bostadsinbrott.\n\n"
        "Medborgarlöfte 2019\n\n"
        "Medborgarlöftet gäller från 2019-01-01 till och med 2019-12-31."
    )
    assert period(text) == ("2023-01-01", "2023-12-31")


def test_a_date_between_skrev_and_under_is_the_signing_date() -> None:
    text = "Kommunen och polisen skrev den 12 mars 2024 under ett nytt medborgarlöfte."
    assert read(text)[0].signed_on == "2024-03-12"
    # "under" as a preposition closes no signing.
    assert read("Polisen skrev den 12 mars 2024 en rapport under rubriken trygghet.")[0] == Validity()


def test_a_period_stretching_over_two_years() -> None:
    assert period("Löftet sträcker sig över 2024 och 2025.") == ("2024-01-01", "2025-12-31")
    assert period("Medborgarlöftet sträcker sig över 2024–2025.") == ("2024-01-01", "2025-12-31")


def test_a_new_promise_title_and_a_signed_new_promise_are_this_promise() -> None:
    assert period("Nytt medborgarlöfte 2024–2025\n\nPolisen ska synas.") == ("2024-01-01", "2025-12-31")
    assert period("Aktuellt medborgarlöfte: 2023") == ("2023-01-01", "2023-12-31")
    # The words before the promise on a title line still count as negative cues.
    assert_no_dates("Tidigare medborgarlöfte: 2019")
    assert_no_dates("Förra årets medborgarlöfte 2022")


def test_end_at_a_years_close_is_not_a_title_year() -> None:
    assert evidence("Medborgarlöftet gäller till utgången av 2024.") == {
        "valid_to": ("gäller till utgången av 2024", "validity.stated_end.year_inferred")
    }


def test_extension_stated_as_also_valid_next_year() -> None:
    from extractors import analyze, validity
    from pipeline.clean import clean

    text = "Medborgarlöfte 2021\n\nParterna har kommit överens om att medborgarlöftet ska gälla även under 2022 med oförändrat innehåll."
    found = validity.extract(analyze(clean(text.encode())))
    assert (found.valid_to, found.extended_to) == ("2021-12-31", "2022-12-31")


def test_conditional_also_valid_is_no_extension() -> None:
    from extractors import analyze, validity
    from pipeline.clean import clean

    text = "Medborgarlöfte 2021\n\nMedborgarlöftet kan komma att gälla även under 2022."
    assert validity.extract(analyze(clean(text.encode()))).extended_to is None


def test_extension_stated_after_an_extension_verb_and_also_valid() -> None:
    from extractors import analyze, validity
    from pipeline.clean import clean

    text = "Medborgarlöftet gäller år 2018. Löftet förlängdes i december 2018 och gäller även hela 2019 med samma innehåll."
    found = validity.extract(analyze(clean(text.encode())))
    assert (found.valid_from, found.valid_to, found.extended_to) == ("2018-01-01", "2018-12-31", "2019-12-31")


def test_a_year_alone_on_the_title_page_gives_the_period() -> None:
    from extractors import analyze, validity
    from pipeline.clean import clean

    text = "MEDBORGARLÖFTE\nALINGSÅS KOMMUN OCH POLISEN\n\n2019\n\nINLEDNING\nText om arbetet."
    found = validity.extract(analyze(clean(text.encode())))
    assert (found.valid_from, found.valid_to) == ("2019-01-01", "2019-12-31")
    assert all(e.rule.endswith("year_inferred") for e in found.evidence)


def test_a_year_heading_without_a_promise_title_gives_nothing() -> None:
    from extractors import analyze, validity
    from pipeline.clean import clean

    found = validity.extract(analyze(clean(b"Resultat\n\n2019\n\nText om arbetet.")))
    assert (found.valid_from, found.valid_to) == (None, None)


def test_a_stated_period_beats_the_year_on_the_title_page() -> None:
    from extractors import analyze, validity
    from pipeline.clean import clean

    text = "Medborgarlöfte\n\n2019\n\nLöftet gäller från 1 mars 2019 till 29 februari 2020."
    found = validity.extract(analyze(clean(text.encode())))
    assert (found.valid_from, found.valid_to) == ("2019-03-01", "2020-02-29")


@pytest.mark.parametrize("line", ["2024-07-01 – 2025-06-30", "2024-07-01 - 2025-06-30",
                                  "1 juli 2024 – 30 juni 2025", "1 juli – 30 juni 2025"])
def test_a_period_alone_on_the_title_page_gives_it(line: str) -> None:
    text = f"MEDBORGARLÖFTE\nStenungsunds kommun och lokalpolisområde Stenungsund\n{line}\n\n\nBAKGRUND\n\nText om arbetet."
    assert period(text) == ("2024-07-01", "2025-06-30")


def test_a_period_line_without_a_promise_title_gives_nothing() -> None:
    assert period("Verksamhetsplan\nIdrottsföreningen\n2024-07-01 – 2025-06-30\n\nText om arbetet.") == (None, None)


@pytest.mark.parametrize("verb", ["handlade om", "gällde", "omfattade", "fokuserade på"])
def test_an_earlier_promise_told_in_the_past_gives_no_period(verb: str) -> None:
    assert period(f"Bakgrund\n\nMedborgarlöftet för 2023 {verb} Stenungsunds centrum.\n") == (None, None)
    # the same noun phrase in the present is this promise's period
    assert period("Bakgrund\n\nMedborgarlöftet för 2024 omfattar Stenungsunds centrum.\n") == (
        "2024-01-01", "2024-12-31")


def test_the_promise_it_replaces_is_not_its_period() -> None:
    text = ("Medborgarlöfte Krokoms kommun 2025-2026\n\nKrokoms kommun och polisen har tagit fram ett gemensamt "
            "medborgarlöfte. Löftet gäller under 2025 och 2026 och ersätter löftet för 2023-2024.\n")
    assert period(text) == ("2025-01-01", "2026-12-31")
    assert evidence(text)["valid_from"][1].startswith("validity.stated_years")
    # without the replaced one, the same years come from the sentence as before
    assert period("Löftet gäller under 2025 och 2026.\n") == ("2025-01-01", "2026-12-31")


@pytest.mark.parametrize("end", ["till årets slut", "fram till årets slut", "till slutet av året", "året ut"])
def test_a_period_running_to_the_years_end(end: str) -> None:
    assert period(f"Löftet gäller från 1 mars 2019 {end}.\n") == ("2019-03-01", "2019-12-31")


def test_work_running_to_the_years_end_is_no_period() -> None:
    assert period("Polisen patrullerar i hamnen från 1 mars 2019 till årets slut.\n") == (None, None)


def test_an_apposition_before_the_end_keeps_the_range() -> None:
    text = "Löftet gäller från och med halvårsskiftet, den 1 juli 2025, till och med den 30 juni 2026.\n"
    assert period(text) == ("2025-07-01", "2026-06-30")


def test_a_period_that_began_when_it_was_signed() -> None:
    text = ("Löftet började gälla när det skrevs under den 14 maj 2024 och gäller till och med 2025.\n")
    validity, _ = read(text)
    assert (validity.valid_from, validity.valid_to, validity.signed_on) == ("2024-05-14", "2025-12-31", "2024-05-14")


@pytest.mark.parametrize("title", ["PRESSMEDDELANDE", "Nytt medborgarlöfte: tryggare kvällar i centrum"])
def test_a_date_line_under_a_title_dates_the_page_not_the_signing(title: str) -> None:
    text = (f"{title}\n\n2024-05-15\n\nKramfors kommun och polisen har tecknat ett nytt medborgarlöfte. "
            "Löftet gäller till och med 2025.\n")
    validity, _ = read(text)
    assert validity.signed_on is None


def test_a_place_and_date_under_a_signing_heading_is_the_signing() -> None:
    text = ("Medborgarlöfte 2024\n\nPolisen ska patrullera i centrum.\n\nUNDERSKRIFTER\n\n"
            "Stenungsund 2024-06-18\n\nAnna Berg\nKommunstyrelsens ordförande\n")
    validity, _ = read(text)
    assert validity.signed_on == "2024-06-18"


@pytest.mark.parametrize("text", [
    "Polisen och kommunen har undertecknat ett medborgarlöfte för verksamhetsåren 2026 och 2027.",
    "Lindesberg – medborgarlöften 2026 och 2027",
])
def test_a_promise_for_two_named_years(text: str) -> None:
    assert period(text + "\n") == ("2026-01-01", "2027-12-31")


def test_two_years_of_statistics_beside_a_promise_are_no_period() -> None:
    assert period("Medborgarlöftet bygger på statistik för 2024 och 2025.\n") == (None, None)


@pytest.mark.parametrize(("end", "last"), [("den sista februari 2027", "2027-02-28"),
                                           ("sista februari 2028", "2028-02-29")])
def test_the_last_day_of_a_month_in_words(end: str, last: str) -> None:
    assert period(f"Löftet gäller under perioden 1 mars 2026 till och med {end}.\n")[1] == last


def test_an_extension_over_a_year() -> None:
    validity, _ = read("Medborgarlöfte 2025\n\nUppdatering 2025-12-02: Löftet från 2025 förlängs oförändrat över 2026.\n")
    assert (validity.valid_to, validity.extended_to) == ("2025-12-31", "2026-12-31")


def test_a_dated_signing_line_and_an_addendums_date() -> None:
    text = ("Medborgarlöfte 2026\n\nPolisen ska patrullera i Åkersberga.\n\nUNDERSKRIFTER\n\n"
            "Datum: 2025-12-18\n\nAnna Berg\nKommunstyrelsens ordförande\n\nTillägg 2026-11-20\n\n"
            "Medborgarlöftet förlängs med sex månader och gäller till och med den 30 juni 2027.\n")
    validity, _ = read(text)
    assert (validity.signed_on, validity.extended_to) == ("2025-12-18", "2027-06-30")


@pytest.mark.parametrize("label", ["Löftesperiod", "Giltighetsperiod", "Period"])
def test_a_labelled_period(label: str) -> None:
    assert period(f"Medborgarlöfte Sjöbo\n\n{label}: 1 oktober 2026 – 30 september 2027.\n") == (
        "2026-10-01", "2027-09-30")


def test_a_period_that_runs_out_at_the_end_of_the_same_year() -> None:
    text = ("Nu gäller ett nytt medborgarlöfte. Det började gälla den 1 januari 2027 och löper ut vid "
            "utgången av samma år.\n")
    assert period(text) == ("2027-01-01", "2027-12-31")
    # a period that runs out at another end is no year's end
    assert period("Det började gälla den 1 januari 2027 och löper ut den 30 juni 2027.\n")[0] != "2027-12-31"
