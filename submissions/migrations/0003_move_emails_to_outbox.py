"""Move the idea portal's emails (``OutgoingEmail``) into the hub's one outbox
(``hub.OutboxEmail``); ``0004`` then removes the old table.

Every row is copied, sent ones too: their keys keep the "never twice" promise (a digest
already sent this week, a status email already sent) and they are the record that an email
went. Waiting, claimed and failed rows keep their status, attempts, error and next attempt,
so the outbox's sweep (``manage.py send_outbox``) carries on where the old one stopped; a
task the old code had queued for one of them fails once with an ImportError in the worker
and the sweep sends the email instead. Dates are kept as they were.

Reversible: going back copies the outbox's idea-portal rows into ``OutgoingEmail`` again.
"""

from django.db import migrations

# The old keys start with the email's purpose; the outbox stores it in its own column.
PURPOSES = {
    "receipt": "idea_receipt",
    "huddle-new": "huddle_notice",
    "huddle-reply": "huddle_notice",
    "huddle-withdrawn": "huddle_notice",
    "status": "status_change",
    "message": "huddle_message",
    "mention": "mention",
    "digest": "digest",
    "continue": "continue_link",
}
COPIED_FIELDS = (
    "key",
    "to",
    "subject",
    "body",
    "html_body",
    "status",
    "attempts",
    "last_error",
    "next_attempt_at",
    "sent_at",
    "created_at",
    "updated_at",
)
BATCH = 500


def purpose_of(key: str) -> str:
    """The outbox purpose of an old key (``receipt:QI-7K4M-2Q`` → ``idea_receipt``)."""
    prefix = key.split(":", 1)[0]
    return PURPOSES.get(prefix, prefix[:32])


class keep_dates:
    """Let the copies keep their own ``created_at`` and ``updated_at``: the historical
    model's auto_now fields would otherwise stamp them with the time of the migration (the
    sweep and ``/health/`` read the dates)."""

    def __init__(self, model):
        self.fields = [model._meta.get_field(name) for name in ("created_at", "updated_at")]

    def __enter__(self):
        self.saved = [(field.auto_now, field.auto_now_add) for field in self.fields]
        for field in self.fields:
            field.auto_now = field.auto_now_add = False

    def __exit__(self, *exc):
        for field, (auto_now, auto_now_add) in zip(self.fields, self.saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def copy_to_outbox(apps, schema_editor):
    OutgoingEmail = apps.get_model("submissions", "OutgoingEmail")
    OutboxEmail = apps.get_model("hub", "OutboxEmail")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not OutgoingEmail.objects.exists():
        return  # a new database: nothing to move
    idea_type = ContentType.objects.get_for_model(apps.get_model("submissions", "IdeaSubmission"))
    done = set(OutboxEmail.objects.values_list("key", flat=True))
    with keep_dates(OutboxEmail):
        batch = []
        for email in OutgoingEmail.objects.order_by("pk").iterator(chunk_size=BATCH):
            if email.key in done:
                continue
            batch.append(
                OutboxEmail(
                    purpose=purpose_of(email.key),
                    cause_type=idea_type if email.submission_id else None,
                    cause_id=email.submission_id,
                    **{name: getattr(email, name) for name in COPIED_FIELDS},
                )
            )
            if len(batch) >= BATCH:
                OutboxEmail.objects.bulk_create(batch)
                batch = []
        OutboxEmail.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    OutgoingEmail = apps.get_model("submissions", "OutgoingEmail")
    OutboxEmail = apps.get_model("hub", "OutboxEmail")
    ContentType = apps.get_model("contenttypes", "ContentType")
    idea_type = ContentType.objects.get_for_model(apps.get_model("submissions", "IdeaSubmission"))
    ours = OutboxEmail.objects.filter(purpose__in=set(PURPOSES.values()))
    with keep_dates(OutgoingEmail):
        OutgoingEmail.objects.bulk_create(
            [
                OutgoingEmail(
                    submission_id=email.cause_id if email.cause_type_id == idea_type.pk else None,
                    **{name: getattr(email, name) for name in COPIED_FIELDS},
                )
                for email in ours.order_by("pk").iterator(chunk_size=BATCH)
            ],
            batch_size=BATCH,
        )
    ours.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("hub", "0004_outbox_email"),
        ("submissions", "0002_huddle_inbox"),
    ]

    operations = [migrations.RunPython(copy_to_outbox, copy_back)]
