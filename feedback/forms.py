from django import forms
from django.utils.translation import gettext_lazy as _

from hub.abuse import HoneypotMixin

COMMENT_MAX_LENGTH = 1000
SCORE_CHOICES = [
    ("1", _("1: not at all")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5: very")),
]


class PageFeedbackForm(forms.Form):
    """ "Was this page useful?": which page (empty for the search page) and yes or no."""

    page = forms.IntegerField(required=False, min_value=1)
    useful = forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={
            "required": _("Select yes or no"),
            "invalid_choice": _("Select yes or no"),
        },
    )


class PageCommentForm(HoneypotMixin):
    page = forms.IntegerField(required=False, min_value=1)
    text = forms.CharField(
        label=_("What was wrong with this page?"),
        help_text=_(
            "Do not include personal information such as your name, email address, "
            "telephone number or anything about your health."
        ),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter what was wrong with this page"),
            "max_length": _("What was wrong must be %(limit_value)d characters or fewer"),
        },
    )


def _score(label):
    return forms.TypedChoiceField(
        label=label,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select a score from 1 to 5"),
            "invalid_choice": _("Select a score from 1 to 5"),
        },
    )


class SurveyForm(HoneypotMixin):
    fair = _score(_("How fair was the decision on your idea?"))
    clear = _score(_("How clearly was the decision explained?"))
    fast = _score(_("How quickly did you hear about the decision?"))
    comment = forms.CharField(
        label=_("Anything else you want to tell us (optional)"),
        help_text=_("Do not include personal information such as your name or contact details."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Your comment must be %(limit_value)d characters or fewer"),
        },
    )
