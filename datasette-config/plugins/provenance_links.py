"""Datasette plugin: every ``document_id`` cell links to its row in ``documents``.

Views and canned queries have no foreign keys, so Datasette would show the id
as plain text; a journalist should reach the source document in one click from
any finding. ``source_url`` cells are already links (Datasette links http URLs).
"""

from __future__ import annotations

import markupsafe
from datasette import hookimpl
from datasette.utils import tilde_encode

# Columns that hold the id of a row in ``documents``.
DOCUMENT_ID_COLUMNS = {"document_id", "next_document_id"}


@hookimpl
def render_cell(value, column, table, database, datasette):
    if column not in DOCUMENT_ID_COLUMNS or not isinstance(value, str) or not value:
        return None
    if table == "documents":
        return None
    href = datasette.urls.row(database, "documents", tilde_encode(value))
    return markupsafe.Markup('<a href="{}">{}</a>').format(href, value)
