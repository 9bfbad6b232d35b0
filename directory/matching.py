"""Suggesting coaches for an idea: who fits the support it asks for, and why.

Independent of the submissions app: the huddle's inbox passes an idea's data as plain values.

Scoring, per live profile that is taking requests or has limited capacity (reason shown):

- 3 for each of the idea's priorities they know ("knows Frailty and ageing well");
- 3 for each skill that fits the support wanted, 1 for offering coaching or mentoring when
  coaching is wanted ("offers coaching, Measurement and SPC");
- 3 for working at one of the idea's organisations ("works at Riverside PCN"), or else 1 for
  working in the same sector ("works in the same sector (Local authority)");
- 2 for speaking the idea's language when it is not English ("speaks Polish");
- capacity: +1 taking requests ("taking requests"), -2 limited ("limited capacity").

Coaches "not taking requests now" are never suggested, and a coach must fit on at least one
count other than capacity. Equal scores are ordered by name, so the order is stable.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.enums import OrganisationType
from hub.models import Organisation

from .enums import Capacity, OfferKind
from .models import CoachProfile

# The support an idea can ask for (the values of ``submissions.enums.SupportWanted``) and
# the skills (slugs, see ``directory.taxonomy``) that provide it.
SUPPORT_SKILLS: dict[str, tuple[str, ...]] = {
    "coaching": ("model-for-improvement-and-pdsa", "process-mapping", "facilitation", "lean"),
    "data": ("measurement-and-spc", "data-and-analytics", "evaluation"),
    "digital": ("digital", "data-and-analytics"),
    "co_production": ("co-design-and-co-production", "facilitation"),
    "funding": ("evaluation",),
}
SUPPORT_OFFERS: dict[str, tuple[str, ...]] = {
    "coaching": (OfferKind.COACHING, OfferKind.MENTORING),
}
OFFER_NAMES = {
    OfferKind.COACHING: gettext_lazy("coaching"),
    OfferKind.MENTORING: gettext_lazy("mentoring"),
    OfferKind.GO_AND_SEE: gettext_lazy("a “go and see” visit"),
    OfferKind.TRAINING: gettext_lazy("training"),
}

SKILL_POINTS = 3
PRIORITY_POINTS = 3
SAME_ORGANISATION_POINTS = 3
SAME_SECTOR_POINTS = 1
LANGUAGE_POINTS = 2
OFFER_POINTS = 1
CAPACITY_POINTS = {Capacity.OPEN: 1, Capacity.LIMITED: -2}


@dataclass
class Suggestion:
    coach: CoachProfile
    score: int
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_text(self) -> str:
        """ "knows Frailty and ageing well; offers Measurement and SPC; taking requests" """
        return "; ".join(self.reasons)


def _ids(items) -> set[int]:
    return {getattr(item, "pk", item) for item in items or ()}


def suggest_coaches(
    *,
    support_wanted: Iterable[str] = (),
    priorities: Iterable = (),
    organisations: Iterable = (),
    language: str | None = None,
    limit: int = 5,
) -> list[Suggestion]:
    """The best ``limit`` live coaches for an idea, best first, each with its reasons.

    ``priorities`` and ``organisations`` are model instances or primary keys (the
    default-language objects an idea links to); ``support_wanted`` holds support values
    ("coaching", "data", "digital", "co_production", "funding"); ``language`` is an ISO 639
    code ("pl") or None. Six queries, however many coaches there are.
    """
    support_wanted = set(support_wanted or ())
    wanted_skills = {slug for key in support_wanted for slug in SUPPORT_SKILLS.get(key, ())}
    wanted_offers = {kind for key in support_wanted for kind in SUPPORT_OFFERS.get(key, ())}
    priority_ids = _ids(priorities)
    organisation_ids = _ids(organisations)
    organisation_types = set(
        Organisation.objects.filter(pk__in=organisation_ids)
        .exclude(organisation_type=OrganisationType.OTHER)
        .values_list("organisation_type", flat=True)
    )
    language = (language or "").lower()
    language_counts = language and language != settings.LANGUAGE_CODE

    coaches = (
        CoachProfile.objects.live()
        .with_public_capacity()
        # Not a coach with nowhere to send requests: the huddle would suggest a dead end.
        .exclude(public_capacity_value=Capacity.CLOSED)
        .select_related("organisation")
        .prefetch_related("skills", "priorities", "offers", "languages")
    )
    # Names often contain "and" themselves ("Measurement and SPC"): lists use commas only.
    suggestions = []
    for coach in coaches:
        score, reasons = 0, []

        known = [p for p in coach.priorities.all() if p.pk in priority_ids]
        if known:
            score += PRIORITY_POINTS * len(known)
            names = ", ".join(p.name for p in known)
            reasons.append(_("knows %(priorities)s") % {"priorities": names})

        offers = [o for o in coach.offers.all() if o.kind in wanted_offers]
        skills = [skill for skill in coach.skills.all() if skill.slug in wanted_skills]
        if skills or offers:
            score += OFFER_POINTS * len(offers) + SKILL_POINTS * len(skills)
            names = [str(OFFER_NAMES[o.kind]) for o in offers] + [s.name for s in skills]
            reasons.append(_("offers %(things)s") % {"things": ", ".join(names)})

        organisation = coach.organisation
        if organisation and organisation.pk in organisation_ids:
            score += SAME_ORGANISATION_POINTS
            reasons.append(_("works at %(organisation)s") % {"organisation": organisation.name})
        elif organisation and organisation.organisation_type in organisation_types:
            score += SAME_SECTOR_POINTS
            kind = organisation.get_organisation_type_display()
            reasons.append(_("works in the same sector (%(kind)s)") % {"kind": kind})

        if language_counts:
            spoken = [lang for lang in coach.languages.all() if lang.code.lower() == language]
            if spoken:
                score += LANGUAGE_POINTS
                reasons.append(_("speaks %(language)s") % {"language": spoken[0].name})

        if not reasons:
            continue  # nothing but capacity in their favour
        score += CAPACITY_POINTS.get(coach.capacity, 0)
        reasons.append(
            _("taking requests") if coach.capacity == Capacity.OPEN else _("limited capacity")
        )
        suggestions.append(Suggestion(coach=coach, score=score, reasons=reasons))

    suggestions.sort(key=lambda s: (-s.score, s.coach.display_name.lower(), s.coach.pk))
    return suggestions[:limit]
