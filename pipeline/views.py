"""Views over the database for the questions journalists ask, so they need no joins."""

from __future__ import annotations

VIEWS = {
    # One row per commitment, with the context a journalist needs and no joins.
    "commitments_overview": """
        select c.id, c.text, c.actor, c.heading, d.municipality_names as municipalities,
               d.police_unit_names as police_units, d.first_year, d.last_year,
               d.valid_from, d.valid_to, d.title as document_title, d.url as source_url,
               c.document_id, c.evidence, c.rule
        from commitments c join documents d on d.id = c.document_id""",
    "documents_overview": """
        select d.id, d.title, d.municipality_names as municipalities,
               d.police_unit_names as police_units, d.valid_from, d.valid_to, d.extended_to,
               d.signed_on, d.follow_up_cadence, d.commitment_count, d.focus_area_count,
               d.publisher, d.url as source_url, d.path
        from documents d""",
}
