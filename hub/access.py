"""Who may do what in the admin: groups, permissions and the "Hub review" workflow.

The one place these rules live. Everything here is idempotent: ``sync_access()`` (run after
every migrate and by ``manage.py sync_access``) brings the database in line with the rules
without duplicating anything, and a partner page's permissions are refreshed whenever it is
saved.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    Collection,
    DraftStateMixin,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.permissions import get_permission_name, user_can_edit_snippet_type

from directory.models import CoachProfile
from hub.models import Organisation
from pages.models import CollaborativeTeamPage, PartnerPage

HUB_EDITORS = "Hub editors"
HUDDLE_MEMBERS = "Huddle members"
# The huddle's chair(s): members who also set the huddle's response targets.
HUDDLE_CHAIRS = "Huddle chairs"
COACHES = "Coaches"
# Answer subject-access and erasure requests (Settings → Personal data, hub/privacy.py).
DATA_PROTECTION_OFFICERS = "Data protection officers"
HUB_REVIEW_WORKFLOW = "Hub review"
HUB_REVIEW_TASK = "Hub editor approval"
COACH_REVIEW_WORKFLOW = "Coach profile review"
COACH_PHOTOS_COLLECTION = "Coach photos"

# Partner editors draft and submit for review; they never publish.
PARTNER_PAGE_PERMISSIONS = ("add", "change", "lock")
# On their collaborative team page (no children): edit and submit, never add or publish.
TEAM_PAGE_PERMISSIONS = ("change", "lock")
HUB_EDITOR_PAGE_PERMISSIONS = ("add", "bulk_delete", "change", "lock", "publish", "unlock")
MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
HUB_EDITOR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "hub.manage_personal_data",
    "hub.add_organisation",
    "hub.change_organisation",
    "hub.delete_organisation",
    "hub.add_place",
    "hub.change_place",
    "hub.delete_place",
    "hub.add_priority",
    "hub.change_priority",
    "hub.delete_priority",
    "hub.add_qimethod",
    "hub.change_qimethod",
    "hub.delete_qimethod",
    "hub.add_audience",
    "hub.change_audience",
    "hub.delete_audience",
    "hub.add_topic",
    "hub.change_topic",
    "hub.delete_topic",
    "hub.change_hubsettings",
    "submissions.change_huddlesettings",
    "pages.view_adoption",
    "pages.change_adoption",
    "pages.delete_adoption",
    "wagtail_localize.submit_translation",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
    "directory.add_coachprofile",
    "directory.change_coachprofile",
    "directory.change_any_coachprofile",
    "directory.delete_coachprofile",
    "directory.publish_coachprofile",
    "directory.lock_coachprofile",
    "directory.unlock_coachprofile",
    "directory.view_contactrequest",
    "directory.delete_contactrequest",
    "directory.add_skill",
    "directory.change_skill",
    "directory.delete_skill",
    "directory.add_language",
    "directory.change_language",
    "directory.delete_language",
    "search.add_synonymset",
    "search.change_synonymset",
    "search.delete_synonymset",
    # Sign-in lockouts (hub/signin.py): see them and unlock early.
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "search.view_searchquerycount",
    # Reports → Impact (feedback/impact.py).
    "feedback.view_impact_report",
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
    # Every event's attendees (bookings.admin), and their attendance.
    "bookings.view_booking",
    "bookings.change_booking",
    "bookings.view_every_booking",
    # The newsletter to people following topics (following.wagtail_hooks).
    "following.add_newsletter",
    "following.change_newsletter",
    "following.delete_newsletter",
    "following.send_newsletter",
]
# Data-protection officers find, export and erase a person's records, and read the audit of
# those actions; nothing else.
DATA_PROTECTION_OFFICER_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "hub.manage_personal_data",
]
# Coaches keep their own directory profile (directory.permissions narrows these to it), read
# the contact requests sent to them, and submit changes for hub editors to approve.
COACH_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "directory.add_coachprofile",
    "directory.change_coachprofile",
    "directory.view_contactrequest",
]
# The huddle works in its inbox (submissions.permissions decides what that opens). Its
# response targets (Settings → Huddle targets) are set by its chairs and by hub editors, not
# by every member: they decide what counts as overdue for the whole huddle.
HUDDLE_MODEL_PERMISSIONS = [
    "submissions.work_in_inbox",
    "submissions.view_ideasubmission",
    "submissions.change_ideasubmission",
]
HUDDLE_CHAIR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "submissions.change_huddlesettings",
]
# Taken away from a group where an earlier version of these rules granted them.
REVOKED_MODEL_PERMISSIONS = {HUDDLE_MEMBERS: ["submissions.change_huddlesettings"]}
COACH_PHOTO_PERMISSIONS = {"wagtailimages": ("add_image", "choose_image")}
# Partner editors may start and sync translations, of their own section only (see
# can_translate); publishing a translation stays with hub editors.
PARTNER_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    # The attendees of the events their organisation organises (bookings.admin narrows
    # these to them), and their attendance.
    "bookings.view_booking",
    "bookings.change_booking",
]


def can_translate(user, instance) -> bool:
    """Whether ``user`` may start or sync translations of ``instance`` (a page or snippet).

    wagtail-localize asks only for its global ``submit_translation`` permission, which would
    let a partner editor create draft translations anywhere in the tree. Here the source
    must also be something the user may edit: their own section's pages, or a snippet type
    they manage.
    """
    if not user.has_perm("wagtail_localize.submit_translation"):
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user_can_edit_snippet_type(user, type(instance))


def can_publish_translation(user, instance) -> bool:
    """Whether ``user`` may publish the translations of ``instance`` without review."""
    if isinstance(instance, Page):
        return all(
            page.permissions_for_user(user).can_publish()
            for page in instance.get_translations(inclusive=True)
        )
    if not isinstance(instance, DraftStateMixin):  # saved is live: editing is publishing
        return user_can_edit_snippet_type(user, type(instance))
    return user.is_superuser or user.has_perm(get_permission_name("publish", type(instance)))


def editors_group_name(organisation) -> str:
    return f"{organisation.name} editors"


# Permissions that Wagtail and wagtail-localize create in data migrations rather than from a
# model's Meta, so a flushed test database lacks them: recreate them as those migrations do.
_MIGRATION_PERMISSIONS = {
    "wagtailadmin.access_admin": ("admin", "Can access Wagtail admin"),
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    if dotted in _MIGRATION_PERMISSIONS:
        model, name = _MIGRATION_PERMISSIONS[dotted]
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        return permission
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _permissions(dotted_names):
    return [_permission(dotted) for dotted in dotted_names]


def _page_permission(permission_type: str) -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
    )


def _grant_page(group, page, permission_types):
    for permission_type in permission_types:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(permission_type)
        )


def _grant_collection(group, collection, extra=None, *, base=MEDIA_PERMISSIONS):
    wanted = {**base, **(extra or {})}
    for app_label, codenames in wanted.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def _root_collection() -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def ensure_core_groups() -> dict[str, Group]:
    root_page = Page.get_first_root_node()
    root_collection = _root_collection()
    access_admin = _permissions(["wagtailadmin.access_admin"])

    hub_editors, _created = Group.objects.get_or_create(name=HUB_EDITORS)
    hub_editors.permissions.add(*_permissions(HUB_EDITOR_MODEL_PERMISSIONS))
    if root_page:
        _grant_page(hub_editors, root_page, HUB_EDITOR_PAGE_PERMISSIONS)
    _grant_collection(
        hub_editors,
        root_collection,
        extra={"wagtailimages": ("delete_image",), "wagtaildocs": ("delete_document",)},
    )

    huddle, _created = Group.objects.get_or_create(name=HUDDLE_MEMBERS)
    huddle.permissions.add(*access_admin, *_permissions(HUDDLE_MODEL_PERMISSIONS))
    huddle.permissions.remove(*_permissions(REVOKED_MODEL_PERMISSIONS[HUDDLE_MEMBERS]))
    chairs, _created = Group.objects.get_or_create(name=HUDDLE_CHAIRS)
    chairs.permissions.add(*_permissions(HUDDLE_CHAIR_MODEL_PERMISSIONS))
    coaches, _created = Group.objects.get_or_create(name=COACHES)
    coaches.permissions.add(*_permissions(COACH_MODEL_PERMISSIONS))
    photos = root_collection.get_children().filter(
        name=COACH_PHOTOS_COLLECTION
    ).first() or root_collection.add_child(name=COACH_PHOTOS_COLLECTION)
    _grant_collection(coaches, photos, base=COACH_PHOTO_PERMISSIONS)
    officers, _created = Group.objects.get_or_create(name=DATA_PROTECTION_OFFICERS)
    officers.permissions.add(*_permissions(DATA_PROTECTION_OFFICER_MODEL_PERMISSIONS))
    return {
        HUB_EDITORS: hub_editors,
        HUDDLE_MEMBERS: huddle,
        HUDDLE_CHAIRS: chairs,
        COACHES: coaches,
        DATA_PROTECTION_OFFICERS: officers,
    }


def ensure_hub_review_workflow() -> Workflow | None:
    """One workflow for all content: hub editors approve before anything goes live."""
    root_page = Page.get_first_root_node()
    if root_page is None:
        return None
    task = _hub_editor_approval_task()
    workflow, _created = Workflow.objects.get_or_create(name=HUB_REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Assigned at the tree root, so every locale's pages go through it unless a hub editor
    # assigns a different workflow lower down.
    if not WorkflowPage.objects.filter(page=root_page).exists():
        WorkflowPage.objects.create(page=root_page, workflow=workflow)
    return workflow


def _hub_editor_approval_task() -> GroupApprovalTask:
    hub_editors = Group.objects.get(name=HUB_EDITORS)
    task = GroupApprovalTask.objects.filter(name=HUB_REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=HUB_REVIEW_TASK)
    task.groups.add(hub_editors)
    return task


def ensure_coach_review_workflow() -> Workflow:
    """Hub editors approve coach profiles (snippets) before they go live."""
    workflow, _created = Workflow.objects.get_or_create(name=COACH_REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=_hub_editor_approval_task(), defaults={"sort_order": 0}
    )
    content_type = ContentType.objects.get_for_model(CoachProfile)
    if not WorkflowContentType.objects.filter(content_type=content_type).exists():
        WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
    return workflow


def _source_organisation(organisation):
    return organisation.get_translation_or_none(Locale.get_default()) or organisation


def ensure_editors_group(organisation) -> Group:
    """The organisation's editors group, created (and named after it) if need be."""
    organisation = _source_organisation(organisation)
    group = organisation.editors_group
    name = editors_group_name(organisation)
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
        type(organisation).objects.filter(translation_key=organisation.translation_key).update(
            editors_group=group
        )
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    group.permissions.add(*_permissions(PARTNER_MODEL_PERMISSIONS))
    return group


def ensure_partner_access(partner_page) -> Group:
    """Give the organisation's editors their section: the partner page and its subtree.

    Covers the partner page in every locale, and a media collection of their own.
    """
    organisation = _source_organisation(partner_page.organisation)
    group = ensure_editors_group(organisation)

    for page in type(partner_page).objects.filter(translation_key=partner_page.translation_key):
        _grant_page(group, page, PARTNER_PAGE_PERMISSIONS)

    root_collection = _root_collection()
    collection = root_collection.get_children().filter(
        name=organisation.name
    ).first() or root_collection.add_child(name=organisation.name)
    _grant_collection(group, collection)
    return group


def ensure_team_access(team_page) -> Group:
    """Let the team's organisation's editors edit their collaborative team page (in every
    locale) and submit it for review, and no other organisation's editors.

    A team page lives under its collaborative, outside the partner's section, so it gets
    its own page permissions. The organisation is read from the database (the live page):
    a draft naming another organisation changes nothing until a hub editor publishes it.
    """
    organisation_id = (
        CollaborativeTeamPage.objects.filter(pk=team_page.pk)
        .values_list("organisation_id", flat=True)
        .first()
    )
    organisation = Organisation.objects.get(pk=organisation_id or team_page.organisation_id)
    group = ensure_editors_group(organisation)
    pages = list(CollaborativeTeamPage.objects.filter(translation_key=team_page.translation_key))
    for page in pages:
        _grant_page(group, page, TEAM_PAGE_PERMISSIONS)
    # An organisation the team no longer belongs to loses it.
    GroupPagePermission.objects.filter(
        page__in=pages,
        group__in=Organisation.objects.filter(editors_group__isnull=False).values("editors_group"),
    ).exclude(group=group).delete()
    return group


@transaction.atomic
def sync_access():
    """Bring groups, permissions and the workflow in line with the rules above."""
    ensure_core_groups()
    ensure_hub_review_workflow()
    ensure_coach_review_workflow()
    default_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default_locale is None:
        return  # no locale, so no pages yet: nothing more to grant
    for partner_page in PartnerPage.objects.filter(locale=default_locale).select_related(
        "organisation"
    ):
        ensure_partner_access(partner_page)
    for team_page in CollaborativeTeamPage.objects.filter(locale=default_locale):
        ensure_team_access(team_page)
