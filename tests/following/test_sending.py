"""What followers receive: as it happens (on publish, after commit, once per address per
item, in their language), the weekly digest (once per ISO week), newsletters (once per
address per issue), generic items from other apps, and Atom feeds of the same streams."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from demo.factories import (
    CaseStudyPageFactory,
    CollaborativeIndexPageFactory,
    CollaborativePageFactory,
    CollaborativeTeamPageFactory,
    NewsletterFactory,
    NewsletterItemFactory,
    PlaceFactory,
    PriorityFactory,
    ProjectPageFactory,
    ProjectUpdateFactory,
    SubscriptionFactory,
    TopicFactory,
)
from following import registry
from following.registry import Item
from following.sending import send_newsletter, send_weekly_digests
from following.signals import item_published
from hub.enums import EmailPurpose
from hub.models import OutboxEmail

pytestmark = pytest.mark.django_db


def publish(page):
    """Publish ``page`` as the editor's "Publish" does: from the page as stored (with its
    first publication date, once it has one)."""
    page = type(page).objects.get(pk=page.pk)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def sent_to(address) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_a_new_case_study_reaches_immediate_followers_once(case_studies, deliver):
    stroke = PriorityFactory(name="Stroke")
    SubscriptionFactory(email="ann@example.org", stream="type:case-studies")
    SubscriptionFactory(email="ann@example.org", stream="priority:stroke")
    SubscriptionFactory(email="weekly@example.org", frequency="weekly")
    SubscriptionFactory(email="waiting@example.org", confirmed_at=None)
    page = CaseStudyPageFactory(parent=case_studies, title="Falls huddle", live=False)
    page.priorities.set([stroke])
    page.save()
    deliver(publish, page)
    [message] = sent_to("ann@example.org")
    assert "Falls huddle" in message.subject
    assert page.full_url in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/follow/unsubscribe/" in message.body
    assert not sent_to("weekly@example.org")
    assert not sent_to("waiting@example.org")
    # Published again (an edit): nothing more.
    deliver(publish, page)
    assert len(sent_to("ann@example.org")) == 1
    assert OutboxEmail.objects.filter(purpose=EmailPurpose.FOLLOW_ITEM).count() == 1


def test_followers_of_a_place_hear_of_case_studies_in_the_places_inside_it(
    client, case_studies, deliver
):
    locality = PlaceFactory(name="North Wealdshire", slug="north-wealdshire")
    pcn = PlaceFactory(name="Riverside PCN", slug="riverside-pcn", parent=locality)
    SubscriptionFactory(email="north@example.org", stream="place:north-wealdshire")
    SubscriptionFactory(email="pcn@example.org", stream="place:riverside-pcn")
    SubscriptionFactory(email="elsewhere@example.org", stream="place:south-wealdshire")
    page = CaseStudyPageFactory(parent=case_studies, title="Riverside huddle", live=False)
    page.places.set([pcn])
    page.save()
    deliver(publish, page)
    assert len(sent_to("north@example.org")) == 1
    assert len(sent_to("pcn@example.org")) == 1
    assert not sent_to("elsewhere@example.org")
    feed = client.get("/follow/feeds/place:north-wealdshire.atom")
    assert feed.status_code == 200
    assert "Riverside huddle" in feed.content.decode()


def test_followers_of_a_topic_in_polish_get_it_in_polish(case_studies, deliver):
    falls = TopicFactory(name="falls")
    SubscriptionFactory(email="ola@example.org", stream="topic:falls", language="pl")
    page = CaseStudyPageFactory(parent=case_studies, title="Falls huddle", live=False)
    page.topics.add(falls)
    page.save()
    deliver(publish, page)
    [message] = sent_to("ola@example.org")
    # Written in Polish: its links are the Polish site's.
    assert "/pl/follow/unsubscribe/" in message.body
    assert 'lang="pl"' in message.alternatives[0][0]


def test_nothing_is_sent_for_pages_people_did_not_follow(case_studies, deliver):
    SubscriptionFactory(email="ann@example.org", stream="type:events")
    deliver(publish, CaseStudyPageFactory(parent=case_studies, live=False))
    assert mail.outbox == []


def test_followers_who_joined_after_publication_are_not_sent_old_pages(case_studies, deliver):
    page = publish(CaseStudyPageFactory(parent=case_studies, live=False))
    SubscriptionFactory(email="late@example.org")
    deliver(publish, page)
    assert mail.outbox == []


def test_another_app_can_publish_items_through_the_signal(deliver, home_page):
    SubscriptionFactory(email="ann@example.org", stream="type:events")
    item = Item(
        group="project-update:7",
        language="en",
        title="Ward 9 went live",
        url="http://testserver/projects/ward-9/",
        summary="The new discharge lounge opened.",
        kind="Project update",
        published_at=timezone.now(),
    )
    deliver(item_published.send, sender=None, item=item, streams=["type:events"])
    deliver(item_published.send, sender=None, item=item, streams=["type:events"])
    [message] = sent_to("ann@example.org")
    assert "Ward 9 went live" in message.subject


def test_weekly_digest_once_per_address_per_week(case_studies, deliver):
    SubscriptionFactory(
        email="ann@example.org",
        frequency="weekly",
        confirmed_at=timezone.now() - timedelta(days=30),
    )
    SubscriptionFactory(
        email="ann@example.org",
        stream="type:resources",
        frequency="weekly",
        confirmed_at=timezone.now() - timedelta(days=30),
    )
    SubscriptionFactory(email="quiet@example.org", stream="type:events", frequency="weekly")
    publish(CaseStudyPageFactory(parent=case_studies, title="Falls huddle", live=False))
    deliver(send_weekly_digests)
    deliver(send_weekly_digests)
    [message] = sent_to("ann@example.org")
    assert "Falls huddle" in message.body
    assert "Case studies" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "all=1" in message.extra_headers["List-Unsubscribe"]
    assert not sent_to("quiet@example.org")  # nothing new: no email


def test_next_week_brings_a_new_digest(case_studies, deliver):
    SubscriptionFactory(
        email="ann@example.org",
        frequency="weekly",
        confirmed_at=timezone.now() - timedelta(days=30),
    )
    publish(CaseStudyPageFactory(parent=case_studies, live=False))
    now = timezone.now()
    deliver(send_weekly_digests, now)
    deliver(send_weekly_digests, now + timedelta(days=1))  # once this week, however often
    deliver(send_weekly_digests, now + timedelta(days=7, minutes=-1))  # a week on, the next
    assert len(sent_to("ann@example.org")) == 2


def test_newsletter_reaches_each_confirmed_address_exactly_once(case_studies, deliver):
    page = publish(CaseStudyPageFactory(parent=case_studies, title="Falls huddle", live=False))
    newsletter = NewsletterFactory(subject="March news")
    NewsletterItemFactory(newsletter=newsletter, page=page)
    SubscriptionFactory(email="ann@example.org", stream="type:case-studies")
    SubscriptionFactory(email="ann@example.org", stream="type:events")
    SubscriptionFactory(email="bob@example.org", stream="type:events", frequency="weekly")
    SubscriptionFactory(email="waiting@example.org", confirmed_at=None)
    mail.outbox.clear()
    assert deliver(send_newsletter, newsletter) == 2
    assert deliver(send_newsletter, newsletter) == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ann@example.org",
        "bob@example.org",
    ]
    assert all("Falls huddle" in message.body for message in mail.outbox)
    newsletter.refresh_from_db()
    assert newsletter.sent_at is not None


def test_newsletter_to_the_followers_of_one_stream(case_studies, deliver):
    newsletter = NewsletterFactory(stream="type:events")
    SubscriptionFactory(email="ann@example.org", stream="type:case-studies")
    SubscriptionFactory(email="bob@example.org", stream="type:events")
    deliver(send_newsletter, newsletter)
    assert [message.to[0] for message in mail.outbox] == ["bob@example.org"]


def test_atom_feed_of_a_stream(client, case_studies):
    PriorityFactory(name="Stroke")
    publish(CaseStudyPageFactory(parent=case_studies, title="Falls huddle", live=False))
    response = client.get("/follow/feeds/type:case-studies.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<title>Falls huddle</title>" in body
    assert client.get("/pl/follow/feeds/type:case-studies.atom").status_code == 200
    assert client.get("/follow/feeds/priority:stroke.atom").status_code == 200
    assert client.get("/follow/feeds/priority:nope.atom").status_code == 404
    assert client.get("/follow/feeds/nonsense.atom").status_code == 404


def test_listing_pages_link_their_feed(client, case_studies):
    html = client.get(case_studies.url).content.decode()
    assert 'type="application/atom+xml"' in html
    assert "/follow/feeds/type:case-studies.atom" in html


def test_followers_of_a_project_hear_of_each_update_once(client, home_page, deliver):
    project = ProjectPageFactory(parent=home_page, title="Carers' passport", slug="carers")
    SubscriptionFactory(email="carer@example.org", stream="project:carers")
    SubscriptionFactory(email="other@example.org", stream="project:elsewhere")
    page = type(project).objects.get(pk=project.pk)
    page.updates.add(
        ProjectUpdateFactory.build(page=page, title="First ward live", body="Ward 7 began.")
    )
    page.save()
    deliver(publish, page)
    [message] = sent_to("carer@example.org")
    assert "First ward live" in message.subject
    assert not sent_to("other@example.org")
    deliver(publish, page)  # published again: the update was announced already
    assert len(sent_to("carer@example.org")) == 1
    feed = client.get("/follow/feeds/project:carers.atom")
    assert feed.status_code == 200
    assert "First ward live" in feed.content.decode()


def test_followers_of_a_collaborative_hear_of_its_and_its_teams_pages(client, home_page, deliver):
    index = CollaborativeIndexPageFactory(parent=home_page)
    collaborative = CollaborativePageFactory(
        parent=index, title="Falls collaborative", slug="falls"
    )
    other = CollaborativePageFactory(parent=index, title="Sepsis collaborative", slug="sepsis")
    team = CollaborativeTeamPageFactory(parent=collaborative, title="Ward 9 team", live=False)
    SubscriptionFactory(email="ward@example.org", stream="collaborative:falls")
    SubscriptionFactory(
        email="weekly@example.org", stream="collaborative:falls", frequency="weekly"
    )
    SubscriptionFactory(email="sepsis@example.org", stream="collaborative:sepsis")
    # The form offers it, named in words.
    assert ("falls", "Falls collaborative") in {f.kind: f.options() for f in registry.registered()}[
        "collaborative"
    ]

    deliver(publish, team)  # a team's page, first published
    deliver(publish, collaborative)  # the collaborative's own page, updated
    subjects = sorted(message.subject for message in sent_to("ward@example.org"))
    assert len(subjects) == 2
    assert "Ward 9 team" in subjects[1] and "Falls collaborative" in subjects[0]
    assert not sent_to("sepsis@example.org") and not sent_to("weekly@example.org")
    # Published again the same day: no second email about the same page.
    deliver(publish, collaborative)
    assert len(sent_to("ward@example.org")) == 2
    deliver(publish, other)
    assert len(sent_to("sepsis@example.org")) == 1

    feed = client.get("/follow/feeds/collaborative:falls.atom")
    assert feed.status_code == 200
    text = feed.content.decode()
    assert "Ward 9 team" in text and "Falls collaborative" in text
    assert "Sepsis" not in text
    assert client.get("/follow/feeds/collaborative:no-such.atom").status_code == 404

    # The weekly follower's digest has both pages, once each.
    assert send_weekly_digests() == 1
    [digest] = OutboxEmail.objects.filter(to="weekly@example.org")
    assert digest.body.count("Ward 9 team") == 1


def test_a_team_page_in_a_private_section_tells_no_one(home_page, deliver):
    index = CollaborativeIndexPageFactory(parent=home_page)
    collaborative = CollaborativePageFactory(parent=index, slug="private-one")
    PageViewRestriction.objects.create(page=collaborative, restriction_type="login")
    team = CollaborativeTeamPageFactory(parent=collaborative, title="Hidden team", live=False)
    SubscriptionFactory(email="ward@example.org", stream="collaborative:private-one")
    deliver(publish, team)
    assert not sent_to("ward@example.org")


def test_a_new_project_reaches_followers_of_projects_of_its_place_and_priority(home_page, deliver):
    stroke = PriorityFactory(name="Stroke")
    riverside = PlaceFactory(name="Riverside", slug="riverside")
    SubscriptionFactory(email="projects@example.org", stream="type:projects")
    SubscriptionFactory(email="stroke@example.org", stream="priority:stroke")
    SubscriptionFactory(email="riverside@example.org", stream="place:riverside")
    SubscriptionFactory(email="cases@example.org", stream="type:case-studies")
    project = ProjectPageFactory(parent=home_page, title="Stroke unit rota", live=False)
    project.priorities.set([stroke])
    project.places.set([riverside])
    project.save()
    deliver(publish, project)
    for address in ("projects@example.org", "stroke@example.org", "riverside@example.org"):
        [message] = sent_to(address)
        assert "Stroke unit rota" in message.subject
    assert not sent_to("cases@example.org")
