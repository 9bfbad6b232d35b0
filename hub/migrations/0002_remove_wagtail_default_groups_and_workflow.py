"""Remove the groups and workflow Wagtail creates on a new site.

Wagtail's default "Editors" group may edit every page and "Moderators" may publish every
page; the hub's own groups (hub.access) replace them with per-organisation sections and the
"Hub review" workflow. Groups that already have members are left alone.
"""

from django.db import migrations


def remove_defaults(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")

    Workflow.objects.filter(name="Moderators approval").delete()
    Task.objects.filter(name="Moderators approval").delete()
    for name in ("Editors", "Moderators"):
        Group.objects.filter(name=name, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_organisations_priorities_topics_settings"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(remove_defaults, migrations.RunPython.noop)]
