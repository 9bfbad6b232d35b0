from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureType(models.TextChoices):
    OUTCOME = "outcome", _("Outcome measure")
    PROCESS = "process", _("Process measure")
    BALANCING = "balancing", _("Balancing measure")


class ImprovementDirection(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")
    NEITHER = "neither", _("Neither: watch for change")


class ResourceType(models.TextChoices):
    TEMPLATE = "template", _("Template")
    GUIDE = "guide", _("Guide")
    TOOL = "tool", _("Tool")
    VIDEO = "video", _("Video")
    DATA = "data", _("Data source")
    OTHER = "other", _("Other")


class EventType(models.TextChoices):
    COURSE = "course", _("Training course")
    LEARNING_EVENT = "learning_event", _("Learning event")
    HUDDLE = "huddle", _("Huddle open to all")
    GO_AND_SEE = "go_and_see", _("“Go and see” visit")


class AttendanceMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Online and in person")


class AdoptionStage(models.TextChoices):
    """How far spread has got in a team or place, after Rogers' stages of adoption: heard of
    it, interested, decided to try it, then adopted it as it is or adapted it to fit."""

    AWARENESS = "awareness", _("Aware of it")
    INTEREST = "interest", _("Interested in it")
    DECISION = "decision", _("Decided to try it")
    ADOPTED = "adopted", _("Adopted it")
    ADAPTED = "adapted", _("Adapted it")

    @classmethod
    def reached(cls) -> tuple[str, ...]:
        """The stages at which the work is in use: adopted or adapted."""
        return (cls.ADOPTED, cls.ADAPTED)


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SessionKind(models.TextChoices):
    """The stages of a Breakthrough Series collaborative's timeline."""

    LEARNING_SESSION = "learning_session", _("Learning session")
    ACTION_PERIOD = "action_period", _("Action period")
    SUMMIT = "summit", _("Summit")


class ProjectStage(models.TextChoices):
    """Where a project in progress is, in the Model for Improvement's terms."""

    PLANNING = "planning", _("Planning")
    TESTING = "testing", _("Testing changes")
    IMPLEMENTING = "implementing", _("Implementing")
    SUSTAINING = "sustaining", _("Sustaining and spreading")
    ENDED = "ended", _("Ended")
