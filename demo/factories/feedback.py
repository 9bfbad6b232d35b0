from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from feedback.models import PageFeedbackComment, PageFeedbackCount, PageViewCount, SubmitterSurvey
from submissions.enums import Status

from .submissions import IdeaSubmissionFactory


class PageFeedbackCountFactory(DjangoModelFactory):
    class Meta:
        model = PageFeedbackCount

    page = None
    place = factory.LazyAttribute(lambda o: str(o.page.pk) if o.page else "search")
    language = "en"
    day = factory.LazyFunction(timezone.localdate)
    useful = 1
    not_useful = 0


class PageFeedbackCommentFactory(DjangoModelFactory):
    class Meta:
        model = PageFeedbackComment

    language = "en"
    text = "The opening times are out of date."


class PageViewCountFactory(DjangoModelFactory):
    class Meta:
        model = PageViewCount

    day = factory.LazyFunction(timezone.localdate)
    views = 10


class SubmitterSurveyFactory(DjangoModelFactory):
    """A survey sent about an accepted idea, not yet answered."""

    class Meta:
        model = SubmitterSurvey

    submission = factory.SubFactory(IdeaSubmissionFactory, status=Status.ACCEPTED)
    organisation = factory.SelfAttribute("submission.organisation")
    decision = Status.ACCEPTED
