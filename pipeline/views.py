"""Views over the database for the questions journalists ask, so they need no joins.

``load.finish()`` creates every view in ``VIEWS`` in order, so a view may read the
ones above it. Every row that reports a finding carries its provenance: the
evidence text, the ``document_id`` of the document row, and the source URL when
it is known. The views are plain SQL: they work in Datasette, the sqlite3 shell
and any other SQLite tool.
"""

from __future__ import annotations

# Words too common in medborgarlöften to say that two commitments are about the
# same thing ("polisen ska genomföra ..." is in half of them).
REPEAT_STOPWORDS = (
    "polisen", "polis", "kommunen", "kommun", "kommunens", "polisens", "kommer", "skall",
    "genom", "samt", "inom", "även", "eller", "under", "detta", "dessa", "denna", "mellan",
    "tillsammans", "gemensamt", "arbeta", "arbetet", "arbete", "fortsätta", "fortsatt", "också",
    "vara", "till", "från", "med", "som", "ett", "att", "och", "för", "det", "den", "har",
    "lokalpolisområde", "lokalpolisområdet",
)
# A later commitment repeats an earlier one when at least this share of their
# distinctive words is shared (Jaccard), and at least REPEAT_MIN_SHARED words are.
REPEAT_MIN_SIMILARITY = 0.5
REPEAT_MIN_SHARED = 3
# Only words of this length or longer count: short words are mostly grammar.
REPEAT_MIN_WORD_LENGTH = 4
# Characters that separate words in a commitment; each becomes a space.
WORD_SEPARATORS = ".,;:!?()[]\"'”“’–—-•/\t\r\n"


def _folded(expression: str) -> str:
    """SQL for a lower-cased text. SQLite's lower() folds only ASCII, so Å, Ä and Ö by hand."""
    sql = expression
    for upper, lower in (("Å", "å"), ("Ä", "ä"), ("Ö", "ö"), ("É", "é")):
        sql = f"replace({sql}, '{upper}', '{lower}')"
    return f"lower({sql})"


def _separators_to_spaces(column: str, separators: str) -> str:
    sql = column
    for separator in separators:
        literal = {"\t": "char(9)", "\r": "char(13)", "\n": "char(10)"}.get(
            separator, "'" + separator.replace("'", "''") + "'"
        )
        sql = f"replace({sql}, {literal}, ' ')"
    return sql


def _normalising_ctes(source: str, final: str) -> str:
    """CTEs that turn ``source`` (id, document_id, text) into ``final`` (..., words).

    The separators are replaced a few per step: one deeply nested expression
    overflows SQLite's parser stack.
    """
    chunk = 6
    steps = [WORD_SEPARATORS[i:i + chunk] for i in range(0, len(WORD_SEPARATORS), chunk)]
    ctes = [f"{final}_0 as (select id, document_id, {_folded('text')} as words from {source})"]
    for number, separators in enumerate(steps, start=1):
        name = final if number == len(steps) else f"{final}_{number}"
        ctes.append(
            f"{name} as (select id, document_id, {_separators_to_spaces('words', separators)} as words"
            f" from {final}_{number - 1})"
        )
    return ",\n    ".join(ctes)


def _sql_list(words: tuple[str, ...]) -> str:
    return ", ".join("'" + word.replace("'", "''") + "'" for word in words)


# One row per document and municipality that gives its promise. The county comes
# from the extractor, or else from SCB's reference list by kommunkod.
DOCUMENT_MUNICIPALITIES = """
    select m.document_id, m.name as municipality, coalesce(m.code, by_name.code) as kommunkod,
           coalesce(m.county, by_code.county, by_name.county) as county, min(m.position) as position
    from municipalities m
    left join municipality_reference by_code on by_code.code = m.code
    left join municipality_reference by_name on m.code is null and by_name.name = m.name
    group by m.document_id, coalesce(m.code, m.name)"""

# One row per document: its municipalities, counties and years, ready to join.
# Aggregated in one pass each (not per document): the corpus has thousands of documents.
DOCUMENT_CONTEXT = """
    with ordered as (
        select document_id, municipality, kommunkod from document_municipalities
        order by document_id, position
    ),
    names as (
        select document_id, group_concat(municipality, ', ') as municipality,
               group_concat(kommunkod, ', ') as kommunkod
        from ordered group by document_id
    ),
    counties as (
        select document_id, group_concat(county, ', ') as county
        from (select distinct document_id, county from document_municipalities
              where county is not null order by document_id, county)
        group by document_id
    ),
    years as (
        select document_id, json_group_array(cast(year as text)) as years
        from (select document_id, year from document_years order by document_id, year)
        group by document_id
    )
    select d.id as document_id, names.municipality, names.kommunkod, counties.county,
           coalesce(years.years, '[]') as years
    from documents d
    left join names on names.document_id = d.id
    left join counties on counties.document_id = d.id
    left join years on years.document_id = d.id"""

COMMITMENTS_OVERVIEW = """
    select x.municipality, x.county, x.kommunkod, d.police_unit_names as police_unit,
           x.years, d.first_year, d.last_year, c.actor, c.heading, c.text, c.evidence,
           d.title as document_title, c.document_id, d.url as source_url,
           d.valid_from, d.valid_to, d.extended_to, c.position, c.span_start, c.span_end, c.rule,
           c.id as commitment_id, c.rowid as commitment_rowid
    from commitments c
    join documents d on d.id = c.document_id
    join document_context x on x.document_id = c.document_id"""

# One row per commitment, municipality and year in force: "in force in 2022" is
# the filter year = 2022, also for a promise that runs 2022-2023 or was extended.
COMMITMENT_YEARS = """
    select y.year, y.extended as extension_year, dm.municipality, dm.county, dm.kommunkod,
           d.police_unit_names as police_unit, c.actor, c.heading, c.text, c.evidence,
           d.title as document_title, c.document_id, d.url as source_url,
           d.valid_from, d.valid_to, d.extended_to, c.position, c.span_start, c.span_end, c.rule,
           c.id as commitment_id, c.rowid as commitment_rowid
    from commitments c
    join documents d on d.id = c.document_id
    join document_years y on y.document_id = c.document_id
    left join document_municipalities dm on dm.document_id = c.document_id"""

DOCUMENTS_OVERVIEW = """
    select d.id as document_id, d.title, x.municipality, x.county, x.kommunkod,
           d.police_unit_names as police_unit,
           d.valid_from, d.valid_to, d.extended_to, d.signed_on, x.years, d.first_year, d.last_year,
           d.follow_up_cadence,
           (select group_concat(label, '; ') from
              (select p.name || coalesce(' (' || p.role || ')', '') as label from people p
               where p.document_id = d.id and p.kind = 'signatory' order by p.position))
             as signatories,
           (select group_concat(text, '; ') from
              (select f.text from focus_areas f where f.document_id = d.id order by f.position))
             as focus_areas,
           d.commitment_count, d.focus_area_count,
           (select count(*) from places p where p.document_id = d.id) as place_count,
           (select count(*) from people p where p.document_id = d.id) as people_count,
           d.warnings, d.publisher, d.url as source_url, d.path, d.fetched_at,
           d.rowid as document_rowid
    from documents d
    join document_context x on x.document_id = d.id"""


def _repeated_commitments_sql() -> str:
    return f"""
    with recursive
    municipality_years as (
        select y.document_id, y.year, coalesce(dm.kommunkod, dm.municipality) as municipality_key
        from document_years y join document_municipalities dm on dm.document_id = y.document_id
    ),
    document_pairs as (
        select a.document_id as earlier_document, b.document_id as later_document,
               min(a.year) as year, a.municipality_key
        from municipality_years a
        join municipality_years b
          on b.municipality_key = a.municipality_key and b.year = a.year + 1
         and b.document_id <> a.document_id
        group by a.document_id, b.document_id, a.municipality_key
    ),
    candidates as (
        select id, document_id, text from commitments
        where document_id in (select earlier_document from document_pairs
                              union select later_document from document_pairs)
    ),
    {_normalising_ctes("candidates", "normalised")},
    words(commitment_id, document_id, word, rest) as (
        select id, document_id, '', trim(words) || ' ' from normalised
        union all
        select commitment_id, document_id, substr(rest, 1, instr(rest, ' ') - 1),
               substr(rest, instr(rest, ' ') + 1)
        from words where rest <> ''
    ),
    bag as (
        select distinct commitment_id, document_id, word from words
        where length(word) >= {REPEAT_MIN_WORD_LENGTH}
          and word not in ({_sql_list(REPEAT_STOPWORDS)})
    ),
    bag_sizes as (select commitment_id, count(*) as size from bag group by commitment_id),
    shared as (
        select p.earlier_document, p.later_document, p.year, p.municipality_key,
               e.commitment_id as earlier_commitment, l.commitment_id as later_commitment,
               count(*) as shared_words
        from document_pairs p
        join bag e on e.document_id = p.earlier_document
        join bag l on l.document_id = p.later_document and l.word = e.word
        group by p.earlier_document, p.later_document, p.municipality_key,
                 e.commitment_id, l.commitment_id
    ),
    text_repeats as (
        select s.*, round(1.0 * s.shared_words / (se.size + sl.size - s.shared_words), 2) as similarity
        from shared s
        join bag_sizes se on se.commitment_id = s.earlier_commitment
        join bag_sizes sl on sl.commitment_id = s.later_commitment
        -- identical word bags count even when the commitment is too short for the minimum
        where s.shared_words >= {REPEAT_MIN_SHARED}
           or (se.size = s.shared_words and sl.size = s.shared_words)
    )
    select case when trim(ne.words) = trim(nl.words) then 'same_text' else 'similar_text' end as kind,
           dm.municipality, dm.county, dm.kommunkod, t.year, t.year + 1 as next_year,
           ce.text, cl.text as next_text, t.similarity, t.shared_words,
           ce.evidence, cl.evidence as next_evidence,
           ce.document_id, cl.document_id as next_document_id,
           de.url as source_url, dl.url as next_source_url,
           ce.id as commitment_id, cl.id as next_commitment_id
    from text_repeats t
    join commitments ce on ce.id = t.earlier_commitment
    join commitments cl on cl.id = t.later_commitment
    join normalised ne on ne.id = t.earlier_commitment
    join normalised nl on nl.id = t.later_commitment
    join documents de on de.id = ce.document_id
    join documents dl on dl.id = cl.document_id
    join document_municipalities dm
      on dm.document_id = ce.document_id
     and coalesce(dm.kommunkod, dm.municipality) = t.municipality_key
    where t.similarity >= {REPEAT_MIN_SIMILARITY}
    union all
    select 'extended' as kind, dm.municipality, dm.county, dm.kommunkod,
           y.year - 1 as year, y.year as next_year, c.text, c.text as next_text,
           1.0 as similarity, null as shared_words,
           coalesce((select v.evidence from validity_evidence v
                     where v.document_id = c.document_id and v.field = 'extended_to'
                     order by v.position limit 1), c.evidence) as evidence,
           c.evidence as next_evidence,
           c.document_id, c.document_id as next_document_id,
           d.url as source_url, d.url as next_source_url,
           c.id as commitment_id, c.id as next_commitment_id
    from document_years y
    join commitments c on c.document_id = y.document_id
    join documents d on d.id = c.document_id
    left join document_municipalities dm on dm.document_id = c.document_id
    where y.extended = 1"""


VIEWS: dict[str, str] = {
    "document_municipalities": DOCUMENT_MUNICIPALITIES,
    "document_context": DOCUMENT_CONTEXT,
    # One row per commitment, with the context a journalist needs and no joins.
    "commitments_overview": COMMITMENTS_OVERVIEW,
    "commitment_years": COMMITMENT_YEARS,
    "documents_overview": DOCUMENTS_OVERVIEW,
    # Promises a municipality carried from one year into the next: extended with
    # the same content, or written again in next year's document.
    "repeated_commitments": _repeated_commitments_sql(),
}
