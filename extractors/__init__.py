"""Field extractors: one module per field of the promise record.

Each module exposes ``extract(doc: AnalyzedDocument)`` returning that field's
findings, every one with a span into the cleaned text and the rule that fired.
Rules live in data files beside the module that reads them.
"""

from extractors.analysis import AnalyzedDocument, analyze

__all__ = ["AnalyzedDocument", "analyze"]
