"""Moved to `core.review`; kept only for `sources/ingest/`, whose imports change with its own
refactoring. Delete this module once nothing imports it."""

from core.review import ReviewStatus

__all__ = ["ReviewStatus"]
