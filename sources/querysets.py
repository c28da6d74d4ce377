"""The query vocabulary of statements and sources: who may see them, who said them, what they
are about and what they say. The API's filters, the exports and the research views read
through these methods."""

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connections, models
from django.db.models import Exists, F, OuterRef, Q, Value

from core.lookups import AnyOf
from core.names import name_key
from core.review import ReviewQuerySet, ReviewStatus, can_see_unverified
from entities.models import Operation, Organisation, Person, Role
from sources.embedded import Embedded
from sources.search import SOURCE_VECTOR, STATEMENT_VECTOR, full_text, ranked_newest


def _is_visible(model, pk, user) -> Exists:
    """Whether `user` may see the `model` row `pk`: one uncorrelated EXISTS, which PostgreSQL
    evaluates once per query, so that the page's plan can use the id directly."""
    return Exists(model.objects.visible_to(user).filter(pk=pk))


# What with_embeds() adds to each statement (sources/embedded.py).
EMBEDDED = "embedded"


def _kinds_with_id(pk: int) -> list[str]:
    """Which of "person" and "organisation" have a record `pk` (ids are per table)."""
    people = Person.objects.filter(pk=pk).order_by().values_list(Value("person"))
    organisations = Organisation.objects.filter(pk=pk).order_by().values_list(Value("organisation"))
    return [kind for (kind,) in people.union(organisations, all=True)]


class StatementQuerySet(ReviewQuerySet):
    def visible_to(self, user):
        """The statements `user` may see, without those whose speaker they may not see: what
        every list, export and research view of statements shows."""
        statements = super().visible_to(user)
        people = can_see_unverified(user, Person)
        organisations = can_see_unverified(user, Organisation)
        if people and organisations:
            return statements
        # Joins on the speaker's own status rather than subqueries: one index scan each.
        return statements.filter(
            (
                Q(speaker_person__isnull=False)
                if people
                else Q(speaker_person__review_status=ReviewStatus.VERIFIED)
            )
            | (
                Q(speaker_organisation__isnull=False)
                if organisations
                else Q(speaker_organisation__review_status=ReviewStatus.VERIFIED)
            )
        )

    def said_by(self, speaker, *, user):
        """One speaker's statements that `user` may see: none when they may not see the
        speaker, else the statements' own rule, without joining the speaker on every row (a
        speaker's record reads 10,000 of them)."""
        if not (
            can_see_unverified(user, type(speaker))
            or speaker.review_status == ReviewStatus.VERIFIED
        ):
            return self.none()
        field = "speaker_person_id" if isinstance(speaker, Person) else "speaker_organisation_id"
        return super().visible_to(user).filter(**{field: speaker.pk})

    def with_embeds(self, *, user):
        """These statements with their source (and its publisher), reporter and operations
        built as the API embeds them for `user`, as one JSON object (EMBEDDED), on PostgreSQL;
        elsewhere as they are (sources/api/embeds.py reads those for a whole page).

        A subquery of the select list, evaluated only for the rows returned, so that a page
        is one round trip: two more queries cost 0.3-1 ms each on PostgreSQL, and joins in
        the page query cost more planning than execution (bench/README.md).
        """
        if connections[self.db].vendor != "postgresql":
            return self
        return self.annotate(
            **{
                EMBEDDED: Embedded(
                    organisations=can_see_unverified(user, Organisation),
                    operations=can_see_unverified(user, Operation),
                )
            }
        )

    def by_speaker(self, pk: int, *, kind: str | None = None):
        """Said by the person or organisation `pk`: `kind` "person" or "organisation", or
        either (None).

        On SQLite, either kind is first resolved to the kinds that have the id (one query of
        two primary key lookups): an OR across the two speaker columns defeats both of their
        indexes there, and the list walks every statement in date order (a page of the top
        speaker's at 100k statements: 28 ms against 6 ms for one column). PostgreSQL combines
        the two indexes itself, in the page's one query.
        """
        if kind:
            kinds = [kind]
        elif connections[self.db].vendor == "sqlite":
            kinds = _kinds_with_id(pk)
        else:
            kinds = ["person", "organisation"]
        condition = Q()
        if "person" in kinds:
            condition |= Q(speaker_person_id=pk)
        if "organisation" in kinds:
            condition |= Q(speaker_organisation_id=pk)
        return self.filter(condition) if condition else self.none()

    def by_speaker_type(self, kind: str):
        """Said by a person ("person") or by an organisation ("organisation")."""
        field = "speaker_person" if kind == "person" else "speaker_organisation"
        return self.filter(**{f"{field}__isnull": False})

    def by_speaker_name(self, query: str):
        """Statements whose speaker's name or alias contains `query` (accents, case folded)."""
        key = name_key(query)
        return self.filter(
            Q(speaker_person__search_text__contains=key)
            | Q(speaker_organisation__search_text__contains=key)
        )

    def said_for_organisation(self, pk: int, *, user):
        """Said by the organisation `pk` or by a person who holds a role in it, as far as `user`
        may see the organisation and the roles.

        The members' own review status is not checked: `visible_to` already hides statements
        whose speaker the user may not see.
        """
        roles = Role.objects.visible_to(user).filter(
            organisation_id=pk, organisation__in=Organisation.objects.visible_to(user)
        )
        # Materialised: the planner then combines two index scans instead of a hashed subplan.
        if connections[self.db].vendor == "postgresql":
            # One array, not a row per member (3,000 rows cost Django 2 ms to iterate).
            members = roles.aggregate(ids=ArrayAgg("person_id", distinct=True, default=[]))["ids"]
        else:
            members = list(roles.order_by().values_list("person_id", flat=True).distinct())
        condition = Q(speaker_organisation_id=pk)
        if members:
            condition |= Q(AnyOf(F("speaker_person_id"), members))
        return self.filter(condition)

    def about_operation(self, pk: int, *, user):
        """About the operation `pk`, if `user` may see it (none otherwise)."""
        about = self.model.operations.through.objects.filter(
            statement_id=OuterRef("pk"), operation_id=pk
        )
        return self.filter(Exists(about), _is_visible(Operation, pk, user))

    def about(self, pk: int, *, kind: str | None = None, user):
        """About the person or organisation `pk` (`kind` "person", "organisation" or either),
        if `user` may see it."""
        condition = Q()
        if kind in (None, "person"):
            about = self.model.about_people.through.objects.filter(
                statement_id=OuterRef("pk"), person_id=pk
            )
            condition |= Q(Exists(about), _is_visible(Person, pk, user))
        if kind in (None, "organisation"):
            about = self.model.about_organisations.through.objects.filter(
                statement_id=OuterRef("pk"), organisation_id=pk
            )
            condition |= Q(Exists(about), _is_visible(Organisation, pk, user))
        return self.filter(condition)

    def from_publisher(self, pk: int, *, user):
        """Reported in a source from the organisation `pk`, if `user` may see it."""
        return self.filter(Q(source__publisher=pk), _is_visible(Organisation, pk, user))

    def matching(self, query: str):
        """Statements whose text matches `query` (web-search syntax; see sources/search.py)."""
        return full_text(self, STATEMENT_VECTOR, query)

    def most_relevant(self, query: str, *, among):
        """These statements cut to the newest matches of `among` (this list filtered to match
        `query`) and ranked by relevance to it; `among` as it is where ranking is impossible."""
        return ranked_newest(self, among, query)


class SourceQuerySet(models.QuerySet):
    def from_publisher(self, pk: int, *, user):
        """Published by the organisation `pk`, if `user` may see it."""
        return self.filter(publisher__in=Organisation.objects.visible_to(user).filter(pk=pk))

    def matching(self, query: str):
        """Sources whose title or text matches `query` (web-search syntax), unranked: sources
        are long, and ranking every match would cost a full parse of each."""
        return full_text(self, SOURCE_VECTOR, query)
