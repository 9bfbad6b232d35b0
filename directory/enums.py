"""Choices for the coach directory. The values are stored; the labels are shown and translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferKind(models.TextChoices):
    """What a coach offers. Each value is also one row of ``directory.Offer``, so profiles
    link to offers through a plain many-to-many and the directory can filter on them."""

    COACHING = "coaching", _("Coaching a team through an improvement project")
    MENTORING = "mentoring", _("Mentoring a new QI lead")
    GO_AND_SEE = "go_and_see", _("Hosting a “go and see” visit")
    TRAINING = "training", _("Teaching a method")


class WorkingModeKind(models.TextChoices):
    """How a coach meets people. Each value is one row of ``directory.WorkingMode``: a coach
    who works both ways links to both rows, so they appear under either filter."""

    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class Capacity(models.TextChoices):
    OPEN = "open", _("Taking new requests")
    LIMITED = "limited", _("Limited capacity")
    CLOSED = "closed", _("Not taking requests now")


class RequestedSupport(models.TextChoices):
    """What a visitor asks a coach for on the contact form: one of the coach's offers."""

    COACHING = OfferKind.COACHING.value, _("Coaching for our improvement project")
    MENTORING = OfferKind.MENTORING.value, _("Mentoring")
    GO_AND_SEE = OfferKind.GO_AND_SEE.value, _("A “go and see” visit")
    TRAINING = OfferKind.TRAINING.value, _("Training in a method")
    NOT_SURE = "not_sure", _("Not sure yet: I would like to talk it through")
