"""The starting QI skills and languages (slug, name, description or ISO 639 code).

Created by a data migration on a new hub and by the demo seed; hub editors manage them in the
admin afterwards. ``directory.matching`` maps the support an idea asks for to skills by these
slugs. Plain data: no model imports, so the migration can use it.
"""

SKILLS = [
    (
        "model-for-improvement-and-pdsa",
        "Model for Improvement and PDSA",
        "The three questions, and small, fast Plan-Do-Study-Act tests of change.",
    ),
    (
        "measurement-and-spc",
        "Measurement and SPC",
        "Choosing measures, run charts and statistical process control charts.",
    ),
    ("process-mapping", "Process mapping", "Seeing every step of a pathway as people live it."),
    ("lean", "Lean", "Removing waste and delay so the work flows."),
    (
        "co-design-and-co-production",
        "Co-design and co-production",
        "Working with patients, carers and communities as equal partners.",
    ),
    ("human-factors", "Human factors", "Designing systems around how people really work."),
    ("data-and-analytics", "Data and analytics", "Finding, linking and presenting data."),
    ("digital", "Digital", "Digital tools, apps and automation in a change."),
    ("evaluation", "Evaluation", "Showing what difference a change made, and for whom."),
    (
        "facilitation",
        "Facilitation",
        "Running workshops, huddles and events that include everyone.",
    ),
    (
        "patient-safety-investigation",
        "Patient safety investigation",
        "Learning responses under PSIRF: after-action reviews, SWARM huddles, thematic reviews.",
    ),
]

LANGUAGES = [
    ("english", "English", "en"),
    ("polish", "Polish", "pl"),
    ("urdu", "Urdu", "ur"),
    ("punjabi", "Punjabi", "pa"),
    ("bengali", "Bengali", "bn"),
    ("gujarati", "Gujarati", "gu"),
    ("arabic", "Arabic", "ar"),
    ("romanian", "Romanian", "ro"),
    ("british-sign-language", "British Sign Language", "bfi"),
]
