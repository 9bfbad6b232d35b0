"""Newsletters in the admin: hub editors preview and send; nobody else may."""

from django.core import mail

import pytest

from demo.factories import (
    CaseStudyPageFactory,
    NewsletterFactory,
    NewsletterItemFactory,
    SubscriptionFactory,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(case_studies):
    page = CaseStudyPageFactory(parent=case_studies, title="Falls huddle")
    newsletter = NewsletterFactory(subject="March news")
    NewsletterItemFactory(newsletter=newsletter, page=page)
    return newsletter


def test_hub_editor_previews_then_sends_once(client, hub_editor, newsletter, deliver):
    SubscriptionFactory(email="ann@example.org")
    client.login(username=hub_editor.username, password=PASSWORD)
    url = f"/admin/newsletters/{newsletter.pk}/send/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Falls huddle" in html
    assert "1 confirmed follower" in html
    assert mail.outbox == []  # previewing sends nothing
    assert deliver(client.post, url).status_code == 302
    assert deliver(client.post, url).status_code == 302
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]


def test_hub_editor_sees_newsletters_in_the_admin(client, hub_editor, newsletter):
    client.login(username=hub_editor.username, password=PASSWORD)
    response = client.get("/admin/snippets/following/newsletter/")
    assert response.status_code == 200
    assert "March news" in response.content.decode()
    assert f"/admin/newsletters/{newsletter.pk}/send/" in response.content.decode()


def test_partner_editor_cannot_send(client, editor_a, newsletter, deliver):
    SubscriptionFactory(email="ann@example.org")
    client.login(username=editor_a.username, password=PASSWORD)
    url = f"/admin/newsletters/{newsletter.pk}/send/"
    assert client.get(url).status_code in (302, 403)
    assert deliver(client.post, url).status_code in (302, 403)
    assert mail.outbox == []
