"""What the views do to drafts and shared case studies, kept apart from HTTP.

:func:`submit_draft` is the one way a draft becomes a case study draft: in one transaction it
consumes the draft, writes the :class:`~sharing.models.SharedWork` record, adds an
unpublished :class:`~pages.models.CaseStudyPage` to the partner's section
(``pages.case_study_drafts``) with the measure filled in, moves the files to the record and
records the emails (the receipt and the editors' notice) in the outbox, which sends them
once, after the commit.
"""

import uuid
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator

from hub import drafts
from hub.models import Organisation, Priority
from pages.case_study_drafts import add_draft, section_for
from pages.enums import ImprovementDirection
from pages.models import CaseStudyPage
from pages.models.case_studies import CaseStudyMeasure

from . import emails
from .forms import YES
from .models import ShareDraft, SharedWork, new_reference
from .steps import STEPS


@dataclass
class Submitted:
    shared: SharedWork
    created: bool


def _rich(text: str) -> str:
    return linebreaks(escape(text.strip())) if text.strip() else ""


def _default_language(model, pk):
    """The default-language row of a taxonomy item chosen in any language."""
    row = model.objects.filter(pk=int(pk) if str(pk).isdigit() else 0).first()
    if row is None:
        return None
    return (
        model.objects.filter(
            translation_key=row.translation_key, locale__language_code="en"
        ).first()
        or row
    )


def build_page(answers: dict, organisation) -> CaseStudyPage:
    """The unsaved case study from the draft's answers (no email address, ever)."""
    about, work = answers["about-you"], answers["the-work"]
    measure, consent = answers.get("measures", {}), answers["consent"]
    named = consent.get("named_contact") == YES
    page = CaseStudyPage(
        title=work["title"],
        summary=Truncator(work["summary"]).chars(400),
        problem=_rich(work["problem"]),
        aim=work["aim"],
        results=_rich(work.get("results", "")),
        learning=_rich(work.get("lessons", "")),
        contact_organisation=organisation,
        contact_role=Truncator(f"{about['submitter_name']}, {about['submitter_role']}").chars(150)
        if named
        else "",
        owner=None,  # the partner's editors team looks after it (upkeep.ownership)
    )
    if work.get("what_you_did", "").strip():
        page.pdsa_cycles = [
            {
                "type": "cycle",
                "id": str(uuid.uuid4()),
                "value": {
                    "title": work["title"][:100],
                    "start_date": None,
                    "end_date": None,
                    "plan": "",
                    "do": work["what_you_did"],
                    "study": "",
                    "act": "",
                },
            }
        ]
    if measure.get("measure_data"):
        page.measures = [
            CaseStudyMeasure(
                name=measure["measure_name"],
                unit=measure.get("measure_unit", ""),
                direction=measure.get("measure_direction") or ImprovementDirection.NEITHER,
                data=measure["measure_data"],
            )
        ]
    page.organisations = [organisation] if organisation else []
    page.priorities = [
        found for pk in work.get("priorities", []) if (found := _default_language(Priority, pk))
    ]
    topics = _topics(work.get("topics", ""))
    if topics:
        page.topics.add(*topics)
    return page


def _topics(text: str) -> list[str]:
    return list(dict.fromkeys(t.strip()[:100] for t in (text or "").split(",") if t.strip()))


def submit_draft(draft_key: str, *, language: str) -> Submitted:
    """Turn the draft into a case study draft, once. A replay of the same draft key (a double
    click, a replayed POST) returns the record made the first time, ``created=False``."""

    def make(draft) -> Submitted:
        answers = draft.data
        about = answers["about-you"]
        organisation = _default_language(Organisation, about["organisation"])
        parent = section_for(organisation)
        page = build_page(answers, organisation)
        add_draft(page, parent=parent)
        now = timezone.now()
        shared = SharedWork.objects.create(
            reference=new_reference(),
            source_draft_key=draft.key,
            submitter_name=about["submitter_name"],
            submitter_email=about["submitter_email"],
            submitter_role=about["submitter_role"],
            organisation=organisation,
            page=page,
            named_contact=answers["consent"].get("named_contact") == YES,
            publication_consent_at=now,
            language=language,
            submitted_at=now,
        )
        draft.attachments.update(shared=shared, draft=None)
        draft.delete()
        emails.record_submitted(shared, parent=parent)
        return Submitted(shared, created=True)

    return drafts.submit(
        draft_key,
        drafts=ShareDraft.objects.all(),
        steps=STEPS,
        made=SharedWork.objects.all(),
        make=make,
        replay=lambda shared: Submitted(shared, created=False),
    )
