"""The admin screens each role needs open for them, and only for them."""

from django.urls import reverse

from wagtail.models import Site

import pytest

from demo.factories import OrganisationFactory, PriorityFactory, TopicFactory
from hub.models import HubSettings, Organisation, Priority, Topic
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def taxonomy(db):
    return {
        Organisation: OrganisationFactory(name="Riverside Primary Care Network"),
        Priority: PriorityFactory(name="Frailty and ageing well"),
        Topic: TopicFactory(name="falls"),
    }


@pytest.mark.parametrize("model", [Organisation, Priority, Topic])
def test_hub_editors_manage_taxonomies(client, hub_editor, taxonomy, model):
    login(client, hub_editor)
    opts = model._meta
    index = client.get(reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:list"))
    assert index.status_code == 200
    assert str(taxonomy[model]) in index.content.decode()
    edit = client.get(
        reverse(
            f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit",
            args=[taxonomy[model].pk],
        )
    )
    assert edit.status_code == 200


@pytest.mark.parametrize("model", [Organisation, Priority, Topic])
def test_partner_editors_cannot_change_taxonomies(client, editor_a, taxonomy, model):
    login(client, editor_a)
    opts = model._meta
    response = client.get(
        reverse(
            f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit",
            args=[taxonomy[model].pk],
        )
    )
    assert response.status_code in (302, 403)


def test_hub_editors_edit_site_settings_and_bad_colours_are_refused(client, hub_editor, home_page):
    login(client, hub_editor)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["hub", "hubsettings", site.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "hub_name": "Wealdshire QI Hub",
            "host_organisation_name": "Wealdshire Health and Care Partnership",
            "header_colour": "#ffee00",
            "huddle_contact_email": "huddle@example.org",
            "privacy_contact": "",
        },
    )
    assert response.status_code == 200  # the form again, with the error next to the field
    assert "contrast ratio" in response.content.decode()
    assert HubSettings.for_site(site).hub_name != "Wealdshire QI Hub"  # nothing half-saved

    response = client.post(
        url,
        {
            "hub_name": "Wealdshire QI Hub",
            "host_organisation_name": "Wealdshire Health and Care Partnership",
            "header_colour": "#330072",
            "huddle_contact_email": "huddle@example.org",
            "privacy_contact": "",
        },
    )
    assert response.status_code == 302
    assert HubSettings.for_site(site).hub_name == "Wealdshire QI Hub"


def test_partner_editors_cannot_change_site_settings(client, editor_a, home_page):
    login(client, editor_a)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["hub", "hubsettings", site.pk])
    assert client.get(url).status_code in (302, 403)


@pytest.mark.parametrize("role", ["hub_editor", "editor_a"])
def test_every_role_reaches_the_dashboard(client, request, role):
    user = request.getfixturevalue(role)
    assert login(client, user).get(reverse("wagtailadmin_home")).status_code == 200
