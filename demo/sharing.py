""" "Share your work" in the demo: a case study that a district nurse sent without an
account, waiting as an unpublished draft in the community trust's section for its editors
(the editor's panel names who sent it; the receipt and the editors' notice are in the
outbox). Sent through the form's own steps and action (each step's form validates the
answers, ``sharing.actions.submit_draft`` makes the page and the record), so the demo shows
exactly what a real sending leaves. Idempotent: sent once, by its draft's key."""

from hub import drafts
from sharing import actions
from sharing.models import ShareDraft, SharedWork
from sharing.steps import STEPS

from .library import TRUST

DRAFT_KEY = "demo-shared-work-leg-ulcers"
# Sixteen months, eight before the clinic and eight after: enough for SPC limits and a shift.
MONTHS = [f"{year}-{month:02d}" for year in (2025, 2026) for month in range(1, 13)][:16]
WEEKS_TO_HEAL = [18.2, 19.1, 18.6, 17.9, 18.8, 19.4, 18.1, 18.5]
WEEKS_TO_HEAL += [16.1, 14.9, 13.8, 13.2, 12.8, 12.5, 12.9, 12.1]


def _answers(organisation) -> dict[str, dict]:
    return {
        "about-you": {
            "submitter_name": "Grace Owusu",
            "submitter_email": "grace.owusu@wuh.example",
            "organisation": str(organisation.pk),
            "submitter_role": "Tissue viability nurse specialist, Kingsmead Hospital",
            "website": "",
        },
        "the-work": {
            "title": "Leg ulcers healed sooner with a shared wound clinic",
            "summary": (
                "The hospital's tissue viability team, district nurses and practice nurses "
                "ran one weekly leg ulcer clinic with compression therapy from the first "
                "visit. Healing time fell from 18 to 12 weeks."
            ),
            "problem": (
                "People with leg ulcers were seen at home by district nurses and at their "
                "practice by practice nurses, with different dressings and no compression "
                "until a Doppler test weeks later. Many took more than four months to heal."
            ),
            "aim": "Halve the weeks it takes to heal a venous leg ulcer by April 2026.",
            "what_you_did": (
                "One weekly clinic shared by the three teams, a Doppler test at the first visit, "
                "compression started the same day, and one dressing formulary."
            ),
            "results": (
                "Average weeks to heal fell from about 18.5 to 12.1 in the clinic's first "
                "eight months."
            ),
            "lessons": (
                "Patients came to a clinic when transport was arranged; the formulary saved "
                "more nurse time than we expected."
            ),
            "topics": "leg ulcers, wound care, community nursing",
        },
        "measures": {
            "measure_name": "Average weeks to heal a venous leg ulcer",
            "measure_unit": "weeks",
            "measure_direction": "down",
            "measure_data": "\n".join(
                f"{month}-01, {value}" for month, value in zip(MONTHS, WEEKS_TO_HEAL, strict=True)
            ),
        },
        "files": {},
        "consent": {
            "publication_consent": "on",
            "named_contact": "yes",
            "privacy_consent": "on",
        },
    }


def seed_sharing(organisations) -> dict[str, int]:
    if not SharedWork.objects.filter(source_draft_key=DRAFT_KEY).exists():
        answers = _answers(organisations[TRUST])
        draft = ShareDraft(key=DRAFT_KEY, email=answers["about-you"]["submitter_email"])
        for step in STEPS:
            form = step.form_class(answers[step.slug], draft=draft)
            if not form.is_valid():
                raise ValueError(f"demo answers to {step.slug}: {form.errors.as_json()}")
            drafts.save_step(draft, step.slug, form.to_draft(), [])
        actions.submit_draft(DRAFT_KEY, language="en")
    return {"shared_work": SharedWork.objects.count()}
