from django.utils.text import slugify

from wagtail.models import Locale

import factory
from factory.django import DjangoModelFactory

from directory.emails import record_contact_relay
from directory.enums import Capacity, OfferKind, RequestedSupport, WorkingModeKind
from directory.models import CoachProfile, ContactRequest, Language, Offer, Skill, WorkingMode

from .hub import OrganisationFactory


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"QI skill {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "A quality-improvement skill or method."
    sort_order = factory.Sequence(int)
    locale = factory.LazyFunction(Locale.get_default)


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Language {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    code = factory.Sequence(lambda n: f"x{n}")
    sort_order = factory.Sequence(int)
    locale = factory.LazyFunction(Locale.get_default)


def _set_many(relation, values):
    if values is not None:
        relation.set(values)


class CoachProfileFactory(DjangoModelFactory):
    """A coach profile. Published (a live revision) unless ``publish=False``, which leaves a
    draft that was never live. Relations are passed as lists: ``skills=[...]``,
    ``offers=[OfferKind.COACHING]``, ``working_modes=[WorkingModeKind.ONLINE]``."""

    class Meta:
        model = CoachProfile
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    display_name = factory.Sequence(lambda n: f"Coach Tester {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.display_name))
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Improvement lead"
    bio = "I have coached ward teams through PDSA cycles and love a good run chart."
    area = ""
    capacity = Capacity.OPEN
    # Somewhere for contact requests to go (a profile taking requests must have one).
    contact_email = factory.LazyAttribute(
        lambda o: f"{slugify(o.display_name)}@coaches.example.org"
    )

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        _set_many(self.skills, extracted)

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        _set_many(self.priorities, extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        _set_many(self.languages, extracted)

    @factory.post_generation
    def offers(self, create, extracted, **kwargs):
        Offer.ensure_rows()
        kinds = [OfferKind.COACHING] if extracted is None else extracted
        self.offers.set(Offer.objects.filter(kind__in=kinds))

    @factory.post_generation
    def working_modes(self, create, extracted, **kwargs):
        WorkingMode.ensure_rows()
        kinds = [WorkingModeKind.ONLINE] if extracted is None else extracted
        self.working_modes.set(WorkingMode.objects.filter(kind__in=kinds))

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is False:
            self.live = False
            self.save()
            self.save_revision()
        else:
            self.save()
            self.save_revision().publish()


class ContactRequestFactory(DjangoModelFactory):
    """A stored request with its email to the coach recorded in the outbox, as the contact
    form does (``relay=False``: without it). Nothing is queued: the sweep, or a test, sends
    it."""

    class Meta:
        model = ContactRequest
        skip_postgeneration_save = True

    coach = factory.SubFactory(CoachProfileFactory)
    name = "Sam Requester"
    email = factory.Sequence(lambda n: f"requester{n}@example.org")
    organisation = "Riverside Primary Care Network"
    support_wanted = RequestedSupport.COACHING
    message = "We want to reduce missed appointments and would like some coaching."

    @factory.post_generation
    def relay(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            record_contact_relay(obj)
