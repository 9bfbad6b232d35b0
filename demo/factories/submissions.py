"""Factories for idea submissions. ``demo.ideas`` builds the demo ideas from these."""

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from submissions.enums import Core20, Involvement, Status, SubmitterType, SupportWanted
from submissions.models import (
    IdeaDraft,
    IdeaSubmission,
    StatusChange,
    SubmissionMessage,
)


class IdeaSubmissionFactory(DjangoModelFactory):
    """A submitted idea with its first status entry. ``status_token`` (a post-generation
    argument) sets a known status-page token: ``IdeaSubmissionFactory(status_token="abc")``."""

    class Meta:
        model = IdeaSubmission
        skip_postgeneration_save = True

    reference = factory.LazyFunction(IdeaSubmission.unused_reference)
    status = Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    status_changed_at = factory.SelfAttribute("submitted_at")
    submitter_name = factory.Sequence(lambda n: f"Sam Submitter{n}")
    submitter_email = factory.Sequence(lambda n: f"submitter{n}@example.org")
    submitter_role = "Ward sister"
    submitter_ip = "192.0.2.10"
    submitter_type = SubmitterType.STAFF
    title = factory.Sequence(lambda n: f"Fewer falls on ward {n}")
    problem = "Falls at night are rising on our ward."
    who_affected = "Older patients at risk of falls."
    aim = "Reduce falls at night by 30% by March."
    outcome_measures = "Falls per 1,000 bed days."
    change_ideas = "Intentional rounding at night; low beds for patients at risk."
    core20 = Core20.NOT_SURE
    involvement = Involvement.PLANNED
    support_wanted = factory.LazyFunction(lambda: [SupportWanted.COACHING.value])
    privacy_consent_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def status_token(self, create, extracted, **kwargs):
        from submissions.models import hash_token

        if extracted:
            self.status_token_hash = hash_token(extracted)
            if create:
                self.save(update_fields=["status_token_hash"])

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        """The first status entry, as a real submission has."""
        if create and extracted is not False:
            StatusChange.objects.create(
                submission=self,
                from_status="",
                to_status=Status.SUBMITTED,
                by_submitter=True,
                changed_at=self.submitted_at,
            )


class StatusChangeFactory(DjangoModelFactory):
    class Meta:
        model = StatusChange

    submission = factory.SubFactory(IdeaSubmissionFactory)
    from_status = Status.SUBMITTED
    to_status = Status.IN_TRIAGE
    changed_at = factory.LazyFunction(timezone.now)


class SubmissionMessageFactory(DjangoModelFactory):
    class Meta:
        model = SubmissionMessage

    submission = factory.SubFactory(IdeaSubmissionFactory)
    sender = "huddle"
    body = "Could you tell us how many falls there were last month?"


class IdeaDraftFactory(DjangoModelFactory):
    class Meta:
        model = IdeaDraft

    data = factory.LazyFunction(dict)
