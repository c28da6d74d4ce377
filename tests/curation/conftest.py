"""Clients logged in as a member of each curation group."""

import pytest

from tests.factories import StaffUserFactory


@pytest.fixture
def researcher():
    return StaffUserFactory(username="researcher", groups=["Researcher"])


@pytest.fixture
def editor_member():
    return StaffUserFactory(username="editor-member", groups=["Editor"])


@pytest.fixture
def researcher_client(client, researcher):
    client.force_login(researcher)
    return client


@pytest.fixture
def editor_client(client, editor_member):
    client.force_login(editor_member)
    return client
