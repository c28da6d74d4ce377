"""Moved to `core.names`; kept only for `sources/ingest/`, whose imports change with its own
refactoring. Delete this module once nothing imports it."""

from core.names import name_key, search_text

__all__ = ["name_key", "search_text"]
