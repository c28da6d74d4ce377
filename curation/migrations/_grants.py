"""Shared by the migrations that (re)grant the staff groups their permissions."""

from django.contrib.auth.management import create_permissions

from curation.groups import CURATED_APPS, grant_group_permissions


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations ran (post_migrate); make them now.
    for label in CURATED_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    grant_group_permissions(apps)
