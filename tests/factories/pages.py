import factory
import wagtail_factories

from pages.models import HomePage, PartnerIndexPage, PartnerPage, StandardPage

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
