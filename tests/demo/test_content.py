"""What the demo holds: partners of every type, one demo user per role, and a library with
every kind of SPC signal.

Read-only checks over one seed for the module (tests/seeding.py; the ideas are checked in
test_ideas.py); how the seed behaves when run (idempotent, keeps editors' changes,
passwords) is in test_seed_demo.py."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

import pytest

from demo.users import DEMO_PASSWORD, DEMO_USERS
from hub import access
from hub.enums import EmailPurpose
from hub.models import Organisation, OutboxEmail
from pages.models import Adoption, CaseStudyMeasure, EventPage, PartnerPage
from tests.seeding import seeded_demo_fixture
from upkeep.enums import LinkStatus
from upkeep.models import Link, PageUpkeep, ProfileUpkeep

pytestmark = pytest.mark.django_db

demo = seeded_demo_fixture(library=True, ideas=False)


def test_organisations_cover_the_partner_types(demo):
    types = set(Organisation.objects.values_list("organisation_type", flat=True))
    assert {"icb", "nhs_trust", "primary_care", "local_authority", "voluntary"} <= types
    assert PartnerPage.objects.filter(locale__language_code="en").count() == 7


def test_one_demo_user_per_role(demo):
    User = get_user_model()
    for demo_user in DEMO_USERS:
        user = User.objects.get(username=demo_user.username)
        assert user.check_password(DEMO_PASSWORD)
        groups = [demo_user.group] if isinstance(demo_user.group, str) else demo_user.group
        for group in groups or ():
            assert user.groups.filter(name=group).exists()
    trust_editor = User.objects.get(username="trust.editor")
    council_editor = User.objects.get(username="council.editor")
    assert [g.name for g in trust_editor.groups.all()] == [
        "Wealdshire University Hospitals NHS Foundation Trust editors"
    ]
    assert [g.name for g in council_editor.groups.all()] == ["Wealdshire County Council editors"]
    assert User.objects.get(username="hub.editor").groups.get().name == access.HUB_EDITORS
    assert User.objects.get(username="admin").is_superuser


def test_the_library_has_every_kind_of_content_and_signal(demo):
    assert demo["case_studies"] >= 12
    assert demo["resources"] >= 15
    assert demo["events"] >= 8
    assert EventPage.objects.filter(end_date__lt=timezone.localdate()).exists()
    assert Adoption.objects.filter(status="approved").exists()
    with_target = [m for m in CaseStudyMeasure.objects.all() if m.target is not None]
    assert with_target
    variations = {m.spc.variation for m in CaseStudyMeasure.objects.all()}
    assert len(variations) >= 3  # improvement, concern and common cause all shown
    assert Page.objects.filter(url_path__endswith="/case-studies/").exists()


def test_content_health_has_something_real_to_show(demo):
    today = timezone.localdate()
    assert PageUpkeep.objects.filter(review_due__lt=today).count() == 3
    leaver = get_user_model().objects.get(username="former.editor")
    assert not leaver.is_active
    passed = PageUpkeep.objects.filter(former_owner=leaver, page__owner=None)
    assert passed.count() == 2
    assert OutboxEmail.objects.filter(purpose=EmailPurpose.CONTENT_OWNER_LEFT).exists()
    assert Link.objects.filter(status__in=LinkStatus.failing()).count() == 2
    # Coach profiles: one overdue, one whose coach has left (passed to the hub editors).
    assert ProfileUpkeep.objects.filter(review_due__lt=today).count() == 1
    coach_leaver = get_user_model().objects.get(username="former.coach")
    assert ProfileUpkeep.objects.filter(former_owner=coach_leaver, profile__user=None).exists()
    # Every reviewed page has an owner but the two that passed to their team.
    assert (
        not Page.objects.filter(pk__in=PageUpkeep.objects.values("page"), owner=None)
        .exclude(pk__in=passed.values("page"))
        .exists()
    )


def test_the_translated_menus_are_in_the_english_order(client, demo):
    """The demo translates the projects index after the other menu pages, so it is last in
    the Polish tree; its menu item still comes where the English one is (not last, where
    the header folds it under "More")."""

    def menu(url):
        return [page.translation_key for page in client.get(url).context["main_navigation"]]

    english = menu("/")
    projects = Page.objects.get(slug="projects", locale__language_code="en").translation_key
    assert projects in english[:-1]
    for language in ("pl", "ur"):
        assert menu(f"/{language}/") == english, language


def test_a_case_study_shared_by_staff_waits_for_its_partners_editors(demo):
    """In the trust's section, where the demo's trust editor finds it."""
    from demo.sharing import DRAFT_KEY
    from sharing.models import ShareDraft, SharedWork

    shared = SharedWork.objects.get(source_draft_key=DRAFT_KEY)
    page = shared.page.specific
    assert not page.live  # a draft for the editors, never published by the seed
    assert page.get_parent().specific.organisation == shared.organisation
    assert shared.organisation.name == "Wealdshire University Hospitals NHS Foundation Trust"
    assert shared.named_contact and page.contact_role.startswith("Grace Owusu")
    assert page.measures.get().spc.variation  # the measure became the case study's own
    assert not ShareDraft.objects.exists()  # sent: the draft is gone
    purposes = set(OutboxEmail.objects.values_list("purpose", flat=True))
    assert {EmailPurpose.SHARE_RECEIPT, EmailPurpose.SHARE_EDITORS} <= purposes
