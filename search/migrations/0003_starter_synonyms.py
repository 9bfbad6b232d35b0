"""The starting synonym sets (search.starter_synonyms), created where missing, so hub
editors' changes are kept."""

from django.db import migrations

from search.starter_synonyms import create_missing


def create(apps, schema_editor):
    create_missing(apps.get_model("search", "SynonymSet"))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonyms_and_index_terms")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
