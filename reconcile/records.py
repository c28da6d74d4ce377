"""The records a client may reconcile against, read as plain rows: one query per type.

Visibility is the API's (anonymous clients: verified records only); for everyone, rejected
records and records merged into another (whose names the survivor keeps as aliases) are
left out.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from core.review import ReviewStatus
from reconcile.catalogue import EntityType, entity_id
from reconcile.scoring import name_key

COLUMNS = ("pk", "name", "aliases", "disambiguation", "description", "country", "wikidata_id")


@dataclass
class Record:
    type: EntityType
    pk: int
    name: str
    aliases: list[str]
    disambiguation: str
    description: str
    fields: dict
    # Folded name and aliases, computed once for every query of a batch.
    key: str = field(init=False)
    alias_keys: list[str] = field(init=False)

    def __post_init__(self):
        self.key = name_key(self.name)
        self.alias_keys = [k for k in (name_key(a) for a in self.aliases) if k]

    @property
    def id(self) -> str:
        return entity_id(self.type.id, self.pk)

    @property
    def summary(self) -> str:
        """One line to tell namesakes apart: disambiguation, kind, description."""
        kind = self.fields.get("kind")
        parts = [self.disambiguation, kind.replace("_", " ") if kind else "", self.description]
        return "; ".join(p for p in parts if p)[:300]


def visible(entity_type: EntityType, user):
    """The rows of a type `user` may reconcile against."""
    return (
        entity_type.model.objects.visible_to(user)
        .filter(merged_into__isnull=True)
        .exclude(review_status=ReviewStatus.REJECTED)
    )


# More candidates than any query needs; a cap keeps a one-letter query from reading a table.
MAX_ROWS = 5000


def read(entity_type: EntityType, queryset, *, limit: int = MAX_ROWS) -> list[Record]:
    columns = (*COLUMNS, *entity_type.columns)
    rows = queryset.values_list(*columns)[:limit]
    return [
        Record(
            type=entity_type,
            pk=row[0],
            name=row[1],
            aliases=list(row[2] or []),
            disambiguation=row[3],
            description=row[4],
            fields=dict(zip(columns[5:], row[5:], strict=True)),
        )
        for row in rows
    ]


def find(
    entity_type: EntityType,
    user,
    *,
    words=(),
    initials=(),
    pks=(),
    lookups=(),
) -> list[Record]:
    """In one query, the records `user` may see whose folded name or an alias contains one of
    `words`, whose name starts with the first letter of one of `initials` (candidates for an
    acronym), whose primary key is in `pks`, or that match every field of one of `lookups`."""
    conditions = [Q(search_text__contains=w) for w in sorted(words)]
    conditions += [Q(name_key__startswith=a[0]) for a in sorted(initials)]
    conditions += [Q(pk__in=sorted(pks))] if pks else []
    conditions += [Q(**lookup) for lookup in lookups]
    if not conditions:
        return []
    matching = visible(entity_type, user).filter(reduce(or_, conditions))
    return read(entity_type, matching.order_by("pk"))


def starting_with(entity_type: EntityType, user, key: str, *, limit: int) -> list[Record]:
    """Records with a name or alias of which a word starts with the folded `key`, by name."""
    matching = visible(entity_type, user).filter(
        Q(search_text__startswith=key) | Q(search_text__contains=f" {key}")
    )
    return read(entity_type, matching.order_by("name_key", "pk"), limit=limit)
