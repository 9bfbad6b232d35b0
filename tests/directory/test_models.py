"""Coach profiles hold no published contact details, and taxonomies seed themselves."""

from django.core.exceptions import ValidationError

import pytest

from demo.factories import CoachProfileFactory
from directory.enums import OfferKind, WorkingModeKind
from directory.models import (
    CoachProfile,
    Language,
    Offer,
    Skill,
    WorkingMode,
    validate_no_contact_details,
)
from directory.taxonomy import LANGUAGES, SKILLS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "Email me at hannah.lowe@wealdshire.nhs.uk",
        "Call 01632 960123",
        "Mobile: 07700 900 123",
        "Ring +44 (0)1632 960-123 any time",
    ],
)
def test_contact_details_are_refused_in_profile_text(text):
    with pytest.raises(ValidationError):
        validate_no_contact_details(text)


@pytest.mark.parametrize(
    "text",
    [
        "Coached 40 teams between 2015 and 2024.",
        "We cut waits from 120 to 45 minutes for 1,100 patients a year.",
        "Model for Improvement, PDSA and SPC since 2019-2020.",
    ],
)
def test_ordinary_numbers_are_fine(text):
    validate_no_contact_details(text)


def test_profile_form_fields_carry_the_validator(coach):
    coach.bio = "Text me on 07700 900123."
    with pytest.raises(ValidationError) as error:
        coach.full_clean()
    assert "bio" in error.value.message_dict


def test_photo_needs_a_description(coach):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    coach.photo = get_image_model().objects.create(title="Hannah", file=get_test_image_file())
    coach.photo_alt = " "
    with pytest.raises(ValidationError) as error:
        coach.clean()
    assert "photo_alt" in error.value.message_dict


def test_slug_is_made_from_the_name_and_kept_unique(org_a):
    first = CoachProfileFactory(display_name="Sam Patel", slug="", organisation=org_a)
    second = CoachProfile(display_name="Sam Patel", organisation=org_a, role="Nurse", bio="Hello.")
    second.save()
    assert first.slug == "sam-patel"
    assert second.slug == "sam-patel-2"


def test_contact_address_is_the_private_field_else_the_account(coach, coach_user):
    assert coach.contact_address == coach.contact_email
    coach.contact_email = ""
    assert coach.contact_address == coach_user.email
    coach.user = None
    assert coach.contact_address == ""


def test_migrations_seed_the_taxonomies_and_fixed_rows():
    assert set(Skill.objects.values_list("slug", flat=True)) >= {slug for slug, *_ in SKILLS}
    assert set(Language.objects.values_list("code", flat=True)) >= {c for *_, c in LANGUAGES}
    assert set(Offer.objects.values_list("kind", flat=True)) == set(OfferKind.values)
    assert set(WorkingMode.objects.values_list("kind", flat=True)) == set(WorkingModeKind.values)
    Offer.ensure_rows()
    assert Offer.objects.count() == len(OfferKind.values)


def test_search_index_includes_related_names(coach):
    """The index entry is written again after the many-to-many relations are saved."""
    results = CoachProfile.objects.live().search("Frailty")
    assert [profile.pk for profile in results] == [coach.pk]


def test_a_profile_taking_requests_needs_somewhere_to_send_them(coach):
    """Visitors' messages must never vanish: a profile without a relay address cannot be
    published as taking requests, and one that has lost its address closes its form."""
    coach.contact_email = ""
    coach.user = None
    with pytest.raises(ValidationError) as error:
        coach.full_clean()
    assert "contact_email" in error.value.message_dict
    assert not coach.reachable
    assert not coach.accepts_requests
    coach.capacity = "closed"
    coach.full_clean()  # not taking requests: no address needed


def test_a_profile_without_an_address_offers_no_form(client, coach):
    from directory.models import CoachProfile

    CoachProfile.objects.filter(pk=coach.pk).update(contact_email="", user=None)
    page = client.get(f"/coaches/{coach.slug}/").content.decode()
    assert "cannot be contacted through the hub yet" in page
    assert f"/coaches/{coach.slug}/contact/" not in page
    form = client.get(f"/coaches/{coach.slug}/contact/")
    assert "cannot be contacted through the hub yet" in form.content.decode()
    posted = client.post(f"/coaches/{coach.slug}/contact/", {"name": "Jo", "message": "Hi"})
    assert posted.status_code == 403
