"""What was submitted, as the huddle reads it: every question of every step about the idea,
answered or not, in the form's order, under the step's heading.

Derived from the portal's steps (which questions, in which order) and the model (each
answer's label and how its value reads), so a new question shows here without touching this
module.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from hub.fields import MultipleChoiceListField
from submissions.models import IdeaSubmission
from submissions.portal.steps import STEPS, Step


def answer_fields(step: Step) -> list[str]:
    """The names of the step's questions that are stored on the idea, in form order."""
    names = []
    for name in step.form_class.base_fields:
        try:
            field = IdeaSubmission._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # not stored on the idea (the honeypot, the consent tick)
        if isinstance(field, models.Field):  # not a reverse relation (the attachments)
            names.append(name)
    return names


def answer_lines(idea: IdeaSubmission, name: str) -> list[str]:
    """How one stored answer reads: labels for choices, names for related objects."""
    field = IdeaSubmission._meta.get_field(name)
    if field.many_to_many:
        return [str(item) for item in getattr(idea, name).all()]
    value = getattr(idea, name)
    if isinstance(field, MultipleChoiceListField):
        return [str(label) for label in field.labels(value)]
    if field.choices:
        return [str(getattr(idea, f"get_{name}_display")())] if value else []
    return [value] if value else []


def answer_sections(idea: IdeaSubmission):
    """[(heading, [(question, [lines])])] for every step about the idea."""
    return [
        (
            step.heading,
            [
                (IdeaSubmission._meta.get_field(name).verbose_name, answer_lines(idea, name))
                for name in answer_fields(step)
            ],
        )
        for step in STEPS
        if step.about_the_idea
    ]
