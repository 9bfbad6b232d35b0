"""Demo content for a fictional health and care system, "Wealdshire".

Synthetic but realistic: the organisations, people and places are invented. Everything is
created through the test factories, and every step looks for what exists first, so running
``seed_demo`` again keeps all data (including editors' changes) and creates no duplicates.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import NoReverseMatch, reverse, translate_url

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    SegmentOverride,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from hub import access, links
from hub.demo_translations import TRANSLATED_PAGES, strings_for
from hub.enums import OrganisationType
from hub.models import HubSettings, Organisation, Priority, Topic
from pages.models import HomePage, HomePageFeaturedItem, PartnerPage
from tests.factories import (
    OrganisationFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    PriorityFactory,
    StandardPageFactory,
    TopicFactory,
    UserFactory,
)

DEMO_PASSWORD = "improve-together"  # noqa: S105 - development only, see demo_passwords()

ORGANISATIONS = [
    (
        "Wealdshire Integrated Care Board",
        OrganisationType.ICB,
        "Plans and buys health services for the 1.1 million people of Wealdshire and leads "
        "the system's improvement approach.",
    ),
    (
        "Wealdshire University Hospitals NHS Foundation Trust",
        OrganisationType.NHS_TRUST,
        "Runs the county's two acute hospitals, Kingsmead and Eastbridge.",
    ),
    (
        "Wealdshire Community and Mental Health NHS Trust",
        OrganisationType.NHS_TRUST,
        "Community nursing, therapies and mental health services across the county.",
    ),
    (
        "Riverside Primary Care Network",
        OrganisationType.PRIMARY_CARE,
        "Seven GP practices serving 62,000 patients along the Wey valley.",
    ),
    (
        "Wealdshire County Council",
        OrganisationType.LOCAL_AUTHORITY,
        "Adult social care, public health and children's services.",
    ),
    (
        "Wealdshire Carers Network",
        OrganisationType.VOLUNTARY,
        "A charity run by and for unpaid carers, with 3,000 members.",
    ),
    (
        "Healthwatch Wealdshire",
        OrganisationType.OTHER,
        "The independent champion for people who use health and social care services.",
    ),
]

PRIORITIES = [
    (
        "Stroke",
        "Faster recognition, thrombolysis and rehabilitation closer to home.",
    ),
    (
        "Patient safety (PSIRF)",
        "Learning from incidents under the Patient Safety Incident Response Framework.",
    ),
    (
        "Core20PLUS5 and health inequalities",
        "Closing gaps for the most deprived 20% and our PLUS groups across five clinical areas.",
    ),
    (
        "Frailty and ageing well",
        "Keeping older people well at home, with joined-up community and hospital care.",
    ),
    (
        "Children and young people's mental health",
        "Earlier help, shorter waits and support in schools and communities.",
    ),
    (
        "Urgent and emergency care flow",
        "Timely discharge and fewer long waits in emergency departments.",
    ),
]

TOPICS = ["falls", "sepsis", "discharge", "medicines safety", "co-production", "PDSA"]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    group: str | None = None
    organisation: str | None = None
    superuser: bool = False


DEMO_USERS = [
    DemoUser("admin", "Alex", "Admin", "superuser: everything", superuser=True),
    DemoUser("hub.editor", "Priya", "Shah", "hub editor: publishes anywhere", access.HUB_EDITORS),
    DemoUser(
        "trust.editor",
        "Tom",
        "Okafor",
        "partner editor: Wealdshire University Hospitals",
        organisation="Wealdshire University Hospitals NHS Foundation Trust",
    ),
    DemoUser(
        "council.editor",
        "Gwen",
        "Morgan",
        "partner editor: Wealdshire County Council",
        organisation="Wealdshire County Council",
    ),
    DemoUser("huddle.member", "Femi", "Adeyemi", "huddle member", access.HUDDLE_MEMBERS),
    DemoUser("huddle.chair", "Ruth", "Ellison", "chair of the huddle", access.HUDDLE_MEMBERS),
    DemoUser("coach", "Hannah", "Lowe", "QI coach", access.COACHES),
    DemoUser("mentor", "Kasia", "Nowak", "QI mentor", access.COACHES),
]

STANDARD_PAGES = [
    (
        "about",
        "About the hub",
        "The Wealdshire Improvement Hub is where the partners of our health and care system "
        "share what works, find training and coaches, and bring ideas to the Design "
        "Collaborative Huddle.",
        [
            ("heading", {"heading": "Who runs it", "level": "h2"}),
            (
                "paragraph",
                "<p>The hub is run by the partners of the Wealdshire Health and Care "
                "Partnership: NHS trusts, the integrated care board, primary care networks, "
                "the county council and voluntary and community organisations. Each partner "
                "publishes its own case studies, resources and events.</p>",
            ),
            ("heading", {"heading": "The Design Collaborative Huddle", "level": "h2"}),
            (
                "paragraph",
                "<p>Every week a huddle of people from quality improvement, research, clinical "
                "audit, digital, organisational development and people with lived experience "
                "reads the ideas submitted to the hub. They coach each idea using the Model "
                "for Improvement and route it to one provider or to an integrated project "
                "across providers.</p>",
            ),
            (
                "inset_text",
                {
                    "body": "<p>Anyone can bring an idea: staff from any partner, "
                    "patients, carers and members of the public.</p>"
                },
            ),
        ],
        True,
    ),
    (
        "accessibility-statement",
        "Accessibility statement",
        "We want as many people as possible to be able to use this website.",
        [
            (
                "paragraph",
                "<p>This website is run by the Wealdshire Health and Care Partnership. You "
                "should be able to change colours, contrast levels and fonts, zoom in up to "
                "400% without the text spilling off the screen, navigate the whole website "
                "using just a keyboard or speech recognition software, and listen to it "
                "using a screen reader.</p>",
            ),
            ("heading", {"heading": "Compliance status", "level": "h2"}),
            (
                "paragraph",
                "<p>We aim to meet the Web Content Accessibility Guidelines version 2.2 AA "
                "standard. Every public page is checked automatically with axe-core before "
                "each release.</p>",
            ),
            ("heading", {"heading": "Reporting accessibility problems", "level": "h2"}),
            (
                "paragraph",
                "<p>If you find a problem not listed on this page, tell the hub team through "
                "the contact details in the footer and we will reply within 5 working "
                "days.</p>",
            ),
        ],
        False,
    ),
    (
        "privacy-notice",
        "Privacy notice",
        "How the hub uses the personal information you give it.",
        [
            (
                "paragraph",
                "<p>When you submit an idea or contact a coach, we keep your name, email "
                "address and what you tell us so that the Design Collaborative Huddle can "
                "reply and support your idea. Your personal details are never published and "
                "are seen only by the huddle members or the coach you contact.</p>",
            ),
            ("heading", {"heading": "How long we keep it", "level": "h2"}),
            (
                "paragraph",
                "<p>Ideas are kept while they are being supported and for two years after; "
                "you can ask for your data to be deleted at any time.</p>",
            ),
        ],
        False,
    ),
]


def demo_passwords() -> bool:
    """Demo accounts get a known password only in development settings."""
    return getattr(settings, "HUB_DEMO_PASSWORDS", False)


def _publish(page, user=None):
    page.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    return page


def ensure_locales() -> list[Locale]:
    return [
        Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


def ensure_organisations() -> dict[str, Organisation]:
    return {
        name: OrganisationFactory(name=name, organisation_type=kind, summary=summary)
        for name, kind, summary in ORGANISATIONS
    }


def ensure_priorities() -> list[Priority]:
    return [
        PriorityFactory(name=name, description=description, sort_order=index)
        for index, (name, description) in enumerate(PRIORITIES)
    ]


def ensure_topics() -> list[Topic]:
    return [TopicFactory(name=name) for name in TOPICS]


def ensure_users(organisations) -> dict[str, object]:
    User = get_user_model()
    users = {}
    for demo in DEMO_USERS:
        user = User.objects.filter(username=demo.username).first()
        if user is None:
            user = UserFactory(
                username=demo.username,
                first_name=demo.first_name,
                last_name=demo.last_name,
                email=f"{demo.username}@wealdshire.example",
                is_superuser=demo.superuser,
                is_staff=demo.superuser,
                password=DEMO_PASSWORD if demo_passwords() else None,
            )
        if demo.group:
            user.groups.add(Group.objects.get(name=demo.group))
        if demo.organisation:
            group = organisations[demo.organisation].editors_group
            if group:
                user.groups.add(group)
        users[demo.username] = user
    return users


def _child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def ensure_pages(home, organisations, admin):
    pages = {}
    for slug, title, introduction, body, in_menu in STANDARD_PAGES:
        page = _child_by_slug(home, slug)
        if page is None:
            page = StandardPageFactory.build(
                slug=slug,
                title=title,
                introduction=introduction,
                body=body,
                show_in_menus=in_menu,
                listing_summary=introduction,
            )
            home.add_child(instance=page)
            if slug == "about":
                page.topics.add("co-production")
                page.save()
            _publish(page, admin)
        pages[slug] = page

    partner_index = _child_by_slug(home, "partners")
    if partner_index is None:
        partner_index = PartnerIndexPageFactory(
            parent=home,
            title="Our partners",
            show_in_menus=True,
            listing_summary="The organisations that share their improvement work on the hub.",
        )
        _publish(partner_index, admin)
    pages["partners"] = partner_index

    for organisation in organisations.values():
        partner = PartnerPage.objects.filter(organisation=organisation, locale=home.locale).first()
        if partner is None:
            partner = PartnerPageFactory(
                parent=partner_index,
                organisation=organisation,
                title=organisation.name,
                listing_summary=organisation.summary,
            )
            _publish(partner, admin)

    trust = PartnerPage.objects.get(
        organisation=organisations["Wealdshire University Hospitals NHS Foundation Trust"],
        locale=home.locale,
    )
    if _child_by_slug(trust, "improvement-at-kingsmead") is None:
        page = StandardPageFactory(
            parent=trust,
            slug="improvement-at-kingsmead",
            title="Improvement at Kingsmead and Eastbridge",
            introduction="How our hospital teams test changes, and how to join in.",
            listing_summary="How our hospital teams test changes, and how to join in.",
            body=[
                (
                    "paragraph",
                    "<p>Our ward teams run weekly improvement huddles. Each team chooses one "
                    "measure that matters to patients, such as falls per 1,000 bed days, and "
                    "tests small changes using PDSA cycles.</p>",
                ),
            ],
        )
        page.topics.add("falls", "PDSA")
        page.save()
        _publish(page, admin)
    return pages


def _calls_to_action(pages):
    actions = []
    if "case-studies" in pages:
        actions.append(
            ("action_link", {"text": "Browse case studies", "internal_page": pages["case-studies"]})
        )
    for url_name, text in [
        ("submissions:start", "Submit an improvement idea"),
        ("directory:index", "Find a QI coach or mentor"),
    ]:
        try:
            actions.append(("action_link", {"text": text, "external_url": reverse(url_name)}))
        except NoReverseMatch:
            continue
    actions.append(
        ("action_link", {"text": "How the huddle works", "internal_page": pages["about"]})
    )
    actions.append(("action_link", {"text": "Our partners", "internal_page": pages["partners"]}))
    return actions


def ensure_home(home, pages, admin):
    if home.introduction:
        return home  # already seeded, or written by an editor: leave it alone
    home.title = "Wealdshire Improvement Hub"
    home.draft_title = home.title
    home.introduction = (
        "Find case studies, resources, training and QI coaches from across the Wealdshire "
        "health and care system, and bring your ideas to the Design Collaborative Huddle."
    )
    home.priorities_introduction = (
        "Ideas and case studies line up with the priorities all our partners have agreed."
    )
    home.calls_to_action = _calls_to_action(pages)
    featured = [
        page
        for slug in ("halving-inpatient-falls", "carers-passport", "stroke-door-to-needle")
        if (page := Page.objects.filter(slug=slug, locale=home.locale).first())
    ] or [pages["about"], pages["partners"]]
    home.featured_items = [HomePageFeaturedItem(page=page) for page in featured]
    home.save()
    return _publish(home, admin)


def ensure_settings(site, pages):
    hub_settings = HubSettings.for_site(site)
    if hub_settings.host_organisation_name:
        return hub_settings
    hub_settings.hub_name = "Wealdshire Improvement Hub"
    hub_settings.host_organisation_name = "Wealdshire Health and Care Partnership"
    hub_settings.huddle_contact_email = "huddle@wealdshire.example"
    hub_settings.privacy_contact = (
        "Data Protection Officer, Wealdshire Integrated Care Board, dpo@wealdshire.example"
    )
    hub_settings.accessibility_page = pages["accessibility-statement"]
    hub_settings.privacy_page = pages["privacy-notice"]
    hub_settings.save()
    return hub_settings


def translate_page(page, locale, strings, user=None):
    """Translate ``page`` into ``locale`` with wagtail-localize, filling the given strings,
    and publish it: what an editor does with "Translate this page", the translation editor
    and "Publish in <language>".

    Strings without a translation fall back to the source text, as wagtail-localize does
    for a translation in progress. Links to the hub's own non-page URLs (``/coaches/``)
    are pointed at the same URL in the translation's language.
    """
    if page.has_translation(locale):
        return page.get_translation(locale)
    translate_object(page, [locale], user=user)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.get(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string", "context"):
        target = strings.get(segment.string.data)
        if target:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": target},
            )
    for segment in source.overridablesegment_set.select_related("context"):
        url = segment.data_json and json.loads(segment.data_json)
        if isinstance(url, str) and url.startswith("/"):
            SegmentOverride.objects.update_or_create(
                locale=locale,
                context=segment.context,
                defaults={"data_json": json.dumps(translate_url(url, locale.language_code))},
            )
    translation.save_target(user=user, publish=True)
    return page.get_translation(locale)


def _repair_child_counts():
    """wagtail-localize publishes translations when the transaction commits, from revisions
    that hold the page as it was when translated: a translated parent created in the same
    transaction as its translated children is saved back with ``numchild=0``. Recount."""
    for page in Page.objects.filter(depth__gt=1).exclude(locale=Locale.get_default()):
        count = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if page.numchild != count:
            Page.objects.filter(pk=page.pk).update(numchild=count)


def ensure_translations(home, locales, user=None) -> int:
    """Polish and Urdu (whichever are offered) for the home page, the pages that lead to the
    idea form, and a few case studies (``hub.demo_translations``). Returns how many
    translated pages exist."""
    count = 0
    for locale in locales:
        if locale.language_code == settings.LANGUAGE_CODE:
            continue
        for slug in TRANSLATED_PAGES:
            page = (
                home
                if slug == "home"
                else Page.objects.filter(slug=slug, locale=home.locale).first()
            )
            if page is None:
                continue  # seed(library=False): no case studies
            strings = strings_for(slug, locale.language_code)
            if strings:
                translate_page(page.specific, locale, strings, user=user)
                count += 1
    # Runs after wagtail-localize's own on-commit publishing (callbacks run in order).
    transaction.on_commit(_repair_child_counts)
    return count


@transaction.atomic
def seed(*, library=True):
    """Load the demo content. ``library=False`` skips the case studies, resources and events
    (tests of the site's frame do not need them).

    Search indexes are brought up to date once at the end, not on every save: a seed saves
    most objects several times.
    """
    from search.signals import indexing_deferred

    with indexing_deferred():
        return _seed(library=library)


def _seed(*, library):
    locales = ensure_locales()
    default_locale = Locale.get_default()
    access.sync_access()
    organisations = ensure_organisations()
    priorities = ensure_priorities()
    ensure_topics()
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()

    home = HomePage.objects.get(depth=2, locale=default_locale)
    pages = ensure_pages(home, organisations, admin)
    if library:
        from pages.demo import seed_library

        counts = seed_library(home, organisations, priorities, admin)
        pages["case-studies"], pages["resources"], pages["training"] = counts.pop("indexes")
    else:
        counts = {"case_studies": 0, "resources": 0, "events": 0}
    home = ensure_home(home, pages, admin)
    # Links in the demo's emails and API use HUB_BASE_URL (migrate syncs the Site too).
    links.sync_default_site()
    site = Site.objects.get(is_default_site=True)
    ensure_settings(site, pages)

    # Partner pages exist now, so the organisations' editor groups do too.
    for organisation in organisations.values():
        organisation.refresh_from_db()
    users = ensure_users(organisations)
    from directory.demo import seed_directory
    from submissions.demo import seed_submissions

    counts.update(seed_directory(organisations, priorities))
    seed_submissions()

    translated = ensure_translations(home, locales, user=users["admin"])
    return {
        **counts,
        "organisations": len(organisations),
        "priorities": Priority.objects.filter(locale=default_locale).count(),
        "pages": Page.objects.filter(depth__gt=1).count(),
        "users": len(users),
        "translations": translated,
    }
