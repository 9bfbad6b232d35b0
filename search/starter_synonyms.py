"""The synonym sets a new hub starts with: NHS and quality-improvement vocabulary, clinical
and everyday words, common abbreviations and QI method names. Created by a data migration
where missing; hub editors change them in the admin (Settings → Search synonyms). Plain data:
no imports, so the migration can use it.

Each set is (language, terms): "" for every language, or a language code.
"""


def create_missing(synonym_set_model) -> int:
    """Create each starter set that does not exist (the migration passes its historical
    model, the demo seed the real one); returns how many were created."""
    created = 0
    for language, terms in STARTER_SYNONYMS:
        lines = "\n".join(term.strip() for term in terms.split(","))
        created += synonym_set_model.objects.get_or_create(language=language, terms=lines)[1]
    return created


STARTER_SYNONYMS = [
    # Services and settings
    ("", "A&E, accident and emergency, emergency department, ED, casualty"),
    ("", "GP, general practice, general practitioner, family doctor, GP practice"),
    ("", "PCN, primary care network"),
    ("", "ICB, integrated care board"),
    ("", "ICS, integrated care system"),
    (
        "",
        "CAMHS, child and adolescent mental health services, children's mental health, "
        "young people's mental health, youth mental health",
    ),
    ("", "ward, inpatient, in-patient"),
    ("", "care home, nursing home, residential home, old people's home"),
    ("", "district nurse, community nurse, community nursing"),
    ("", "paramedic, ambulance crew, ambulance service"),
    ("", "MDT, multidisciplinary team, multi-disciplinary team"),
    ("", "OT, occupational therapy, occupational therapist"),
    ("", "physio, physiotherapy, physiotherapist"),
    ("", "pharmacist, chemist, pharmacy"),
    ("", "VCSE, voluntary sector, charity, charities, third sector"),
    ("", "social care, social services, council care"),
    # Conditions: clinical and everyday words
    (
        "",
        "pressure ulcer, pressure sore, bed sore, pressure injury, decubitus ulcer, "
        "pressure damage",
    ),
    ("", "hypertension, high blood pressure, raised blood pressure, BP"),
    ("", "stroke, CVA, brain attack"),
    ("", "TIA, mini stroke, transient ischaemic attack"),
    ("", "heart attack, MI, myocardial infarction, cardiac arrest"),
    (
        "",
        "COPD, chronic obstructive pulmonary disease, emphysema, chronic bronchitis, "
        "lung disease, breathing problems",
    ),
    ("", "diabetes, diabetic, high blood sugar"),
    ("", "UTI, urinary tract infection, water infection, bladder infection"),
    ("", "AKI, acute kidney injury, kidney failure"),
    ("", "sepsis, septicaemia, blood poisoning"),
    ("", "dementia, memory loss, alzheimer's"),
    ("", "delirium, confusion, acute confusion"),
    ("", "falls, slips trips and falls, trips and falls"),
    ("", "frailty, frail, elderly, older people, old people, older adults, ageing"),
    ("", "mental health, mental illness, emotional wellbeing, psychological"),
    ("", "learning disability, learning disabilities, LD"),
    ("", "parkinson's, parkinson's disease, parkinsons"),
    ("", "medicines, medication, meds, drugs, prescriptions, tablets"),
    ("", "thrombolysis, clot busting, clot-busting drugs"),
    ("", "oral health, mouth care, mouthcare, oral care, oral hygiene, dental care, teeth"),
    ("", "end of life, palliative care, dying, last days of life"),
    ("", "carer, carers, unpaid carer, family carer, caregiver"),
    ("", "discharge, going home, leaving hospital, delayed discharge, bed blocking"),
    ("", "waiting times, waiting lists, waits, delays, long waits"),
    ("", "deprivation, poverty, deprived, inequalities, health inequalities"),
    ("", "Core20PLUS5, core20 plus 5, core 20 plus 5"),
    ("", "PSIRF, patient safety incident response framework"),
    (
        "",
        "learning from mistakes, learning from errors, learning from incidents, "
        "learning responses, learning from harm",
    ),
    (
        "",
        "patient involvement, involving patients, patient participation, patient engagement, "
        "public involvement, PPI, co-production, lived experience",
    ),
    (
        "",
        "health statistics, health data, public health data, health profiles, "
        "population health data",
    ),
    ("", "BSL, British Sign Language, sign language"),
    ("", "incident, serious incident, never event"),
    ("", "readmission, readmissions, coming back to hospital"),
    ("", "length of stay, LOS, bed days"),
    ("", "vaccination, vaccine, immunisation, jab, jabs"),
    ("", "smoking, smoking cessation, stop smoking, quit smoking"),
    ("", "obesity, weight loss, healthy weight"),
    ("", "children, child, kids, young people, paediatric, paediatrics, pediatric"),
    # Quality improvement
    ("", "QI, quality improvement, improvement"),
    ("", "PDSA, plan do study act, plan-do-study-act, PDSA cycle, test of change, tests of change"),
    ("", "model for improvement, MFI"),
    ("", "MDC, making data count"),
    ("", "SPC, statistical process control, control chart, run chart, SPC chart"),
    ("", "process mapping, process map, pathway mapping, value stream mapping"),
    ("", "driver diagram, driver diagrams"),
    ("", "lean, lean thinking, waste, flow, kaizen"),
    ("", "co-design, co-production, codesign, coproduction, experience-based co-design, EBCD"),
    ("", "human factors, ergonomics"),
    ("", "after action review, AAR, after-action review, debrief"),
    ("", "huddle, safety huddle, board round"),
    ("", "root cause analysis, RCA, five whys, 5 whys, fishbone"),
    ("", "coach, coaching, mentor, mentoring"),
    ("", "training, course, courses, learning, workshop, webinar"),
    ("", "case study, case studies, example, examples, success story"),
    ("", "template, tool, toolkit, guide, resource"),
    ("", "measure, measures, measurement, metrics"),
    ("", "evaluation, evaluate, impact"),
    ("", "patient experience, patient feedback, PALS, friends and family test, FFT"),
    ("", "SBAR, handover, handoff"),
    ("", "NEWS2, national early warning score, early warning score, deterioration"),
    ("", "remote monitoring, virtual ward, telehealth, hospital at home"),
    # Polish: everyday and clinical words, and the English words of the same things (most
    # of the hub's content is in English, and stands in where no translation exists)
    ("pl", "odleżyna, odleżyny, rana odleżynowa, uraz ciśnieniowy, pressure ulcer, pressure sore"),
    ("pl", "upadek, upadki, przewrócenie, falls, fall"),
    (
        "pl",
        "nadciśnienie, nadciśnienie tętnicze, wysokie ciśnienie, hypertension, high blood pressure",
    ),
    (
        "pl",
        "SOR, szpitalny oddział ratunkowy, izba przyjęć, ostry dyżur, A&E, emergency department",
    ),
    ("pl", "lekarz rodzinny, przychodnia, POZ, lekarz pierwszego kontaktu, GP, general practice"),
    ("pl", "udar, udar mózgu, stroke"),
    ("pl", "cukrzyca, diabetes"),
    ("pl", "sepsa, posocznica, sepsis"),
    ("pl", "opiekun, opiekunowie, opiekun rodzinny, opiekunka, carer, carers"),
    ("pl", "wypis, wypis ze szpitala, wypisy, discharge"),
    ("pl", "leki, lekarstwa, medykamenty, medicines, medication"),
    ("pl", "dom opieki, domy opieki, dom spokojnej starości, DPS, care home, care homes"),
    ("pl", "zdrowie psychiczne, psychiatria, mental health"),
    ("pl", "higiena jamy ustnej, jama ustna, zdrowie jamy ustnej, mouth care, oral health"),
    ("pl", "demencja, otępienie, dementia"),
    ("pl", "zespół otępienny, dementia"),
    ("pl", "karetka, pogotowie ratunkowe, ambulans, ambulance"),
    ("pl", "pielęgniarka, pielęgniarki, pielęgniarstwo, nurse, nursing"),
    ("pl", "szpital, szpitale, hospital"),
    ("pl", "dzieci, młodzież, children, young people"),
    ("pl", "osoby starsze, seniorzy, starsi, older people, frailty"),
    ("pl", "bezpieczeństwo pacjentów, patient safety"),
    ("pl", "doskonalenie jakości, poprawa jakości, quality improvement, QI"),
    ("pl", "szkolenie, szkolenia, kurs, kursy, warsztaty, training, course"),
    ("pl", "wydarzenie, wydarzenia, spotkanie, event, events"),
    ("pl", "trener, trenerka, coach, mentor, mentorka, coaching"),
    ("pl", "studium przypadku, studia przypadków, przykład, case study, case studies"),
    ("pl", "materiały, zasoby, narzędzia, resources, tools"),
    ("pl", "pomiar, pomiary, mierzenie, measurement"),
    ("pl", "cykl PDSA, zaplanuj wykonaj sprawdź działaj, PDSA"),
]
