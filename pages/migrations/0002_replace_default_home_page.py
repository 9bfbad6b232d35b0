"""Replace Wagtail's placeholder page with the hub's HomePage as the default site's root."""

import uuid

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("pages.HomePage")

    if HomePage.objects.exists():
        return
    page_content_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_content_type, slug="home", depth=2).delete()
    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    home_content_type, _created = ContentType.objects.get_or_create(
        model="homepage", app_label="pages"
    )
    siblings = Page.objects.filter(depth=2).count()
    home = HomePage.objects.create(
        title="Improvement Hub",
        draft_title="Improvement Hub",
        slug="home",
        content_type=home_content_type,
        path=f"{root.path}{siblings + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        introduction="",
        calls_to_action="[]",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)


def remove_home_page(apps, schema_editor):
    apps.get_model("pages.HomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_home_standard_and_partner_pages"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
