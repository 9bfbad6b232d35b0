"""The public "Share your work" form at /share-your-work/ (``hub.multistep_views``).

Flow: start page → about you → your work → your measure (previewed as the SPC chart the
site draws) → files → publication and privacy → check your answers → send → confirmation
with a reference.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from hub.models import Organisation, Priority
from hub.multistep import HONEYPOT_FIELD, SummaryRow, names_of
from hub.multistep_views import MultiStepForm
from pages.charts import render_spc_chart
from pages.measure_import import MeasureImportError, read_measure_file
from pages.spc import compute_spc

from . import actions, emails
from .forms import YES
from .models import ShareDraft, SharedWork
from .steps import STEPS


def measure_chart(answers: dict, id_prefix="share-measure"):
    """The SPC chart of the draft's measure (None without data)."""
    data = (answers or {}).get("measure_data")
    if not data:
        return None
    try:
        points = read_measure_file(data.encode(), "typed.csv").points
    except MeasureImportError:
        return None
    name, unit = answers.get("measure_name", ""), answers.get("measure_unit", "")
    result = compute_spc(points, direction=answers.get("measure_direction") or "neither", unit=unit)
    return render_spc_chart(result, title=name, unit=unit, id_prefix=id_prefix)


class ShareYourWork(MultiStepForm):
    namespace = "sharing"
    draft_model = ShareDraft
    steps = STEPS
    files_step = "files"
    rate_limit_setting = "SHARING_RATE_LIMIT"
    submitted_model = SharedWork
    stay_actions = ("upload", "preview")

    def start_context(self):
        return {"retention_months": settings.SHARING_RETENTION_MONTHS}

    def step_context(self, request, step, form, answers):
        show_chart = step.slug == "measures" and not form.errors
        return {"chart": measure_chart(answers) if show_chart else None}

    def summary_rows(self, step, answers, draft):
        form = step.form_class(draft=draft)
        rows = []
        for name, field in form.fields.items():
            if name in (HONEYPOT_FIELD, "measure_file"):
                continue
            value = answers.get(name)
            if name == "attachments":
                lines = [a.original_name for a in form.existing_attachments()]
            elif name == "organisation":
                lines = names_of(Organisation, [value])
            elif name == "priorities":
                lines = names_of(Priority, value or [])
            elif isinstance(value, bool):
                lines = [_("Yes")] if value else []
            elif hasattr(field, "choices") and value:
                lines = [str(dict(field.choices).get(value, value))]
            else:
                lines = [value] if value else []
            rows.append(SummaryRow(field.label, lines))
        return rows

    def check_context(self, request, draft):
        return {
            "chart": measure_chart(draft.data.get("measures"), id_prefix="check-measure"),
            "named": draft.data.get("consent", {}).get("named_contact") == YES,
        }

    def submit(self, request, key):
        language = translation.get_language() or settings.LANGUAGE_CODE
        result = actions.submit_draft(key, language=language)
        request.session[self.session_submitted] = result.shared.pk

    def confirmation(self, request):
        shared = SharedWork.objects.filter(pk=request.session.get(self.session_submitted)).first()
        if shared is None:
            return redirect("sharing:start")
        return render(request, "sharing/confirmation.html", {"shared": shared})

    def record_continue_link(self, draft, link):
        emails.record_continue_link(
            draft, to=draft.email, continue_url=link, expires_at=draft.expires_at
        )


share_your_work = ShareYourWork()
