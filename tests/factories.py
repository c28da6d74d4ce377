"""factory_boy factories for every model."""

import hashlib

import factory

from entities.models import Operation, Organisation, Participation, Person, Role
from sources.models import Mention, Source, Statement


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")


class OperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operation

    name = factory.Sequence(lambda n: f"Operation Number{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source {n}")
    text = factory.Sequence(lambda n: f"Document {n}. " + "Someone said something notable. " * 5)
    file_name = factory.Sequence(lambda n: f"doc_{n}.txt")
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    source = factory.SubFactory(SourceFactory)
    speaker_person = factory.SubFactory(PersonFactory)
    text = factory.Sequence(lambda n: f"Statement number {n} about things")
    span_start = 0
    span_end = 10


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    source = factory.SubFactory(SourceFactory)
    person = factory.SubFactory(PersonFactory)
    span_start = 0
    span_end = 8
    text = "Document"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Spokesperson"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    operation = factory.SubFactory(OperationFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A staff user; `groups=["Editor"]` puts them in curation groups (created if missing)."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    password = factory.django.Password("x-staff-pass-9")
    is_staff = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if not create or not names:
            return
        from django.apps import apps
        from django.contrib.auth.models import Group

        from curation.groups import grant_group_permissions

        grant_group_permissions(apps)
        self.groups.add(*Group.objects.filter(name__in=names))


# --- Verified records, as anonymous API clients see them -------------------------------


class VerifiedPersonFactory(PersonFactory):
    review_status = "verified"


class VerifiedOrganisationFactory(OrganisationFactory):
    review_status = "verified"


class VerifiedOperationFactory(OperationFactory):
    review_status = "verified"


class VerifiedStatementFactory(StatementFactory):
    """A verified statement by a verified person."""

    review_status = "verified"
    speaker_person = factory.SubFactory(VerifiedPersonFactory)
