from django.db.models.signals import post_save
from django.dispatch import receiver

from hub.access import ensure_partner_access

from .models import PartnerPage


@receiver(post_save, sender=PartnerPage)
def give_partner_editors_their_section(sender, instance, raw=False, **kwargs):
    if not raw:
        ensure_partner_access(instance)
