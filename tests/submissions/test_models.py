"""References, status-page tokens and the named predicates over ideas."""

import re

import pytest

from demo.factories import IdeaSubmissionFactory
from submissions import models
from submissions.enums import Core20, PlusGroup, Status, SubmitterType
from submissions.models import IdeaSubmission, hash_token, new_reference

REFERENCE = re.compile(
    r"^QI-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{2}$"
)


def test_references_are_short_and_unambiguous():
    references = {new_reference() for _ in range(2000)}
    assert all(REFERENCE.match(reference) for reference in references)
    assert not any(set(reference[3:]) & set("0O1I") for reference in references)
    assert len(references) > 1990  # random, not sequential


@pytest.mark.django_db
def test_a_reference_already_used_is_never_issued_again(monkeypatch):
    IdeaSubmissionFactory(reference="QI-AAAA-AA")
    issued = iter(["QI-AAAA-AA", "QI-AAAA-AA", "QI-BBBB-BB"])
    monkeypatch.setattr(models, "new_reference", lambda: next(issued))
    assert IdeaSubmission.unused_reference() == "QI-BBBB-BB"


@pytest.mark.django_db
def test_references_are_unique_in_the_database():
    from django.db import IntegrityError, transaction

    IdeaSubmissionFactory(reference="QI-CCCC-CC")
    with pytest.raises(IntegrityError), transaction.atomic():
        IdeaSubmissionFactory(reference="QI-CCCC-CC")


@pytest.mark.django_db
def test_only_a_hash_of_the_status_token_is_stored():
    submission = IdeaSubmissionFactory()
    token = submission.issue_status_token()
    submission.refresh_from_db()
    assert len(token) >= 43
    assert token not in submission.status_token_hash
    assert submission.status_token_hash == hash_token(token)
    assert IdeaSubmission.for_status_token(token) == submission
    assert IdeaSubmission.for_status_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert IdeaSubmission.for_status_token("") is None
    assert IdeaSubmission.for_status_token("x" * 500) is None


# Named predicates ---------------------------------------------------------------------


@pytest.mark.django_db
def test_named_predicates_say_which_ideas_count():
    plain = IdeaSubmissionFactory(core20=Core20.NOT_SURE)
    deprived = IdeaSubmissionFactory(core20=Core20.YES, submitter_type=SubmitterType.CARER)
    unsure = IdeaSubmissionFactory(plus_groups=[PlusGroup.NOT_SURE.value])
    clinical = IdeaSubmissionFactory(child_clinical_areas=["asthma"], status=Status.DECLINED)
    waiting = IdeaSubmissionFactory(status=Status.MORE_INFO_REQUESTED)
    ideas = IdeaSubmission.objects
    assert set(ideas.addressing_core20plus5()) == {deprived, clinical}
    assert set(ideas.from_citizens()) == {deprived}
    assert clinical not in ideas.open() and clinical in ideas.closed()
    assert set(ideas.awaiting_decision()) == {plain, deprived, unsure}
    assert waiting in ideas.open()
