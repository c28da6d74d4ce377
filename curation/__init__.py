"""Curation in the admin: review decisions, merging duplicates, the source reader."""
