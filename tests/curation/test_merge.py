"""Merging duplicates and undoing it: nothing is lost, everything goes back."""

import pytest
from django.db.models import ForeignKey, ManyToManyField

from core.review import ReviewStatus
from curation.merge import LINKS, MergeError, link_counts, merge, plan_merge, unmerge
from curation.models import MergeRecord
from entities.models import Operation, Organisation, Participation, Person, Role
from sources.models import Mention, Source, Statement
from tests.curation.scenarios import build_story
from tests.factories import (
    MentionFactory,
    OperationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    StaffUserFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def totals() -> dict[str, int]:
    """Row counts of everything a merge touches, including many-to-many links."""
    return {
        "statements": Statement.objects.count(),
        "mentions": Mention.objects.count(),
        "roles": Role.objects.count(),
        "participations": Participation.objects.count(),
        "people": Person.objects.count(),
        "organisations": Organisation.objects.count(),
        "operations": Operation.objects.count(),
        "about_people": Statement.about_people.through.objects.count(),
        "about_organisations": Statement.about_organisations.through.objects.count(),
        "statement_operations": Statement.operations.through.objects.count(),
    }


def links_of(person: Person) -> dict[str, set[int]]:
    return {
        "spoken": set(person.statements.values_list("pk", flat=True)),
        "about": set(person.statements_about.values_list("pk", flat=True)),
        "mentions": set(person.mentions.values_list("pk", flat=True)),
        "roles": set(person.roles.values_list("pk", flat=True)),
        "targeted": set(person.targeted_by_operations.values_list("pk", flat=True)),
    }


@pytest.fixture
def editor_user():
    return StaffUserFactory(username="merger", groups=["Editor"])


def test_merging_people_moves_statements_mentions_and_roles_and_keeps_names(editor_user):
    story = build_story()
    minister, duplicate = story.minister, story.duplicate
    before = totals()
    spoken = {story.alert.pk, story.defend.pk}

    record = merge(survivor=minister, others=[duplicate], user=editor_user)

    minister.refresh_from_db()
    duplicate.refresh_from_db()
    assert totals() == before  # nothing deleted, no link lost
    assert set(minister.statements.values_list("pk", flat=True)) == spoken
    assert set(minister.statements_about.values_list("pk", flat=True)) == {story.aggression.pk}
    assert minister.mentions.count() == 2
    assert sorted(minister.roles.values_list("title", flat=True)) == [
        "Defence minister",
        "General",
    ]
    assert minister.aliases == ["Vladimir Padrino", "Padrino López"]
    assert duplicate.merged_into == minister
    assert duplicate.review_status == ReviewStatus.REJECTED
    assert duplicate.reviewed_by == editor_user
    assert record.merged_by == editor_user
    assert record.merged_ids == [duplicate.pk]
    # The duplicate's copy of a role the minister already has stays with it: no duplicate row.
    assert list(duplicate.roles.values_list("title", flat=True)) == ["Defence minister"]


def test_unmerge_restores_every_link_and_the_survivors_aliases(editor_user):
    story = build_story()
    minister, duplicate = story.minister, story.duplicate
    duplicate.set_review(ReviewStatus.VERIFIED, user=editor_user)
    before_totals = totals()
    before = {"minister": links_of(minister), "duplicate": links_of(duplicate)}
    aliases_before = list(minister.aliases)

    record = merge(survivor=minister, others=[duplicate], user=editor_user)
    report = unmerge(record=record, user=editor_user)

    minister.refresh_from_db()
    duplicate.refresh_from_db()
    record.refresh_from_db()
    assert totals() == before_totals
    assert {"minister": links_of(minister), "duplicate": links_of(duplicate)} == before
    assert minister.aliases == aliases_before
    assert duplicate.merged_into is None
    assert duplicate.review_status == ReviewStatus.VERIFIED
    assert report.restored == 4  # one spoken statement, one about, one mention, one role
    assert report.skipped == 0
    assert record.unmerged_by == editor_user
    assert record.unmerged_at is not None


def test_statement_about_both_duplicates_is_about_the_survivor_once_and_both_after_unmerge():
    first, second = PersonFactory(name="Ana Pérez"), PersonFactory(name="Ana Perez Gómez")
    statement = StatementFactory()
    statement.about_people.add(first, second)

    record = merge(survivor=first, others=[second], user=None)
    assert list(statement.about_people.all()) == [first]

    unmerge(record=record, user=None)
    assert set(statement.about_people.all()) == {first, second}


def test_merging_organisations_moves_every_kind_of_link():
    survivor = OrganisationFactory(name="Armada Bolivariana")
    other = OrganisationFactory(name="Venezuelan Navy", aliases=["FANB Navy"])
    operation = OperationFactory()
    operation.target_organisations.add(other)
    spoken = StatementFactory(speaker_person=None, speaker_organisation=other)
    reported = StatementFactory(reported_by=other)
    about = StatementFactory()
    about.about_organisations.add(other)
    MentionFactory(person=None, organisation=other)
    RoleFactory(organisation=other)
    ParticipationFactory(organisation=other, operation=operation)
    child = OrganisationFactory(parent=other)
    published = SourceFactory(publisher=other)
    before = totals()

    record = merge(survivor=survivor, others=[other], user=None)

    assert totals() == before
    assert dict(link_counts(other)) == {label: 0 for label, _ in link_counts(other)}
    counts = dict(link_counts(survivor))
    assert all(counts[label] == 1 for label in counts), counts
    survivor.refresh_from_db()
    assert survivor.aliases == ["Venezuelan Navy", "FANB Navy"]

    unmerge(record=record, user=None)
    assert spoken.__class__.objects.get(pk=spoken.pk).speaker_organisation == other
    assert Statement.objects.get(pk=reported.pk).reported_by == other
    assert Organisation.objects.get(pk=child.pk).parent == other
    assert Source.objects.get(pk=published.pk).publisher == other
    assert all(n == 1 for _, n in link_counts(other))
    assert all(n == 0 for _, n in link_counts(Organisation.objects.get(pk=survivor.pk)))


def test_merging_operations_moves_participations_but_keeps_a_clashing_one():
    survivor, other = OperationFactory(name="Operation Southern Spear"), OperationFactory()
    navy, army = OrganisationFactory(), OrganisationFactory()
    ParticipationFactory(operation=survivor, organisation=navy, part="led")
    clash = ParticipationFactory(operation=other, organisation=navy, part="led")
    moved = ParticipationFactory(operation=other, organisation=army, part="supported")
    statement = StatementFactory()
    statement.operations.add(other)

    plan = plan_merge(survivor=survivor, others=[other])
    participations = next(p for p in plan.links if p.link.label == "participations")
    assert participations.moved == [(moved.pk, other.pk)]
    assert participations.kept == [(clash.pk, other.pk)]

    merge(survivor=survivor, others=[other], user=None)
    assert survivor.participations.count() == 2
    assert list(statement.operations.all()) == [survivor]


def test_a_record_is_never_made_its_own_parent():
    parent = OrganisationFactory(name="Ministry of Defence")
    child = OrganisationFactory(name="Defence Ministry", parent=parent)

    merge(survivor=child, others=[parent], user=None)

    child.refresh_from_db()
    assert child.parent == parent


def test_merge_refuses_mixed_or_already_merged_records():
    person, other, third = PersonFactory(), PersonFactory(), PersonFactory()
    with pytest.raises(MergeError, match="one kind"):
        merge(survivor=person, others=[OrganisationFactory()], user=None)
    with pytest.raises(MergeError, match="into itself"):
        merge(survivor=person, others=[person], user=None)
    with pytest.raises(MergeError, match="at least two"):
        merge(survivor=person, others=[], user=None)
    merge(survivor=person, others=[other], user=None)
    other.refresh_from_db()
    with pytest.raises(MergeError, match="already merged"):
        merge(survivor=third, others=[other], user=None)
    with pytest.raises(MergeError, match="cannot be merged"):
        plan_merge(survivor=StatementFactory(), others=[StatementFactory()])


def test_unmerge_waits_for_a_later_merge_of_the_same_records_to_be_undone():
    first, second, third = PersonFactory(), PersonFactory(), PersonFactory()
    earlier = merge(survivor=first, others=[second], user=None)
    later = merge(survivor=first, others=[third], user=None)

    with pytest.raises(MergeError, match=f"later merge #{later.pk}"):
        unmerge(record=earlier, user=None)
    unmerge(record=later, user=None)
    unmerge(record=earlier, user=None)
    with pytest.raises(MergeError, match="already undone"):
        unmerge(record=earlier, user=None)


def test_unmerge_leaves_alone_a_row_edited_since_the_merge():
    survivor, other, elsewhere = PersonFactory(), PersonFactory(), PersonFactory()
    statement = StatementFactory(speaker_person=other)
    record = merge(survivor=survivor, others=[other], user=None)
    statement.speaker_person = elsewhere
    statement.save()

    report = unmerge(record=record, user=None)

    assert report.skipped == 1
    assert Statement.objects.get(pk=statement.pk).speaker_person == elsewhere


def test_unmerge_keeps_aliases_added_by_hand_after_the_merge():
    survivor, other = PersonFactory(name="Diosdado Cabello"), PersonFactory(name="D. Cabello")
    record = merge(survivor=survivor, others=[other], user=None)
    survivor.refresh_from_db()
    survivor.add_aliases("Cabello Rondón")
    survivor.save()

    unmerge(record=record, user=None)

    survivor.refresh_from_db()
    assert survivor.aliases == ["Cabello Rondón"]


def test_merge_and_unmerge_are_in_the_history_with_who_and_why(editor_user):
    story = build_story()
    record = merge(survivor=story.minister, others=[story.duplicate], user=editor_user)

    moved = story.defend.history.first()
    assert moved.speaker_person_id == story.minister.pk
    assert moved.history_user == editor_user
    assert moved.history_change_reason == f"Merge #{record.pk}"
    rejected = story.duplicate.history.first()
    assert rejected.review_status == ReviewStatus.REJECTED
    assert rejected.history_change_reason == f"Merge #{record.pk}"

    unmerge(record=record, user=editor_user)
    restored = story.defend.history.first()
    assert restored.speaker_person_id == story.duplicate.pk
    assert restored.history_change_reason == f"Unmerge #{record.pk}"
    assert MergeRecord.objects.get().unmerged_by == editor_user


def test_merge_of_three_records_and_its_unmerge():
    survivor, second, third = PersonFactory(), PersonFactory(), PersonFactory()
    shared = StatementFactory()
    shared.about_people.add(second, third)
    RoleFactory(person=second, organisation=None, title="Spokesperson")
    RoleFactory(person=third, organisation=None, title="Spokesperson")
    before = totals()

    record = merge(survivor=survivor, others=[second, third], user=None)
    assert totals()["about_people"] == before["about_people"] - 1
    assert survivor.roles.count() == 1  # the second copy stays with its record
    unmerge(record=record, user=None)

    assert totals() == before
    assert set(shared.about_people.all()) == {second, third}
    assert second.roles.count() == third.roles.count() == 1


@pytest.mark.parametrize("model", [Person, Organisation, Operation])
def test_every_relation_to_a_mergeable_model_is_moved_by_a_merge(model):
    """Fails when a new foreign key or many-to-many to the model is not added to LINKS."""
    covered = {(link.model.lower(), link.field) for link in LINKS[model._meta.label_lower]}
    found = set()
    for related in model._meta.get_fields():
        if not related.is_relation or related.concrete:
            continue
        field = related.field
        if field.model._meta.label_lower.split(".")[1].startswith("historical"):
            continue
        if field.name == "merged_into":  # the merge chain itself
            continue
        if isinstance(field, ManyToManyField) and not field.remote_field.through._meta.auto_created:
            continue  # its rows are the through model's, which has its own foreign key
        assert isinstance(field, ForeignKey | ManyToManyField)
        found.add((field.model._meta.label_lower, field.name))
    assert found == covered
