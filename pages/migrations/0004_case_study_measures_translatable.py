"""Measures become translatable children of their case study (wagtail-localize translates a
page's child objects only when they are): each gets its page's locale and a translation key
shared with the same measure (same position) in the page's other languages."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_locales_and_keys(apps, schema_editor):
    CaseStudyMeasure = apps.get_model("pages", "CaseStudyMeasure")
    Page = apps.get_model("wagtailcore", "Page")
    pages = dict(
        Page.objects.filter(
            pk__in=CaseStudyMeasure.objects.values_list("page_id", flat=True)
        ).values_list("pk", "translation_key")
    )
    locales = dict(Page.objects.filter(pk__in=pages).values_list("pk", "locale_id"))
    keys = {}
    for measure in CaseStudyMeasure.objects.order_by("page_id", "sort_order", "pk"):
        position = (pages[measure.page_id], measure.sort_order, measure.name)
        measure.translation_key = keys.setdefault(position, uuid.uuid4())
        measure.locale_id = locales[measure.page_id]
        measure.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_case_studies_resources_events"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="casestudymeasure",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="casestudymeasure",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_locales_and_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="casestudymeasure",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="casestudymeasure",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="casestudymeasure",
            unique_together={("translation_key", "locale")},
        ),
    ]
