"""Polish and Urdu for the demo's taxonomies (organisations, priorities, topics, QI methods,
audiences, coach skills and languages) and for the partner pages, made with wagtail-localize
as an editor would: Snippets → the object → "Translate", the translation editor, "Save".

The text is keyed by the English source string, as in ``demo.translations``: one table per
language serves every taxonomy and the partner pages, whose titles and summaries are their
organisation's name and summary. A string without an entry stays in English in the
translation (wagtail-localize's fallback), which is how slugs and the abbreviations people
search by stay the same in every language.

Organisation names: NHS bodies keep their legal English names in Polish (as Polish NHS
leaflets do); councils, networks and boards are named in Polish; Urdu transliterates them,
as NHS Urdu leaflets write "این ایچ ایس".
"""

from django.conf import settings

from wagtail.models import Locale

from directory.models import Language, Skill
from hub.models import Audience, Organisation, Place, Priority, QIMethod, Topic

# Places before organisations: an organisation's place, and a place's parent, are
# translated before what points at them.
TAXONOMY_MODELS = (Place, Organisation, Priority, Topic, QIMethod, Audience, Skill, Language)

STRINGS = {
    "pl": {
        # Places (PCN: "sieć podstawowej opieki zdrowotnej", as NHS Polish leaflets say)
        "North Wealdshire": "Północne Wealdshire",
        "South Wealdshire": "Południowe Wealdshire",
        "Kingsmead and Wey Valley Partnership": "Partnerstwo Kingsmead i doliny Wey",
        "Eastbridge and Coast Partnership": "Partnerstwo Eastbridge i wybrzeża",
        "Riverside PCN": "Sieć POZ Riverside",
        "Kingsmead Central PCN": "Sieć POZ Kingsmead Centrum",
        "Eastbridge PCN": "Sieć POZ Eastbridge",
        "Coastal Villages PCN": "Sieć POZ Nadmorskie Wsie",
        "Wey Valley": "Dolina Wey",
        "Kingsmead Old Town": "Stare Miasto Kingsmead",
        "Eastbridge Harbour": "Port Eastbridge",
        "Saltmarsh": "Saltmarsh",
        # Organisations
        "Wealdshire Integrated Care Board": "Zintegrowana Rada Opieki Wealdshire",
        "Plans and buys health services for the 1.1 million people of Wealdshire and leads "
        "the system's improvement approach.": (
            "Planuje i kupuje usługi zdrowotne dla 1,1 miliona mieszkańców Wealdshire i "
            "kieruje podejściem systemu do doskonalenia."
        ),
        "Runs the county's two acute hospitals, Kingsmead and Eastbridge.": (
            "Prowadzi dwa szpitale ostrodyżurowe hrabstwa: Kingsmead i Eastbridge."
        ),
        "Community nursing, therapies and mental health services across the county.": (
            "Pielęgniarstwo środowiskowe, terapie i opieka psychiatryczna w całym hrabstwie."
        ),
        "Riverside Primary Care Network": "Sieć Podstawowej Opieki Zdrowotnej Riverside",
        "Seven GP practices serving 62,000 patients along the Wey valley.": (
            "Siedem przychodni lekarzy rodzinnych, które obsługują 62 000 pacjentów w dolinie "
            "rzeki Wey."
        ),
        "Wealdshire County Council": "Rada Hrabstwa Wealdshire",
        "Adult social care, public health and children's services.": (
            "Opieka społeczna dla dorosłych, zdrowie publiczne i usługi dla dzieci."
        ),
        "Wealdshire Carers Network": "Sieć Opiekunów Wealdshire",
        "A charity run by and for unpaid carers, with 3,000 members.": (
            "Organizacja charytatywna prowadzona przez nieodpłatnych opiekunów i dla nich; "
            "liczy 3000 członków."
        ),
        "The independent champion for people who use health and social care services.": (
            "Niezależny rzecznik osób korzystających z opieki zdrowotnej i społecznej."
        ),
        # Priorities
        "Stroke": "Udar mózgu",
        "Faster recognition, thrombolysis and rehabilitation closer to home.": (
            "Szybsze rozpoznanie, tromboliza i rehabilitacja bliżej domu."
        ),
        "Patient safety (PSIRF)": "Bezpieczeństwo pacjentów (PSIRF)",
        "Learning from incidents under the Patient Safety Incident Response Framework.": (
            "Uczenie się na zdarzeniach niepożądanych zgodnie z ramami reagowania na "
            "incydenty bezpieczeństwa pacjentów (PSIRF)."
        ),
        "Core20PLUS5 and health inequalities": "Core20PLUS5 i nierówności w zdrowiu",
        "Closing gaps for the most deprived 20% and our PLUS groups across five clinical areas.": (
            "Zmniejszanie różnic dla 20% najuboższych mieszkańców i naszych grup PLUS w pięciu "
            "obszarach klinicznych."
        ),
        "Frailty and ageing well": "Niesprawność i zdrowe starzenie się",
        "Keeping older people well at home, with joined-up community and hospital care.": (
            "Wspieranie zdrowia osób starszych w domu dzięki spójnej opiece środowiskowej i "
            "szpitalnej."
        ),
        "Children and young people's mental health": "Zdrowie psychiczne dzieci i młodzieży",
        "Earlier help, shorter waits and support in schools and communities.": (
            "Wcześniejsza pomoc, krótsze oczekiwanie i wsparcie w szkołach i społecznościach."
        ),
        "Urgent and emergency care flow": "Przepływ pacjentów w pilnej i ratunkowej opiece",
        "Timely discharge and fewer long waits in emergency departments.": (
            "Terminowe wypisy i mniej długich oczekiwań w szpitalnych oddziałach ratunkowych."
        ),
        # Topics
        "falls": "upadki",
        "sepsis": "sepsa",
        "discharge": "wypis ze szpitala",
        "medicines safety": "bezpieczeństwo leków",
        "co-production": "współtworzenie",
        "PDSA": "PDSA",
        "stroke": "udar mózgu",
        # QI methods
        "Model for Improvement and PDSA": "Model Doskonalenia i PDSA",
        "Plan, Do, Study, Act: small, fast tests of change.": (
            "Zaplanuj, Wykonaj, Sprawdź, Działaj: małe, szybkie testy zmian."
        ),
        "Process mapping": "Mapowanie procesów",
        "Seeing every step of a pathway as patients and staff live it.": (
            "Widzenie każdego etapu ścieżki tak, jak przeżywają go pacjenci i personel."
        ),
        "Driver diagram": "Diagram czynników",
        "Linking the aim to the changes that will achieve it.": (
            "Łączenie celu ze zmianami, które pozwolą go osiągnąć."
        ),
        "Statistical process control (SPC)": "Statystyczna kontrola procesu (SPC)",
        "Telling real change from everyday variation.": (
            "Odróżnianie rzeczywistej zmiany od codziennej zmienności."
        ),
        "Co-design": "Współprojektowanie",
        "Designing with patients, carers and staff as equal partners.": (
            "Projektowanie z pacjentami, opiekunami i personelem jako równymi partnerami."
        ),
        "Lean": "Lean",
        "Removing waste and delay so the work flows.": (
            "Usuwanie marnotrawstwa i opóźnień, aby praca przebiegała płynnie."
        ),
        "Other": "Inna",
        "Any other method, described in the case study.": (
            "Każda inna metoda, opisana w studium przypadku."
        ),
        # Audiences
        "Frontline staff": "Personel pierwszej linii",
        "QI leads and coaches": "Liderzy i trenerzy doskonalenia jakości",
        "Managers and leaders": "Kierownicy i liderzy",
        "Patients, carers and the public": "Pacjenci, opiekunowie i mieszkańcy",
        "Analysts": "Analitycy",
        # Coach skills
        "The three questions, and small, fast Plan-Do-Study-Act tests of change.": (
            "Trzy pytania oraz małe, szybkie testy zmian według cyklu Zaplanuj-Wykonaj-"
            "Sprawdź-Działaj."
        ),
        "Measurement and SPC": "Pomiar i SPC",
        "Choosing measures, run charts and statistical process control charts.": (
            "Dobór miar, wykresy przebiegu i karty statystycznej kontroli procesu."
        ),
        "Seeing every step of a pathway as people live it.": (
            "Widzenie każdego etapu ścieżki tak, jak przeżywają go ludzie."
        ),
        "Co-design and co-production": "Współprojektowanie i współtworzenie",
        "Working with patients, carers and communities as equal partners.": (
            "Praca z pacjentami, opiekunami i społecznościami jako równymi partnerami."
        ),
        "Human factors": "Czynnik ludzki",
        "Designing systems around how people really work.": (
            "Projektowanie systemów wokół tego, jak ludzie naprawdę pracują."
        ),
        "Data and analytics": "Dane i analityka",
        "Finding, linking and presenting data.": "Wyszukiwanie, łączenie i prezentowanie danych.",
        "Digital": "Cyfryzacja",
        "Digital tools, apps and automation in a change.": (
            "Narzędzia cyfrowe, aplikacje i automatyzacja we wprowadzanej zmianie."
        ),
        "Evaluation": "Ewaluacja",
        "Showing what difference a change made, and for whom.": (
            "Pokazywanie, co zmieniła dana zmiana i dla kogo."
        ),
        "Facilitation": "Facylitacja",
        "Running workshops, huddles and events that include everyone.": (
            "Prowadzenie warsztatów, odpraw i wydarzeń, w których każdy może wziąć udział."
        ),
        "Patient safety investigation": "Analiza zdarzeń dotyczących bezpieczeństwa pacjentów",
        "Learning responses under PSIRF: after-action reviews, SWARM huddles, thematic reviews.": (
            "Działania wyciągające wnioski w ramach PSIRF: przeglądy po zdarzeniu, odprawy "
            "SWARM, przeglądy tematyczne."
        ),
        # Languages
        "English": "angielski",
        "Polish": "polski",
        "Urdu": "urdu",
        "Punjabi": "pendżabski",
        "Bengali": "bengalski",
        "Gujarati": "gudżarati",
        "Arabic": "arabski",
        "Romanian": "rumuński",
        "British Sign Language": "brytyjski język migowy",
        # The partners' pages
        "Our partners": "Nasi partnerzy",
        "The organisations that share their improvement work here.": (
            "Organizacje, które dzielą się tutaj swoją pracą na rzecz doskonalenia."
        ),
        "The organisations that share their improvement work on the hub.": (
            "Organizacje, które dzielą się w centrum swoją pracą na rzecz doskonalenia."
        ),
    },
    "ur": {
        # Places
        "North Wealdshire": "شمالی ویلڈشائر",
        "South Wealdshire": "جنوبی ویلڈشائر",
        "Kingsmead and Wey Valley Partnership": "کنگز میڈ اور وے ویلی پارٹنرشپ",
        "Eastbridge and Coast Partnership": "ایسٹ برج اور ساحلی پارٹنرشپ",
        "Riverside PCN": "ریور سائیڈ پرائمری کیئر نیٹ ورک",
        "Kingsmead Central PCN": "کنگز میڈ سینٹرل پرائمری کیئر نیٹ ورک",
        "Eastbridge PCN": "ایسٹ برج پرائمری کیئر نیٹ ورک",
        "Coastal Villages PCN": "ساحلی دیہات پرائمری کیئر نیٹ ورک",
        "Wey Valley": "وے ویلی",
        "Kingsmead Old Town": "کنگز میڈ اولڈ ٹاؤن",
        "Eastbridge Harbour": "ایسٹ برج ہاربر",
        "Saltmarsh": "سالٹ مارش",
        # Organisations
        "Wealdshire Integrated Care Board": "ویلڈشائر انٹیگریٹڈ کیئر بورڈ",
        "Plans and buys health services for the 1.1 million people of Wealdshire and leads "
        "the system's improvement approach.": (
            "ویلڈشائر کے 11 لاکھ لوگوں کے لیے صحت کی خدمات کی منصوبہ بندی اور خریداری کرتا ہے "
            "اور نظام میں بہتری کے طریقۂ کار کی قیادت کرتا ہے۔"
        ),
        "Wealdshire University Hospitals NHS Foundation Trust": (
            "ویلڈشائر یونیورسٹی ہاسپٹلز این ایچ ایس فاؤنڈیشن ٹرسٹ"
        ),
        "Runs the county's two acute hospitals, Kingsmead and Eastbridge.": (
            "کاؤنٹی کے دو بڑے ہسپتال، کنگزمیڈ اور ایسٹ برج، چلاتا ہے۔"
        ),
        "Wealdshire Community and Mental Health NHS Trust": (
            "ویلڈشائر کمیونٹی اینڈ مینٹل ہیلتھ این ایچ ایس ٹرسٹ"
        ),
        "Community nursing, therapies and mental health services across the county.": (
            "پوری کاؤنٹی میں کمیونٹی نرسنگ، تھراپی اور ذہنی صحت کی خدمات۔"
        ),
        "Riverside Primary Care Network": "ریور سائیڈ پرائمری کیئر نیٹ ورک",
        "Seven GP practices serving 62,000 patients along the Wey valley.": (
            "وادیٔ وے میں 62,000 مریضوں کی خدمت کرنے والی سات جی پی سرجریاں۔"
        ),
        "Wealdshire County Council": "ویلڈشائر کاؤنٹی کونسل",
        "Adult social care, public health and children's services.": (
            "بالغوں کی سماجی نگہداشت، صحتِ عامہ اور بچوں کی خدمات۔"
        ),
        "Wealdshire Carers Network": "ویلڈشائر کیررز نیٹ ورک",
        "A charity run by and for unpaid carers, with 3,000 members.": (
            "بلا معاوضہ نگہداشت کرنے والوں کی، انہی کے ذریعے چلائی جانے والی خیراتی تنظیم، "
            "جس کے 3,000 اراکین ہیں۔"
        ),
        "Healthwatch Wealdshire": "ہیلتھ واچ ویلڈشائر",
        "The independent champion for people who use health and social care services.": (
            "صحت اور سماجی نگہداشت کی خدمات استعمال کرنے والوں کا آزاد ترجمان۔"
        ),
        # Priorities
        "Stroke": "فالج",
        "Faster recognition, thrombolysis and rehabilitation closer to home.": (
            "جلد پہچان، تھرومبولائسز، اور گھر کے قریب بحالی۔"
        ),
        "Patient safety (PSIRF)": "مریضوں کی حفاظت (PSIRF)",
        "Learning from incidents under the Patient Safety Incident Response Framework.": (
            "مریضوں کی حفاظت کے واقعات پر ردِعمل کے فریم ورک (PSIRF) کے تحت واقعات سے سیکھنا۔"
        ),
        "Core20PLUS5 and health inequalities": "Core20PLUS5 اور صحت میں عدم مساوات",
        "Closing gaps for the most deprived 20% and our PLUS groups across five clinical areas.": (
            "پانچ طبی شعبوں میں سب سے زیادہ محروم 20% اور ہمارے PLUS گروہوں کے لیے فرق کم کرنا۔"
        ),
        "Frailty and ageing well": "کمزوری اور صحت مند بڑھاپا",
        "Keeping older people well at home, with joined-up community and hospital care.": (
            "کمیونٹی اور ہسپتال کی مربوط نگہداشت کے ساتھ بزرگوں کو گھر پر صحت مند رکھنا۔"
        ),
        "Children and young people's mental health": "بچوں اور نوجوانوں کی ذہنی صحت",
        "Earlier help, shorter waits and support in schools and communities.": (
            "جلد مدد، کم انتظار، اور اسکولوں اور برادریوں میں معاونت۔"
        ),
        "Urgent and emergency care flow": "فوری اور ہنگامی نگہداشت کا بہاؤ",
        "Timely discharge and fewer long waits in emergency departments.": (
            "بروقت ڈسچارج اور ایمرجنسی شعبوں میں طویل انتظار میں کمی۔"
        ),
        # Topics
        "falls": "گرنا",
        "sepsis": "سیپسس",
        "discharge": "ہسپتال سے ڈسچارج",
        "medicines safety": "ادویات کی حفاظت",
        "co-production": "مشترکہ تیاری",
        "PDSA": "PDSA",
        "stroke": "فالج",
        # QI methods
        "Model for Improvement and PDSA": "ماڈل فار امپروومنٹ اور PDSA",
        "Plan, Do, Study, Act: small, fast tests of change.": (
            "منصوبہ بنائیں، کریں، جائزہ لیں، عمل کریں: تبدیلی کی چھوٹی، تیز آزمائشیں۔"
        ),
        "Process mapping": "عمل کی نقشہ سازی",
        "Seeing every step of a pathway as patients and staff live it.": (
            "علاج کے راستے کے ہر قدم کو ویسے دیکھنا جیسے مریض اور عملہ اسے جیتے ہیں۔"
        ),
        "Driver diagram": "ڈرائیور ڈایاگرام",
        "Linking the aim to the changes that will achieve it.": (
            "مقصد کو ان تبدیلیوں سے جوڑنا جو اسے حاصل کریں گی۔"
        ),
        "Statistical process control (SPC)": "شماریاتی عمل کنٹرول (SPC)",
        "Telling real change from everyday variation.": (
            "حقیقی تبدیلی کو روزمرہ کے اتار چڑھاؤ سے الگ پہچاننا۔"
        ),
        "Co-design": "مشترکہ ڈیزائن",
        "Designing with patients, carers and staff as equal partners.": (
            "مریضوں، نگہداشت کرنے والوں اور عملے کے ساتھ برابر کے شراکت داروں کی طرح ڈیزائن کرنا۔"
        ),
        "Lean": "لین",
        "Removing waste and delay so the work flows.": (
            "ضیاع اور تاخیر دور کرنا تاکہ کام روانی سے چلے۔"
        ),
        "Other": "دیگر",
        "Any other method, described in the case study.": (
            "کوئی اور طریقہ، جس کی تفصیل کیس اسٹڈی میں ہو۔"
        ),
        # Audiences
        "Frontline staff": "فرنٹ لائن عملہ",
        "QI leads and coaches": "معیار میں بہتری کے سربراہ اور کوچ",
        "Managers and leaders": "منیجر اور رہنما",
        "Patients, carers and the public": "مریض، نگہداشت کرنے والے اور عام لوگ",
        "Analysts": "تجزیہ کار",
        # Coach skills
        "The three questions, and small, fast Plan-Do-Study-Act tests of change.": (
            "تین سوال، اور منصوبہ-عمل-جائزہ-اقدام (PDSA) کے ذریعے تبدیلی کی چھوٹی، تیز آزمائشیں۔"
        ),
        "Measurement and SPC": "پیمائش اور SPC",
        "Choosing measures, run charts and statistical process control charts.": (
            "پیمانوں کا انتخاب، رن چارٹ اور شماریاتی عمل کنٹرول کے چارٹ۔"
        ),
        "Seeing every step of a pathway as people live it.": (
            "علاج کے راستے کے ہر قدم کو ویسے دیکھنا جیسے لوگ اسے جیتے ہیں۔"
        ),
        "Co-design and co-production": "مشترکہ ڈیزائن اور مشترکہ تیاری",
        "Working with patients, carers and communities as equal partners.": (
            "مریضوں، نگہداشت کرنے والوں اور برادریوں کے ساتھ برابر کے شراکت داروں کی طرح کام کرنا۔"
        ),
        "Human factors": "انسانی عوامل",
        "Designing systems around how people really work.": (
            "نظاموں کو اس طرح ڈیزائن کرنا جیسے لوگ حقیقت میں کام کرتے ہیں۔"
        ),
        "Data and analytics": "ڈیٹا اور تجزیہ",
        "Finding, linking and presenting data.": "ڈیٹا تلاش کرنا، جوڑنا اور پیش کرنا۔",
        "Digital": "ڈیجیٹل",
        "Digital tools, apps and automation in a change.": (
            "کسی تبدیلی میں ڈیجیٹل اوزار، ایپس اور خودکار نظام۔"
        ),
        "Evaluation": "جائزہ",
        "Showing what difference a change made, and for whom.": (
            "یہ دکھانا کہ تبدیلی سے کیا فرق پڑا، اور کس کے لیے۔"
        ),
        "Facilitation": "سہولت کاری",
        "Running workshops, huddles and events that include everyone.": (
            "ایسی ورکشاپس، ہڈلز اور تقریبات چلانا جن میں سب شامل ہوں۔"
        ),
        "Patient safety investigation": "مریضوں کی حفاظت کی تحقیقات",
        "Learning responses under PSIRF: after-action reviews, SWARM huddles, thematic reviews.": (
            "PSIRF کے تحت سیکھنے کے اقدامات: واقعے کے بعد جائزے، SWARM ہڈلز، موضوعاتی جائزے۔"
        ),
        # Languages
        "English": "انگریزی",
        "Polish": "پولش",
        "Urdu": "اردو",
        "Punjabi": "پنجابی",
        "Bengali": "بنگالی",
        "Gujarati": "گجراتی",
        "Arabic": "عربی",
        "Romanian": "رومانیائی",
        "British Sign Language": "برٹش سائن لینگویج",
        # The partners' pages
        "Our partners": "ہمارے شراکت دار",
        "The organisations that share their improvement work here.": (
            "وہ ادارے جو یہاں بہتری کے لیے اپنا کام بانٹتے ہیں۔"
        ),
        "The organisations that share their improvement work on the hub.": (
            "وہ ادارے جو ہب پر بہتری کے لیے اپنا کام بانٹتے ہیں۔"
        ),
    },
}


def strings_for(language: str) -> dict[str, str]:
    return STRINGS.get(language, {})


def ensure_taxonomy_translations(locales, translate, user=None) -> int:
    """Translate every default-language taxonomy object into each offered language with
    ``translate(instance, locale, strings, user=user)`` (``demo.translations.translate``).
    Objects already translated (by an earlier seed, or as the related object of a translated
    page) get their strings filled in and are saved again. Returns how many translations
    exist."""
    default = Locale.get_default()
    count = 0
    for locale in locales:
        if locale.language_code == settings.LANGUAGE_CODE:
            continue
        strings = strings_for(locale.language_code)
        for model in TAXONOMY_MODELS:
            for instance in model.objects.filter(locale=default).order_by("pk"):
                translate(instance, locale, strings, user=user)
                count += 1
    return count
