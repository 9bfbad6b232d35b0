"""Demo feedback and usage, so the impact report (Reports → Impact) has something to show:
eight weeks of page views, "Was this page useful?" answers and a few comments on the
library's pages, and answers to the surveys the demo ideas' decisions sent. Idempotent:
what exists is left alone."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Page

from feedback.models import PageFeedbackComment, PageFeedbackCount, PageViewCount, SubmitterSurvey
from submissions.enums import Status
from submissions.models import IdeaSubmission
from submissions.status import DECISIONS

DAYS = 56
COMMENTS = [
    "The contact details for the falls team are out of date.",
    "I could not find the measures chart on my phone.",
    "Would like a version in easy read.",
]
# Scores (fair, clear, fast) given to the demo's surveys, in order; the rest stay unanswered.
SURVEY_ANSWERS = [(5, 4, 3), (4, 4, 2), (3, 2, 2), (5, 5, 4), (2, 3, 1), (4, 5, 3)]


def _amount(*numbers: int, most: int) -> int:
    """A repeatable number from 0 to ``most`` (no randomness: the demo is the same twice)."""
    value = 7
    for number in numbers:
        value = (value * 31 + number) % 1_000_003
    return value % (most + 1)


def seed_feedback(today=None) -> dict:
    today = today or timezone.localdate()
    pages = list(Page.objects.live().public().filter(depth__gte=3).order_by("path")[:40])
    views = feedback = 0
    if not PageViewCount.objects.exists():
        rows = [
            PageViewCount(page=page, day=today - timedelta(days=back), views=count)
            for page in pages
            for back in range(DAYS)
            if (count := _amount(page.pk, back, most=30 if page.depth == 3 else 12))
        ]
        PageViewCount.objects.bulk_create(rows)
        views = len(rows)
    if not PageFeedbackCount.objects.exists():
        rows = [
            PageFeedbackCount(
                place=str(page.pk),
                page=page,
                language=page.locale.language_code,
                day=today - timedelta(days=back),
                useful=_amount(page.pk, back, 1, most=4),
                not_useful=_amount(page.pk, back, 2, most=1),
            )
            for page in pages
            for back in range(0, DAYS, 7)
        ]
        PageFeedbackCount.objects.bulk_create(rows)
        feedback = len(rows)
        for index, text in enumerate(COMMENTS):
            if pages:
                PageFeedbackComment.objects.create(
                    page=pages[(index * 7) % len(pages)],
                    language="en",
                    day=today - timedelta(days=index * 5),
                    text=text,
                )
    # The demo's ideas are decided without the status machine's signal: their surveys (as
    # if sent on the day of the decision) are made here, without emails.
    decided = IdeaSubmission.objects.filter(decided_at__isnull=False, survey__isnull=True)
    SubmitterSurvey.objects.bulk_create(
        SubmitterSurvey(
            submission=idea,
            organisation_id=idea.organisation_id,
            decision=idea.status if idea.status in DECISIONS else Status.ACCEPTED,
            language=idea.language,
            sent_at=idea.decided_at,
        )
        for idea in decided.order_by("pk")
    )
    answered = 0
    unanswered = SubmitterSurvey.objects.filter(answered_at__isnull=True).order_by("pk")
    if not SubmitterSurvey.objects.filter(answered_at__isnull=False).exists():
        for survey, (fair, clear, fast) in zip(unanswered, SURVEY_ANSWERS, strict=False):
            survey.fair, survey.clear, survey.fast = fair, clear, fast
            survey.answered_at = survey.sent_at + timedelta(days=2)
            survey.save(update_fields=["fair", "clear", "fast", "answered_at"])
            answered += 1
    return {"page_view_days": views, "page_feedback_days": feedback, "surveys_answered": answered}
