"""Record the size of every document stored without one (pages.documents): afterwards no page
view writes it."""

from django.db import migrations


def fill_file_sizes(apps, schema_editor):
    Document = apps.get_model("wagtaildocs", "Document")
    for document in Document.objects.filter(file_size__isnull=True).only("pk", "file").iterator():
        try:
            size = document.file.size
        except (OSError, ValueError):
            continue  # the file is missing from storage
        Document.objects.filter(pk=document.pk).update(file_size=size)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_case_study_measures_translatable"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(fill_file_sizes, migrations.RunPython.noop)]
