import datetime

from django.utils import timezone

import factory
import wagtail_factories

from pages.enums import (
    AdoptionStage,
    AttendanceMode,
    EventType,
    ImprovementDirection,
    MeasureType,
    ProjectStage,
    ResourceType,
    SessionKind,
)
from pages.models import (
    Adoption,
    CaseStudyIndexPage,
    CaseStudyMeasure,
    CaseStudyPage,
    CollaborativeIndexPage,
    CollaborativeMeasure,
    CollaborativePage,
    CollaborativeSession,
    CollaborativeTeamMeasure,
    CollaborativeTeamPage,
    EventPage,
    HomePage,
    PartnerIndexPage,
    PartnerPage,
    ProjectIndexPage,
    ProjectMeasure,
    ProjectPage,
    ProjectUpdate,
    ResourceIndexPage,
    ResourcePage,
    StandardPage,
    TrainingIndexPage,
)

from .hub import OrganisationFactory


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Improvement Hub"
    introduction = "Find case studies, resources, training and coaches, and share your ideas."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"About page {n}")
    introduction = "How the hub works and who runs it."


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnerIndexPage

    title = "Partners"
    slug = "partners"
    introduction = "The organisations that share their improvement work here."


class PartnerPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnerPage

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.LazyAttribute(lambda o: o.organisation.name)


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "Case studies"
    slug = "case-studies"


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "Resources"
    slug = "resources"


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Training and events"
    slug = "training"


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "A ward team tested a daily safety huddle and cut falls."
    problem = "<p>Falls were the most reported harm on the ward.</p>"
    aim = "Reduce falls by 30% in a year."

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)
            self.save()


class ResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "A template for planning a test of change."
    resource_type = ResourceType.TEMPLATE
    link_url = "https://example.org/resource"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Event {n}")
    summary = "An introduction to quality improvement."
    event_type = EventType.COURSE
    attendance = AttendanceMode.ONLINE
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))


class CaseStudyMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudyMeasure

    name = "Inpatient falls"
    measure_type = MeasureType.OUTCOME
    unit = "falls per 1,000 bed days"
    direction = ImprovementDirection.DOWN
    data = "2025-01-01, 6.1\n2025-02-01, 5.9\n2025-03-01, 6.4"


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    team = factory.Sequence(lambda n: f"Ward {n}")
    stage = AdoptionStage.DECISION
    contact_name = "Jo Bloggs"
    contact_email = factory.Sequence(lambda n: f"team{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)


class CollaborativeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CollaborativeIndexPage

    title = "Collaboratives"
    slug = "collaboratives"


class CollaborativePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CollaborativePage

    title = factory.Sequence(lambda n: f"Collaborative {n}")
    summary = "Ward teams from four organisations working together to reduce falls."
    aim = "Reduce inpatient falls by 30% on every ward taking part by March 2026."


class CollaborativeMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaborativeMeasure

    name = "Inpatient falls"
    measure_type = MeasureType.OUTCOME
    unit = "falls per 1,000 bed days"
    direction = ImprovementDirection.DOWN


class CollaborativeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaborativeSession

    kind = SessionKind.LEARNING_SESSION
    title = factory.Sequence(lambda n: f"Learning session {n}")
    start = datetime.date(2025, 4, 1)


class CollaborativeTeamPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CollaborativeTeamPage

    title = factory.Sequence(lambda n: f"Ward {n} team")
    organisation = factory.SubFactory(OrganisationFactory)
    summary = "A 28-bed older people's ward."
    aim = "Halve falls on the ward within a year."


class CollaborativeTeamMeasureFactory(CaseStudyMeasureFactory):
    """The same measure as a case study's (one ``MeasureBase``)."""

    class Meta:
        model = CollaborativeTeamMeasure


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectIndexPage

    title = "Projects in progress"
    slug = "projects"


class ProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "A ward team is testing a daily safety huddle to cut falls."
    aim = "Reduce falls by 30% by March."
    stage = ProjectStage.TESTING
    team = "Ward 7 nurses, the falls lead and two patient partners."


class ProjectMeasureFactory(CaseStudyMeasureFactory):
    """The same measure as a case study's (one ``MeasureBase``)."""

    class Meta:
        model = ProjectMeasure


class ProjectUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectUpdate

    date = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"Update {n}")
    body = "We ran the first test of change on one night shift."
