"""What generating or removing the corpus reports, and the error it raises."""

from dataclasses import dataclass, field


class CorpusError(Exception):
    """The corpus cannot be generated or removed as asked."""


@dataclass
class CorpusReport:
    people: int = 0
    organisations: int = 0
    operations: int = 0
    roles: int = 0
    participations: int = 0
    sources: int = 0
    statements: int = 0
    mentions: int = 0
    # Rows of the statement ↔ operation / person / organisation link tables.
    links: int = 0
    seconds: float = 0.0


@dataclass
class RemovalReport:
    deleted: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
