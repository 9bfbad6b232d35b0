"""More of the same demo content, for benchmarks at scale (``seed_demo --copies N``): every
live English case study, resource and event, and every live coach profile, copied until
there are N of each. Copies are live, titled "(copy 2)", "(copy 3)"…, and idempotent: a
copy that exists is kept."""

from django.db import transaction

from wagtail.models import Locale

from directory.models import CoachProfile
from pages.models import CaseStudyPage, EventPage, ResourcePage


def _copy_pages(model, copies: int) -> int:
    made = 0
    originals = (
        model.objects.live()
        .filter(locale=Locale.get_default(), alias_of__isnull=True)
        .exclude(slug__contains="-copy-")
    )
    for page in originals:
        parent = page.get_parent()
        siblings = set(parent.get_children().values_list("slug", flat=True))
        for number in range(2, copies + 1):
            slug = f"{page.slug}-copy-{number}"
            if slug in siblings:
                continue
            page.copy(
                to=parent,
                update_attrs={"slug": slug, "title": f"{page.title} (copy {number})"},
                keep_live=True,
                copy_revisions=False,
                reset_translation_key=True,
                log_action=None,
            )
            made += 1
    return made


def _copy_coaches(copies: int) -> int:
    made = 0
    existing = set(CoachProfile.objects.values_list("slug", flat=True))
    for profile in CoachProfile.objects.filter(live=True).exclude(slug__contains="-copy-"):
        relations = {
            field.name: list(getattr(profile, field.name).all())
            for field in profile._meta.many_to_many
        }
        for number in range(2, copies + 1):
            slug = f"{profile.slug}-copy-{number}"
            if slug in existing:
                continue
            copy = CoachProfile.objects.get(pk=profile.pk)
            copy.pk = copy.id = None
            copy.user = None  # an account has one profile; the copy's relay is its own
            if not copy.contact_email:
                copy.contact_email = f"{slug}@coaches.example.org"
            copy.slug = slug
            copy.display_name = f"{profile.display_name} (copy {number})"
            copy.latest_revision = copy.live_revision = None
            copy.save()
            for name, objects in relations.items():
                getattr(copy, name).set(objects)
            copy.save_revision().publish()
            made += 1
    return made


@transaction.atomic
def multiply(copies: int) -> int:
    """Copies made (0 when there are ``copies`` of everything already)."""
    if copies < 2:
        return 0
    made = sum(_copy_pages(model, copies) for model in (CaseStudyPage, ResourcePage, EventPage))
    return made + _copy_coaches(copies)
