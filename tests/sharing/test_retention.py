"""The scheduled purge deletes "Share your work"'s continue-later emails once the link in
them would have expired, as it does the idea form's."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from demo.factories import OutboxEmailFactory
from hub.enums import EmailPurpose
from hub.models import OutboxEmail
from sharing.models import ShareDraft

pytestmark = pytest.mark.django_db


def test_old_continue_links_are_purged_and_fresh_ones_kept(settings):
    settings.SHARING_DRAFT_EXPIRY_DAYS = 10
    settings.SUBMISSIONS_DRAFT_EXPIRY_DAYS = 30  # the idea form's period does not apply
    draft = ShareDraft.objects.create(email="asha.patel@kingsmead.example")
    old, fresh = (
        OutboxEmailFactory(purpose=EmailPurpose.SHARE_CONTINUE_LINK, cause=draft) for _ in range(2)
    )
    OutboxEmail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=11))
    OutboxEmail.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - timedelta(days=9))

    call_command("purge_personal_data", stdout=StringIO())

    assert list(OutboxEmail.objects.all()) == [fresh]
    assert ShareDraft.objects.get() == draft  # the draft lives on until it expires
