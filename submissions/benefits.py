"""Benefits of accepted ideas: which ideas may record them, which are due for review (and the
huddle's reminder, once per benefit and review date), and the open summary across the system.

The huddle records an idea's expected benefits once it has accepted it, and the realised ones
at review (``submissions.huddle.views.benefits``). The open summary (``/benefits/``) adds
them up by kind: counts and amounts only, never an idea's submitter, never a single idea's
figures on their own.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from hub.models import OutboxEmail

from . import emails
from .enums import BENEFIT_UNITS, BenefitKind, Status
from .models import Benefit

# Where an idea may be for the huddle to record its benefits: it has been taken on.
BENEFIT_STATUSES = (Status.ACCEPTED, Status.IN_COACHING, Status.COMPLETED)


def may_record_benefits(submission) -> bool:
    return submission.status in BENEFIT_STATUSES


def counted():
    """The benefits the open summary counts: those of ideas the huddle has taken on."""
    return Benefit.objects.filter(submission__status__in=BENEFIT_STATUSES)


@dataclass
class KindSummary:
    kind: BenefitKind
    ideas: int
    benefits: int
    realised: int
    expected_amount: Decimal
    realised_amount: Decimal

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def unit(self) -> str:
        return str(BENEFIT_UNITS[self.kind])


def summary() -> list[KindSummary]:
    """Each kind of benefit across the system, in one query."""
    rows = {
        row["kind"]: row
        for row in counted()
        .values("kind")
        .annotate(
            ideas=Count("submission", distinct=True),
            benefits=Count("pk"),
            realised=Count("pk", filter=Q(reviewed_at__isnull=False)),
            expected_amount=Sum("expected_amount"),
            realised_amount=Sum("realised_amount"),
        )
    }
    result = []
    for kind in BenefitKind:
        row = rows.get(kind.value, {})
        result.append(
            KindSummary(
                kind=kind,
                ideas=row.get("ideas", 0),
                benefits=row.get("benefits", 0),
                realised=row.get("realised", 0),
                expected_amount=row.get("expected_amount") or Decimal(0),
                realised_amount=row.get("realised_amount") or Decimal(0),
            )
        )
    return result


def due_for_review(today=None):
    """Benefits whose review date has come and whose realised benefit is not recorded yet."""
    today = today or timezone.localdate()
    return Benefit.objects.filter(review_date__lte=today, reviewed_at__isnull=True)


def reminder_key(benefit: Benefit) -> str:
    # A new review date is a new reminder; the same date never reminds twice.
    return f"benefit-review:{benefit.pk}:{benefit.review_date.isoformat()}"


def send_review_reminders(today=None) -> list[Benefit]:
    """Remind the huddle of each benefit due for review, once per benefit and review date;
    the benefits reminded now."""
    due = list(due_for_review(today).select_related("submission").order_by("review_date", "pk"))
    sent = set(
        OutboxEmail.objects.filter(key__in=[reminder_key(b) for b in due]).values_list(
            "key", flat=True
        )
    )
    reminded = []
    for benefit in due:
        if reminder_key(benefit) in sent:
            continue
        with transaction.atomic():
            if emails.record_benefit_review(benefit, key=reminder_key(benefit)):
                reminded.append(benefit)
    return reminded
