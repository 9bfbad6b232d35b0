import hub.fields
import submissions.enums
from django.db import migrations


class Migration(migrations.Migration):
    """The list answers declare their choices (hub.fields.MultipleChoiceListField), so their
    labels come from the model. The column stays the same JSON list: nothing changes in the
    database, only in Django's state."""

    dependencies = [
        ("submissions", "0004_delete_outgoingemail"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="ideasubmission",
                    name="adult_clinical_areas",
                    field=hub.fields.MultipleChoiceListField(
                        choices_enum=submissions.enums.AdultClinicalArea,
                        verbose_name="clinical areas: adults",
                    ),
                ),
                migrations.AlterField(
                    model_name="ideasubmission",
                    name="child_clinical_areas",
                    field=hub.fields.MultipleChoiceListField(
                        choices_enum=submissions.enums.ChildClinicalArea,
                        verbose_name="clinical areas: children and young people",
                    ),
                ),
                migrations.AlterField(
                    model_name="ideasubmission",
                    name="plus_groups",
                    field=hub.fields.MultipleChoiceListField(
                        choices_enum=submissions.enums.PlusGroup, verbose_name="PLUS groups"
                    ),
                ),
                migrations.AlterField(
                    model_name="ideasubmission",
                    name="support_wanted",
                    field=hub.fields.MultipleChoiceListField(
                        choices_enum=submissions.enums.SupportWanted,
                        verbose_name="support wanted",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
