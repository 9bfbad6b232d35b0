"""The site's frame: home page, standard pages (about, accessibility, privacy), the partner
index with one section per organisation, and the site settings."""

from django.urls import NoReverseMatch, reverse

from wagtail.models import Page

from demo.factories import PartnerIndexPageFactory, PartnerPageFactory, StandardPageFactory
from hub.models import HubSettings
from pages.models import HomePageFeaturedItem, PartnerPage

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


def publish(page, user=None):
    """Publish ``page``'s current state, without an audit-log entry per page."""
    page.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    return page


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
            publish(page, admin)
        pages[slug] = page

    partner_index = _child_by_slug(home, "partners")
    if partner_index is None:
        partner_index = PartnerIndexPageFactory(
            parent=home,
            title="Our partners",
            show_in_menus=True,
            listing_summary="The organisations that share their improvement work on the hub.",
        )
        publish(partner_index, admin)
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
            publish(partner, admin)

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
        publish(page, admin)
    return pages


def _calls_to_action(pages):
    actions = []
    if "case-studies" in pages:
        actions.append(
            ("action_link", {"text": "Browse case studies", "internal_page": pages["case-studies"]})
        )
    if "projects" in pages:
        actions.append(
            (
                "action_link",
                {"text": "Follow projects in progress", "internal_page": pages["projects"]},
            )
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
    return publish(home, admin)


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
