"""The ideas API router, mounted at ``/api/v3/submissions/`` by ``hub.api``: which operation
answers where. Posting an idea is the portal's (``submissions.portal.api``, open to anyone);
reading ideas is the huddle's (``submissions.huddle.api``, huddle members only). Both halves
share one router because they share paths (``POST /`` and ``GET /``)."""

from wagtail.api.v3.auth import BearerTokenAuth

from ninja import Router

from .huddle import api as huddle_api
from .portal import api as portal_api

router = Router(tags=["submissions"])

router.post(
    "/",
    response=portal_api.SUBMIT_RESPONSES,
    url_name="hub_submit_idea",
    summary="Submit an improvement idea",
    description=(
        "Files an idea in the huddle's inbox and emails the submitter a receipt with a "
        "private status link. 201 with the reference; 200 with the same reference (and no "
        "status link) when an `Idempotency-Key` repeats an earlier post of the same idea; "
        "422 with one error per refused answer, or when the `Idempotency-Key` was used "
        "before for a different idea; 409 while another request with the same key is being "
        "handled; 429 when this address has posted too many ideas this hour (`Retry-After`: "
        "the seconds until it may post again). Text only: attachments are not accepted "
        "through the API."
    ),
    operation_id="submissions_create",
    auth=None,
)(portal_api.submit_idea)

router.get(
    "/",
    response=huddle_api.LIST_RESPONSES,
    url_name="hub_ideas",
    summary="List ideas (huddle members only)",
    operation_id="submissions_list",
    auth=BearerTokenAuth(),
)(huddle_api.list_ideas)

router.get(
    "/{reference}/",
    response=huddle_api.DETAIL_RESPONSES,
    url_name="hub_idea",
    summary="One idea with its answers and status history (huddle members only)",
    operation_id="submissions_detail",
    auth=BearerTokenAuth(),
)(huddle_api.get_idea)
