from django.contrib.auth import get_user_model
from django.utils.text import slugify

from wagtail.models import Locale

import factory
from factory.django import DjangoModelFactory

from hub.enums import EmailPurpose, OrganisationType, PlaceKind
from hub.models import Organisation, OutboxEmail, Place, Priority, Topic


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Wealdshire Partner Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    organisation_type = OrganisationType.NHS_TRUST
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org/")
    summary = "A partner of the Wealdshire health and care system."
    locale = factory.LazyFunction(Locale.get_default)


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Wealdshire Place {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = PlaceKind.NEIGHBOURHOOD
    parent = None
    locale = factory.LazyFunction(Locale.get_default)


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"System priority {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "A priority agreed by the partners of the integrated care system."
    sort_order = factory.Sequence(int)
    locale = factory.LazyFunction(Locale.get_default)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(Locale.get_default)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    is_active = True

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        if extracted:
            self.set_password(extracted)
        else:
            self.set_unusable_password()
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class OutboxEmailFactory(DjangoModelFactory):
    """An email waiting in the outbox (not queued: the sweep, or a test, sends it)."""

    class Meta:
        model = OutboxEmail

    key = factory.Sequence(lambda n: f"test:{n}")
    purpose = EmailPurpose.HUDDLE_NOTICE
    to = "someone@example.org"
    subject = "A subject"
    body = "A body"
