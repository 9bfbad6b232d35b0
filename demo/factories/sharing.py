"""Factories for "Share your work": drafts, what was sent, and its files."""

from django.core.files.base import ContentFile
from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from sharing.models import ShareAttachment, ShareDraft, SharedWork, new_reference

from .hub import OrganisationFactory


class ShareDraftFactory(DjangoModelFactory):
    class Meta:
        model = ShareDraft

    data = factory.LazyFunction(dict)


class SharedWorkFactory(DjangoModelFactory):
    """What a member of staff sent; ``page`` (the case study draft) is left to the caller."""

    class Meta:
        model = SharedWork

    reference = factory.LazyFunction(new_reference)
    source_draft_key = factory.Sequence(lambda n: f"shared-draft-{n}")
    submitter_name = factory.Sequence(lambda n: f"Sam Sender{n}")
    submitter_email = factory.Sequence(lambda n: f"sender{n}@example.org")
    submitter_role = "Ward manager"
    organisation = factory.SubFactory(OrganisationFactory)
    publication_consent_at = factory.LazyFunction(timezone.now)


class ShareAttachmentFactory(DjangoModelFactory):
    class Meta:
        model = ShareAttachment

    shared = factory.SubFactory(SharedWorkFactory)
    file = factory.LazyAttribute(lambda o: ContentFile(b"%PDF-1.4\n%demo\n", name=o.original_name))
    original_name = factory.Sequence(lambda n: f"poster-{n}.pdf")
    content_type = "application/pdf"
    size = 15
