"""The starting QI skills and languages, and the fixed offer and way-of-working rows.

Skills and languages are created in the default language only where missing, so hub editors'
changes are kept. (After a test-database flush, ``DirectoryConfig`` recreates the fixed rows;
the demo seed recreates skills and languages.)
"""

import uuid

from django.conf import settings
from django.db import migrations

from directory.taxonomy import LANGUAGES, SKILLS

OFFERS = ["coaching", "mentoring", "go_and_see", "training"]
WORKING_MODES = ["online", "in_person"]


def create(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Skill = apps.get_model("directory", "Skill")
    Language = apps.get_model("directory", "Language")
    Offer = apps.get_model("directory", "Offer")
    WorkingMode = apps.get_model("directory", "WorkingMode")

    for kind in OFFERS:
        Offer.objects.get_or_create(kind=kind)
    for kind in WORKING_MODES:
        WorkingMode.objects.get_or_create(kind=kind)

    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is None:
        return
    for order, (slug, name, description) in enumerate(SKILLS):
        Skill.objects.get_or_create(
            slug=slug,
            locale=locale,
            defaults={
                "name": name,
                "description": description,
                "sort_order": order,
                "translation_key": uuid.uuid4(),
            },
        )
    for order, (slug, name, code) in enumerate(LANGUAGES):
        Language.objects.get_or_create(
            slug=slug,
            locale=locale,
            defaults={
                "name": name,
                "code": code,
                "sort_order": order,
                "translation_key": uuid.uuid4(),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_coach_profiles_skills_languages_contact_requests"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
