"""Fixtures for "Share your work": private storage in a temporary folder, a clean cache
(rate limits; both tests/multistep.py), a site with a privacy notice, and a helper that
walks the whole form."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from demo.factories import CaseStudyIndexPageFactory, PriorityFactory
from tests.multistep import clear_cache, private_storage, site_with_privacy_notice  # noqa: F401


@pytest.fixture
def priority(db):
    return PriorityFactory(name="Frailty and ageing well")


@pytest.fixture
def hub_site(home_page):
    return site_with_privacy_notice(home_page)


@pytest.fixture
def case_study_index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


def png(name="poster.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 94, 184)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


ABOUT = {
    "submitter_name": "Asha Patel",
    "submitter_email": "asha.patel@kingsmead.example",
    "submitter_role": "Falls prevention lead",
    "website": "",
}
WORK = {
    "title": "Fewer falls on ward 7",
    "summary": "Falls fell by a third after safety huddles.",
    "problem": "Patients fell at night.",
    "aim": "Reduce falls by 30% by March.",
    "what_you_did": "Daily safety huddles and bed rails checks.",
    "results": "Falls fell from 9 to 6 a month.",
    "lessons": "Start small.",
    "topics": "falls, frailty",
}
DATA = "\n".join(f"2025-{month:02d}-01, {10 - month * 0.5}" for month in range(1, 13))
MEASURE = {
    "measure_name": "Falls per 1,000 bed days",
    "measure_unit": "falls",
    "measure_direction": "down",
    "measure_data": DATA,
}
CONSENT = {"publication_consent": "on", "named_contact": "no", "privacy_consent": "on"}


def post_step(client, slug, data, **extra):
    return client.post(reverse(f"sharing:{slug}"), {"action": "continue", **data}, **extra)


def fill_form(client, organisation, *, consent=None, priorities=(), files=()):
    """Walk every step; returns the last response (a redirect to the check page)."""
    response = post_step(client, "about-you", {**ABOUT, "organisation": organisation.pk})
    assert response.status_code == 302, response.content
    response = post_step(client, "the-work", {**WORK, "priorities": [p.pk for p in priorities]})
    assert response.status_code == 302
    assert post_step(client, "measures", MEASURE).status_code == 302
    response = post_step(client, "files", {"attachments": list(files)})
    assert response.status_code == 302, response.content
    return post_step(client, "consent", consent or CONSENT)
