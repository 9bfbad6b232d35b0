"""Move the email relaying each contact request to its coach into the hub's one outbox
(``hub.OutboxEmail``, key ``coach-contact:<request id>``); ``0004`` then removes the relay
fields from ``ContactRequest``, whose admin reads the outbox instead.

Every request gets its row, relayed ones too (with no body): the admin shows each request's
relay status, date, attempts and error from it. A request still waiting, claimed or failed
keeps its status, attempts, error and next attempt, and its email is rendered now, as the
contact form renders it (``directory.emails.relay_content``), so the outbox's sweep
(``manage.py send_outbox``) sends it; a task the old code had queued fails once with an
ImportError in the worker and the sweep sends the email instead.

Reversible: going back writes the outbox's status onto the requests again.
"""

from django.conf import settings
from django.db import migrations

from directory.emails import relay_content

PURPOSE = "coach_contact"
RELAY_FIELDS = ("attempts", "last_error", "next_attempt_at", "sent_at")
BATCH = 500


def _hub_name(apps) -> str:
    HubSettings = apps.get_model("hub", "HubSettings")
    names = HubSettings.objects.filter(site__is_default_site=True).values_list("hub_name")
    return (names.first() or ("",))[0] or settings.WAGTAIL_SITE_NAME


def _address(coach) -> str:
    if coach.contact_email:
        return coach.contact_email
    return coach.user.email if coach.user_id and coach.user.email else ""


def copy_to_outbox(apps, schema_editor):
    ContactRequest = apps.get_model("directory", "ContactRequest")
    OutboxEmail = apps.get_model("hub", "OutboxEmail")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContactRequest.objects.exists():
        return  # a new database: nothing to move
    request_type = ContentType.objects.get_for_model(ContactRequest)
    hub_name = _hub_name(apps)
    done = set(
        OutboxEmail.objects.filter(purpose=PURPOSE, cause_type=request_type).values_list(
            "cause_id", flat=True
        )
    )
    requests = ContactRequest.objects.select_related("coach__user").order_by("pk")
    rows = []
    for contact in requests.iterator(chunk_size=BATCH):
        if contact.pk in done:
            continue
        row = OutboxEmail(
            key=f"coach-contact:{contact.pk}",
            purpose=PURPOSE,
            cause_type=request_type,
            cause_id=contact.pk,
            to=_address(contact.coach),
            reply_to=contact.email,
            language=settings.LANGUAGE_CODE,
            status=contact.relay_status,
            created_at=contact.created_at,
            updated_at=contact.updated_at,
            **{name: getattr(contact, name) for name in RELAY_FIELDS},
        )
        try:
            content = relay_content(contact, coach=contact.coach, hub_name=hub_name)
        except Exception as error:  # never stop an upgrade over one email
            row.subject = f"{contact.name} would like to talk to you"[:255]
            if contact.relay_status != "sent":
                row.status = "failed"
                row.last_error = f"Could not be rendered when moved to the outbox: {error!r}"
        else:
            row.subject = content.subject[:255]
            if contact.relay_status != "sent":  # a sent email keeps no body
                row.body, row.html_body = content.body, content.html_body
        rows.append(row)
    fields = [OutboxEmail._meta.get_field(name) for name in ("created_at", "updated_at")]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    try:
        # Keep the requests' own dates (the sweep and /health/ read them), not the upgrade's.
        for field in fields:
            field.auto_now = field.auto_now_add = False
        OutboxEmail.objects.bulk_create(rows, batch_size=BATCH)
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def copy_back(apps, schema_editor):
    ContactRequest = apps.get_model("directory", "ContactRequest")
    OutboxEmail = apps.get_model("hub", "OutboxEmail")
    ContentType = apps.get_model("contenttypes", "ContentType")
    request_type = ContentType.objects.get_for_model(ContactRequest)
    relays = OutboxEmail.objects.filter(purpose=PURPOSE, cause_type=request_type)
    for email in relays.iterator(chunk_size=BATCH):
        ContactRequest.objects.filter(pk=email.cause_id).update(
            relay_status=email.status,
            updated_at=email.updated_at,
            **{name: getattr(email, name) for name in RELAY_FIELDS},
        )
    relays.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0002_starting_skills_languages_offers"),
        ("hub", "0004_outbox_email"),
    ]

    operations = [migrations.RunPython(copy_to_outbox, copy_back)]
