"""An accepted idea's benefits, kept by the huddle: expected when it is taken on, realised
at review (``submissions.benefits`` holds the rules, the reminders and the open summary).

One page with a form per benefit and a blank one to add another; a refused post redraws
everything as typed with the error next to the field.
"""

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.log_actions import log

from submissions.benefits import may_record_benefits
from submissions.models import Benefit, IdeaSubmission
from submissions.permissions import huddle_member_required


class BenefitForm(forms.ModelForm):
    class Meta:
        model = Benefit
        fields = [
            "kind",
            "who",
            "expected",
            "expected_amount",
            "measured_how",
            "review_date",
            "realised",
            "realised_amount",
        ]
        widgets = {
            "expected": forms.Textarea(attrs={"rows": 2}),
            "realised": forms.Textarea(attrs={"rows": 2}),
            "measured_how": forms.Textarea(attrs={"rows": 2}),
            "review_date": forms.DateInput(attrs={"type": "date"}),
        }


class BaseBenefitFormSet(BaseModelFormSet):
    def clean(self):
        super().clean()
        # A benefit this idea does not have (another idea's, or one deleted meanwhile) is
        # refused, never moved or quietly skipped.
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(
                _("A benefit on this page no longer belongs to this idea. Reload the page.")
            )


BenefitFormSet = modelformset_factory(
    Benefit, form=BenefitForm, formset=BaseBenefitFormSet, extra=1, can_delete=True
)


@huddle_member_required
def benefits(request, reference):
    idea = get_object_or_404(IdeaSubmission, reference=reference)
    queryset = idea.benefits.order_by("pk")
    allowed = may_record_benefits(idea)
    status = 200
    if request.method == "POST" and allowed:
        formset = BenefitFormSet(request.POST, queryset=queryset, prefix="benefits")
        if formset.is_valid():
            saved = formset.save(commit=False)
            for benefit in saved:
                benefit.submission = idea
                benefit.save()
            for benefit in formset.deleted_objects:
                benefit.delete()
            if saved or formset.deleted_objects:
                log(
                    instance=idea,
                    action="submissions.benefits",
                    user=request.user,
                    data={"saved": len(saved), "deleted": len(formset.deleted_objects)},
                )
            messages.success(request, _("Benefits saved."))
            return redirect("huddle:benefits", idea.reference)
        messages.error(request, _("Nothing was changed: check the form below."))
        status = 422
    else:
        formset = BenefitFormSet(queryset=queryset, prefix="benefits")
    return TemplateResponse(
        request,
        "submissions/admin/benefits.html",
        {
            "idea": idea,
            "formset": formset,
            "allowed": allowed,
            "header_title": _("Benefits of %(reference)s") % {"reference": idea.reference},
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": reverse("huddle:inbox"), "label": _("Huddle inbox")},
                {
                    "url": reverse("huddle:idea", args=[idea.reference]),
                    "label": f"{idea.reference}: {idea.title}",
                },
                {"url": "", "label": _("Benefits")},
            ],
        },
        status=status,
    )


urlpatterns = [path("ideas/<str:reference>/benefits/", benefits, name="benefits")]
