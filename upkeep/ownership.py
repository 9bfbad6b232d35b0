"""Who looks after a reviewed item: its owner (a person) and its owning team.

- A page's owner is Wagtail's ``Page.owner``; its team is the editors group of the partner
  whose section holds it (hub editors for pages outside any section).
- A coach profile's owner is the coach's account (``CoachProfile.user``); its team is the
  hub editors, who approve and manage every profile (no partner's editors may edit one).

When an owner's account is deactivated, or (a page's owner) they leave the partner's editors
group, their items pass to the team (:func:`pass_to_team`, :func:`pass_profiles_to_team`):
the owner is cleared, the former owner and the date are kept on the item's review record,
and the team's active members are told by email, once per item and owner.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from directory.models import CoachProfile
from hub import page_cache
from pages.models import CaseStudyPage, EventPage, PartnerPage, ResourcePage

from .emails import record_owner_left
from .models import PageUpkeep, ProfileUpkeep

# The page types whose content is owned and reviewed.
REVIEWED_MODELS = (CaseStudyPage, ResourcePage, EventPage, PartnerPage)


def reviewed_pages():
    """Every page of a reviewed type, in every language (Page rows, not specific)."""
    return Page.objects.type(*REVIEWED_MODELS)


class Sections:
    """The partner sections, looked up once: which partner (and team) holds a page."""

    def __init__(self):
        self.partners = list(
            PartnerPage.objects.select_related("organisation__editors_group").order_by("-depth")
        )

    def partner_of(self, page) -> PartnerPage | None:
        for partner in self.partners:
            if page.path.startswith(partner.path):
                return partner
        return None

    def team_of(self, page) -> Group | None:
        partner = self.partner_of(page)
        return partner.organisation.editors_group if partner else None


def team_of(page) -> Group | None:
    return Sections().team_of(page)


def owner_is_gone(page, team: Group | None) -> bool:
    """Whether the page's owner can no longer look after it: their account is deactivated,
    or (for a page in a partner's section) they are no longer one of its editors, nor a
    hub editor or administrator."""
    return person_is_gone(page.owner, team)


def person_is_gone(owner, team: Group | None) -> bool:
    """Whether ``owner`` can no longer look after an item of ``team``: their account is
    deactivated, or (a partner's team) they are no longer one of its editors, nor a hub
    editor or administrator. With no partner team (hub editors look after it), only a
    deactivated account has gone."""
    if owner is None:
        return False
    if not owner.is_active:
        return True
    if team is None or owner.is_superuser:
        return False
    names = {group.name for group in owner.groups.all()}
    # Imported names would make hub.access (project wiring) a dependency of an app: the
    # group's name is the contract.
    return team.name not in names and "Hub editors" not in names


@transaction.atomic
def pass_to_team(pages, *, sections: Sections | None = None) -> int:
    """Pass ``pages`` whose owner is gone to their team and tell the team. Returns how
    many passed."""
    sections = sections or Sections()
    moved = 0
    now = timezone.now()
    for page in pages.select_related("owner").prefetch_related("owner__groups"):
        team = sections.team_of(page)
        if not owner_is_gone(page, team):
            continue
        former = page.owner
        upkeep, _created = PageUpkeep.objects.get_or_create(page=page)
        upkeep.former_owner = former
        upkeep.owner_left_at = now
        upkeep.save(update_fields=["former_owner", "owner_left_at"])
        Page.objects.filter(pk=page.pk).update(owner=None)
        page.owner = None
        record_owner_left(page, former=former, team=team)
        moved += 1
    return moved


@transaction.atomic
def pass_profiles_to_team(profiles) -> int:
    """Pass ``profiles`` whose coach's account is deactivated to the hub editors (clearing
    the profile's account: contact requests then go to its contact address only, and the
    directory shows it closed when it has none) and tell them. Returns how many passed."""
    moved = 0
    now = timezone.now()
    for profile in profiles.filter(user__isnull=False).select_related("user"):
        if not person_is_gone(profile.user, None):
            continue
        former = profile.user
        upkeep, _created = ProfileUpkeep.objects.get_or_create(profile=profile)
        upkeep.former_owner = former
        upkeep.owner_left_at = now
        upkeep.save(update_fields=["former_owner", "owner_left_at"])
        CoachProfile.objects.filter(pk=profile.pk).update(user=None)
        profile.user = None
        record_owner_left(profile, former=former, team=None)
        moved += 1
    if moved:
        page_cache.invalidate()  # (an update() sends no signal the page cache watches)
    return moved


def pass_items_of(user) -> int:
    """Pass whatever ``user`` owns and can no longer look after to the teams."""
    return pass_to_team(reviewed_pages().filter(owner=user)) + pass_profiles_to_team(
        CoachProfile.objects.filter(user=user)
    )
