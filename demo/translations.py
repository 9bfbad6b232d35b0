"""Polish and Urdu for the demo's translated pages, made with wagtail-localize as an editor
would: "Translate this page", the translation editor, "Publish in <language>".

The text is keyed by the English source string. A source string without an entry here stays
in English in the translation (wagtail-localize's fallback for a translation in progress).
Slugs are not translated, so /pl/case-studies/carers-passport/ mirrors
/case-studies/carers-passport/.
"""

import json

from django.conf import settings
from django.db import transaction
from django.urls import translate_url

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    SegmentOverride,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from demo import learning_translations, taxonomy_translations
from pages.models import PartnerPage

_COMMON_CASE_STUDY = {
    "pl": {
        "See the measures above: each chart says whether the change is real.": (
            "Zobacz pomiary powyżej: każdy wykres pokazuje, czy zmiana jest rzeczywista."
        ),
        "Start small, with the people who do the work, and look at the data every week.": (
            "Zacznij od małych kroków, razem z osobami, które wykonują tę pracę, i co tydzień "
            "przeglądaj dane."
        ),
        "Other teams are welcome to visit; see “We are adopting this” below.": (
            "Inne zespoły mogą nas odwiedzić; zobacz „Wdrażamy to u siebie” poniżej."
        ),
        "Improvement lead": "Lider ds. doskonalenia",
        "Patients, carers or volunteers were part of the project team.": (
            "Pacjenci, opiekunowie lub wolontariusze byli częścią zespołu projektu."
        ),
    },
    "ur": {
        "See the measures above: each chart says whether the change is real.": (
            "اوپر دیے گئے پیمانے دیکھیں: ہر چارٹ بتاتا ہے کہ آیا تبدیلی حقیقی ہے۔"
        ),
        "Start small, with the people who do the work, and look at the data every week.": (
            "چھوٹے پیمانے سے شروع کریں، ان لوگوں کے ساتھ جو یہ کام کرتے ہیں، اور ہر ہفتے ڈیٹا "
            "دیکھیں۔"
        ),
        "Other teams are welcome to visit; see “We are adopting this” below.": (
            "دوسری ٹیمیں ہمارے پاس آ سکتی ہیں؛ نیچے ”ہم اسے اپنا رہے ہیں“ دیکھیں۔"
        ),
        "Improvement lead": "بہتری کی سربراہ",
        "Patients, carers or volunteers were part of the project team.": (
            "مریض، نگہداشت کرنے والے یا رضاکار منصوبے کی ٹیم کا حصہ تھے۔"
        ),
    },
}

HOME = {
    "pl": {
        "Wealdshire Improvement Hub": "Centrum Doskonalenia Wealdshire",
        "Find case studies, resources, training and QI coaches from across the Wealdshire "
        "health and care system, and bring your ideas to the Design Collaborative Huddle.": (
            "Znajdź studia przypadków, materiały, szkolenia i trenerów doskonalenia jakości z "
            "całego systemu opieki zdrowotnej i społecznej Wealdshire oraz przedstaw swoje "
            "pomysły zespołowi Design Collaborative Huddle."
        ),
        "Our system priorities": "Priorytety naszego systemu",
        "Ideas and case studies line up with the priorities all our partners have agreed.": (
            "Pomysły i studia przypadków są zgodne z priorytetami uzgodnionymi przez wszystkich "
            "naszych partnerów."
        ),
        "Featured": "Polecane",
        "Browse case studies": "Przeglądaj studia przypadków",
        "Follow projects in progress": "Śledź projekty w toku",
        "Submit an improvement idea": "Zgłoś pomysł na usprawnienie",
        "Find a QI coach or mentor": "Znajdź trenera lub mentora doskonalenia jakości",
        "How the huddle works": "Jak działa zespół",
        "Our partners": "Nasi partnerzy",
    },
    "ur": {
        "Wealdshire Improvement Hub": "ویلڈشائر امپروومنٹ ہب",
        "Find case studies, resources, training and QI coaches from across the Wealdshire "
        "health and care system, and bring your ideas to the Design Collaborative Huddle.": (
            "ویلڈشائر کے صحت اور نگہداشت کے پورے نظام سے کیس اسٹڈیز، وسائل، تربیت اور معیار "
            "میں بہتری کے کوچ تلاش کریں، اور اپنے خیالات ڈیزائن کولیبوریٹو ہڈل کے سامنے لائیں۔"
        ),
        "Our system priorities": "ہمارے نظام کی ترجیحات",
        "Ideas and case studies line up with the priorities all our partners have agreed.": (
            "خیالات اور کیس اسٹڈیز ان ترجیحات کے مطابق ہیں جن پر ہمارے تمام شراکت دار متفق ہیں۔"
        ),
        "Featured": "نمایاں",
        "Browse case studies": "کیس اسٹڈیز دیکھیں",
        "Follow projects in progress": "جاری منصوبوں کو دیکھتے رہیں",
        "Submit an improvement idea": "بہتری کا خیال جمع کرائیں",
        "Find a QI coach or mentor": "معیار میں بہتری کا کوچ یا مینٹور تلاش کریں",
        "How the huddle works": "ہڈل کیسے کام کرتا ہے",
        "Our partners": "ہمارے شراکت دار",
    },
}

ABOUT = {
    "pl": {
        "About the hub": "O centrum",
        "The Wealdshire Improvement Hub is where the partners of our health and care system "
        "share what works, find training and coaches, and bring ideas to the Design "
        "Collaborative Huddle.": (
            "Centrum Doskonalenia Wealdshire to miejsce, w którym partnerzy naszego systemu "
            "opieki zdrowotnej i społecznej dzielą się tym, co działa, znajdują szkolenia i "
            "trenerów oraz przedstawiają pomysły zespołowi Design Collaborative Huddle."
        ),
        "Who runs it": "Kto je prowadzi",
        "The hub is run by the partners of the Wealdshire Health and Care Partnership: NHS "
        "trusts, the integrated care board, primary care networks, the county council and "
        "voluntary and community organisations. Each partner publishes its own case studies, "
        "resources and events.": (
            "Centrum prowadzą partnerzy Wealdshire Health and Care Partnership: szpitale NHS, "
            "zintegrowana rada opieki, sieci podstawowej opieki zdrowotnej, rada hrabstwa oraz "
            "organizacje wolontariackie i społeczne. Każdy partner publikuje własne studia "
            "przypadków, materiały i wydarzenia."
        ),
        "The Design Collaborative Huddle": "Zespół Design Collaborative Huddle",
        "Every week a huddle of people from quality improvement, research, clinical audit, "
        "digital, organisational development and people with lived experience reads the ideas "
        "submitted to the hub. They coach each idea using the Model for Improvement and route "
        "it to one provider or to an integrated project across providers.": (
            "Co tydzień zespół osób zajmujących się doskonaleniem jakości, badaniami, audytem "
            "klinicznym, cyfryzacją i rozwojem organizacji, wraz z osobami z własnym "
            "doświadczeniem opieki, czyta pomysły zgłoszone do centrum. Wspiera każdy pomysł "
            "według Modelu Doskonalenia i kieruje go do jednego świadczeniodawcy albo do "
            "wspólnego projektu kilku świadczeniodawców."
        ),
        "Anyone can bring an idea: staff from any partner, patients, carers and members of "
        "the public.": (
            "Pomysł może zgłosić każdy: pracownicy każdego partnera, pacjenci, opiekunowie i "
            "mieszkańcy."
        ),
    },
    "ur": {
        "About the hub": "ہب کے بارے میں",
        "The Wealdshire Improvement Hub is where the partners of our health and care system "
        "share what works, find training and coaches, and bring ideas to the Design "
        "Collaborative Huddle.": (
            "ویلڈشائر امپروومنٹ ہب وہ جگہ ہے جہاں ہمارے صحت اور نگہداشت کے نظام کے شراکت دار "
            "کامیاب طریقے بانٹتے ہیں، تربیت اور کوچ تلاش کرتے ہیں، اور اپنے خیالات ڈیزائن "
            "کولیبوریٹو ہڈل کے سامنے لاتے ہیں۔"
        ),
        "Who runs it": "اسے کون چلاتا ہے",
        "The hub is run by the partners of the Wealdshire Health and Care Partnership: NHS "
        "trusts, the integrated care board, primary care networks, the county council and "
        "voluntary and community organisations. Each partner publishes its own case studies, "
        "resources and events.": (
            "یہ ہب ویلڈشائر ہیلتھ اینڈ کیئر پارٹنرشپ کے شراکت دار چلاتے ہیں: این ایچ ایس ٹرسٹ، "
            "انٹیگریٹڈ کیئر بورڈ، پرائمری کیئر نیٹ ورکس، کاؤنٹی کونسل اور رضاکار و کمیونٹی "
            "تنظیمیں۔ ہر شراکت دار اپنی کیس اسٹڈیز، وسائل اور تقریبات خود شائع کرتا ہے۔"
        ),
        "The Design Collaborative Huddle": "ڈیزائن کولیبوریٹو ہڈل",
        "Every week a huddle of people from quality improvement, research, clinical audit, "
        "digital, organisational development and people with lived experience reads the ideas "
        "submitted to the hub. They coach each idea using the Model for Improvement and route "
        "it to one provider or to an integrated project across providers.": (
            "ہر ہفتے معیار میں بہتری، تحقیق، کلینیکل آڈٹ، ڈیجیٹل اور تنظیمی ترقی سے وابستہ "
            "افراد اور ذاتی تجربہ رکھنے والے لوگوں کا ایک ہڈل ہب میں جمع کرائے گئے خیالات "
            "پڑھتا ہے۔ وہ ہر خیال کی ماڈل فار امپروومنٹ کے ذریعے رہنمائی کرتے ہیں اور اسے کسی "
            "ایک ادارے یا کئی اداروں کے مشترکہ منصوبے کی طرف بھیجتے ہیں۔"
        ),
        "Anyone can bring an idea: staff from any partner, patients, carers and members of "
        "the public.": (
            "کوئی بھی خیال پیش کر سکتا ہے: کسی بھی شراکت دار کا عملہ، مریض، نگہداشت کرنے والے "
            "اور عام لوگ۔"
        ),
    },
}

PRIVACY = {
    "pl": {
        "Privacy notice": "Informacja o prywatności",
        "How the hub uses the personal information you give it.": (
            "Jak centrum wykorzystuje przekazane mu dane osobowe."
        ),
        "When you submit an idea or contact a coach, we keep your name, email address and "
        "what you tell us so that the Design Collaborative Huddle can reply and support your "
        "idea. Your personal details are never published and are seen only by the huddle "
        "members or the coach you contact.": (
            "Gdy zgłaszasz pomysł lub kontaktujesz się z trenerem, przechowujemy Twoje imię i "
            "nazwisko, adres e-mail oraz to, co nam przekazujesz, aby zespół Design "
            "Collaborative Huddle mógł odpowiedzieć i wesprzeć Twój pomysł. Twoje dane osobowe "
            "nigdy nie są publikowane i widzą je tylko członkowie zespołu lub trener, z którym "
            "się kontaktujesz."
        ),
        "How long we keep it": "Jak długo je przechowujemy",
        "Ideas are kept while they are being supported and for two years after; you can ask "
        "for your data to be deleted at any time.": (
            "Pomysły przechowujemy przez cały czas wsparcia i przez dwa lata później; w każdej "
            "chwili możesz poprosić o usunięcie swoich danych."
        ),
    },
    "ur": {
        "Privacy notice": "رازداری کا نوٹس",
        "How the hub uses the personal information you give it.": (
            "ہب آپ کی دی گئی ذاتی معلومات کو کیسے استعمال کرتا ہے۔"
        ),
        "When you submit an idea or contact a coach, we keep your name, email address and "
        "what you tell us so that the Design Collaborative Huddle can reply and support your "
        "idea. Your personal details are never published and are seen only by the huddle "
        "members or the coach you contact.": (
            "جب آپ کوئی خیال جمع کراتے ہیں یا کسی کوچ سے رابطہ کرتے ہیں تو ہم آپ کا نام، ای میل "
            "پتہ اور آپ کی بتائی ہوئی باتیں محفوظ رکھتے ہیں تاکہ ڈیزائن کولیبوریٹو ہڈل آپ کو "
            "جواب دے سکے اور آپ کے خیال میں مدد کر سکے۔ آپ کی ذاتی تفصیلات کبھی شائع نہیں کی "
            "جاتیں اور انہیں صرف ہڈل کے اراکین یا وہ کوچ دیکھتا ہے جس سے آپ رابطہ کرتے ہیں۔"
        ),
        "How long we keep it": "ہم اسے کتنی دیر رکھتے ہیں",
        "Ideas are kept while they are being supported and for two years after; you can ask "
        "for your data to be deleted at any time.": (
            "خیالات اس وقت تک رکھے جاتے ہیں جب تک ان پر کام ہو رہا ہو اور اس کے بعد دو سال "
            "تک؛ آپ کسی بھی وقت اپنا ڈیٹا حذف کرنے کی درخواست کر سکتے ہیں۔"
        ),
    },
}

CASE_STUDY_INDEX = {
    "pl": {
        "Case studies": "Studia przypadków",
        "What teams across Wealdshire tried, how they measured it and what they learned.": (
            "Co wypróbowały zespoły w całym Wealdshire, jak to mierzyły i czego się nauczyły."
        ),
    },
    "ur": {
        "Case studies": "کیس اسٹڈیز",
        "What teams across Wealdshire tried, how they measured it and what they learned.": (
            "ویلڈشائر بھر کی ٹیموں نے کیا آزمایا، اسے کیسے ناپا اور انہوں نے کیا سیکھا۔"
        ),
    },
}

LISTINGS = {
    "pl": {
        "Resources": "Materiały",
        "Templates, guides, tools, videos and data to help you improve.": (
            "Szablony, poradniki, narzędzia, filmy i dane, które pomogą Ci wprowadzać usprawnienia."
        ),
        "Training and events": "Szkolenia i wydarzenia",
        "Courses, learning events, open huddles and “go and see” visits across the system.": (
            "Kursy, wydarzenia edukacyjne, otwarte spotkania zespołów i wizyty studyjne w całym "
            "systemie."
        ),
    },
    "ur": {
        "Resources": "وسائل",
        "Templates, guides, tools, videos and data to help you improve.": (
            "بہتری میں آپ کی مدد کے لیے سانچے، رہنما، اوزار، ویڈیوز اور ڈیٹا۔"
        ),
        "Training and events": "تربیت اور تقریبات",
        "Courses, learning events, open huddles and “go and see” visits across the system.": (
            "پورے نظام میں کورسز، سیکھنے کی تقریبات، کھلے ہڈلز اور ”آئیں اور دیکھیں“ دورے۔"
        ),
    },
}

CASE_STUDIES = {
    "halving-inpatient-falls": {
        "pl": {
            "Halving inpatient falls with a ward safety huddle": (
                "O połowę mniej upadków pacjentów dzięki oddziałowej odprawie bezpieczeństwa"
            ),
            "Three medical wards cut falls from about 7 to under 5 per 1,000 bed days in a year "
            "with a five-minute safety huddle and falls sensors.": (
                "Trzy oddziały internistyczne w ciągu roku zmniejszyły liczbę upadków z około 7 "
                "do poniżej 5 na 1000 osobodni dzięki pięciominutowej odprawie bezpieczeństwa i "
                "czujnikom upadku."
            ),
            "Falls were the most reported harm on our older people's wards: about 7 per 1,000 "
            "bed days, twice the national average for similar wards, with three hip fractures "
            "in one winter.": (
                "Upadki były najczęściej zgłaszaną szkodą na naszych oddziałach geriatrycznych: "
                "około 7 na 1000 osobodni, dwa razy więcej niż średnia krajowa dla podobnych "
                "oddziałów, a jednej zimy doszło do trzech złamań biodra."
            ),
            "Reduce inpatient falls on Wards 5, 6 and 7 by 30% by March 2026, without more "
            "restrictive practice such as bed rails.": (
                "Zmniejszyć liczbę upadków na oddziałach 5, 6 i 7 o 30% do marca 2026 r., bez "
                "stosowania bardziej restrykcyjnych środków, takich jak barierki łóżek."
            ),
            "Five-minute safety huddle at 8am on Ward 7": (
                "Pięciominutowa odprawa bezpieczeństwa o 8:00 na oddziale 7"
            ),
            "Predict that a short huddle will flag every patient at high risk of falls.": (
                "Przewidujemy, że krótka odprawa wskaże każdego pacjenta z wysokim ryzykiem upadku."
            ),
            "Ran on 18 of 20 weekdays; night staff joined by phone.": (
                "Odbyła się w 18 z 20 dni roboczych; zmiana nocna dołączała telefonicznie."
            ),
            "High-risk patients were flagged 94% of the time, up from 60%.": (
                "Pacjentów wysokiego ryzyka wskazywano w 94% przypadków, wcześniej w 60%."
            ),
            "Adopt on Ward 7; adapt for Wards 5 and 6 with the night team leading.": (
                "Wdrożyć na oddziale 7; dostosować dla oddziałów 5 i 6 pod kierunkiem zespołu "
                "nocnego."
            ),
            "Falls sensors for patients with delirium": (
                "Czujniki upadku dla pacjentów z majaczeniem"
            ),
            "Predict fewer unwitnessed falls at night for patients with delirium.": (
                "Przewidujemy mniej nocnych upadków bez świadków u pacjentów z majaczeniem."
            ),
            "Twelve sensor mats used; two were unplugged by mistake.": (
                "Użyto dwunastu mat z czujnikami; dwie zostały omyłkowo odłączone."
            ),
            "Unwitnessed night falls fell from 9 to 3 over two months.": (
                "Liczba nocnych upadków bez świadków spadła w ciągu dwóch miesięcy z 9 do 3."
            ),
            "Adopt, with a checklist for mats at handover.": (
                "Wdrożyć, z listą kontrolną mat przy przekazaniu zmiany."
            ),
        },
        "ur": {
            "Halving inpatient falls with a ward safety huddle": (
                "وارڈ سیفٹی ہڈل کے ذریعے داخل مریضوں کے گرنے کے واقعات آدھے"
            ),
            "Three medical wards cut falls from about 7 to under 5 per 1,000 bed days in a year "
            "with a five-minute safety huddle and falls sensors.": (
                "تین میڈیکل وارڈز نے پانچ منٹ کے سیفٹی ہڈل اور گرنے کے سینسرز کی مدد سے ایک سال "
                "میں گرنے کے واقعات فی 1,000 بستر دن تقریباً 7 سے کم کر کے 5 سے نیچے کر دیے۔"
            ),
            "Falls were the most reported harm on our older people's wards: about 7 per 1,000 "
            "bed days, twice the national average for similar wards, with three hip fractures "
            "in one winter.": (
                "بزرگوں کے ہمارے وارڈز پر گرنا سب سے زیادہ رپورٹ ہونے والا نقصان تھا: فی 1,000 "
                "بستر دن تقریباً 7، جو ملتے جلتے وارڈز کی قومی اوسط کا دگنا ہے، اور ایک سردی میں "
                "کولہے کی تین ہڈیاں ٹوٹیں۔"
            ),
            "Reduce inpatient falls on Wards 5, 6 and 7 by 30% by March 2026, without more "
            "restrictive practice such as bed rails.": (
                "مارچ 2026 تک وارڈ 5، 6 اور 7 پر مریضوں کے گرنے کے واقعات میں 30% کمی، بستر کی "
                "ریلنگ جیسی زیادہ پابندی والے طریقوں کے بغیر۔"
            ),
            "Five-minute safety huddle at 8am on Ward 7": (
                "وارڈ 7 پر صبح 8 بجے پانچ منٹ کا سیفٹی ہڈل"
            ),
            "Predict that a short huddle will flag every patient at high risk of falls.": (
                "پیش گوئی: ایک مختصر ہڈل گرنے کے زیادہ خطرے والے ہر مریض کی نشاندہی کرے گا۔"
            ),
            "Ran on 18 of 20 weekdays; night staff joined by phone.": (
                "20 میں سے 18 کام کے دنوں میں ہوا؛ رات کا عملہ فون پر شامل ہوا۔"
            ),
            "High-risk patients were flagged 94% of the time, up from 60%.": (
                "زیادہ خطرے والے مریضوں کی نشاندہی 60% سے بڑھ کر 94% ہو گئی۔"
            ),
            "Adopt on Ward 7; adapt for Wards 5 and 6 with the night team leading.": (
                "وارڈ 7 پر اپنائیں؛ رات کی ٹیم کی قیادت میں وارڈ 5 اور 6 کے لیے ڈھالیں۔"
            ),
            "Falls sensors for patients with delirium": "ڈیلیریم کے مریضوں کے لیے گرنے کے سینسر",
            "Predict fewer unwitnessed falls at night for patients with delirium.": (
                "پیش گوئی: ڈیلیریم کے مریضوں میں رات کو بغیر گواہ کے گرنے کے واقعات کم ہوں گے۔"
            ),
            "Twelve sensor mats used; two were unplugged by mistake.": (
                "بارہ سینسر میٹ استعمال ہوئے؛ دو غلطی سے بند ہو گئے۔"
            ),
            "Unwitnessed night falls fell from 9 to 3 over two months.": (
                "دو ماہ میں رات کو بغیر گواہ کے گرنے کے واقعات 9 سے کم ہو کر 3 رہ گئے۔"
            ),
            "Adopt, with a checklist for mats at handover.": (
                "اپنائیں، ہینڈ اوور پر میٹس کی چیک لسٹ کے ساتھ۔"
            ),
        },
    },
    "carers-passport": {
        "pl": {
            "A carer's passport for hospital wards": "Paszport opiekuna na oddziałach szpitalnych",
            "Unpaid carers designed a passport that lets them stay with the person they care "
            "for and join ward rounds; now used on eight wards.": (
                "Nieodpłatni opiekunowie zaprojektowali paszport, dzięki któremu mogą zostać z "
                "osobą, którą się opiekują, i uczestniczyć w obchodach; korzysta z niego już "
                "osiem oddziałów."
            ),
            "Carers were sent home at the end of visiting time, even for people with dementia.": (
                "Opiekunów odsyłano do domu po godzinach odwiedzin, nawet gdy opiekowali się "
                "osobami z demencją."
            ),
            "Every ward recognises the carer's passport by the end of 2026.": (
                "Do końca 2026 r. każdy oddział honoruje paszport opiekuna."
            ),
        },
        "ur": {
            "A carer's passport for hospital wards": (
                "ہسپتال کے وارڈز کے لیے نگہداشت کنندہ کا پاسپورٹ"
            ),
            "Unpaid carers designed a passport that lets them stay with the person they care "
            "for and join ward rounds; now used on eight wards.": (
                "بلا معاوضہ نگہداشت کرنے والوں نے ایک پاسپورٹ تیار کیا جس سے وہ اپنے زیرِ نگہداشت "
                "فرد کے ساتھ رہ سکتے ہیں اور وارڈ راؤنڈ میں شامل ہو سکتے ہیں؛ اب یہ آٹھ وارڈز "
                "پر استعمال ہوتا ہے۔"
            ),
            "Carers were sent home at the end of visiting time, even for people with dementia.": (
                "ملاقات کا وقت ختم ہونے پر نگہداشت کرنے والوں کو گھر بھیج دیا جاتا تھا، ڈیمنشیا "
                "کے مریضوں کے معاملے میں بھی۔"
            ),
            "Every ward recognises the carer's passport by the end of 2026.": (
                "2026 کے آخر تک ہر وارڈ نگہداشت کنندہ کے پاسپورٹ کو تسلیم کرے۔"
            ),
        },
    },
    "stroke-door-to-needle": {
        "pl": {
            "Faster thrombolysis with an ambulance pre-alert": (
                "Szybsza tromboliza dzięki wcześniejszemu powiadomieniu z karetki"
            ),
            "A pre-alert from the ambulance service and a stroke nurse meeting the crew at the "
            "door cut median door-to-needle time from 62 to 38 minutes.": (
                "Wcześniejsze powiadomienie od pogotowia i pielęgniarka udarowa czekająca na "
                "zespół przy wejściu skróciły medianę czasu od przyjazdu do podania leku z 62 "
                "do 38 minut."
            ),
            "Every minute of delay to thrombolysis costs brain tissue; we averaged an hour.": (
                "Każda minuta opóźnienia trombolizy to utrata tkanki mózgowej; średnio "
                "potrzebowaliśmy godziny."
            ),
            "Median door-to-needle time under 45 minutes, sustained for a year.": (
                "Mediana czasu od przyjazdu do podania leku poniżej 45 minut, utrzymana przez rok."
            ),
        },
        "ur": {
            "Faster thrombolysis with an ambulance pre-alert": (
                "ایمبولینس کی پیشگی اطلاع سے تیز تر تھرومبولائسز"
            ),
            "A pre-alert from the ambulance service and a stroke nurse meeting the crew at the "
            "door cut median door-to-needle time from 62 to 38 minutes.": (
                "ایمبولینس سروس کی پیشگی اطلاع اور دروازے پر عملے سے ملنے والی اسٹروک نرس کی "
                "بدولت پہنچنے سے دوا لگنے تک کا درمیانی وقت 62 سے کم ہو کر 38 منٹ رہ گیا۔"
            ),
            "Every minute of delay to thrombolysis costs brain tissue; we averaged an hour.": (
                "تھرومبولائسز میں ہر منٹ کی تاخیر دماغ کے خلیوں کا نقصان ہے؛ ہمیں اوسطاً ایک "
                "گھنٹہ لگتا تھا۔"
            ),
            "Median door-to-needle time under 45 minutes, sustained for a year.": (
                "پہنچنے سے دوا لگنے تک کا درمیانی وقت 45 منٹ سے کم، ایک سال تک برقرار۔"
            ),
        },
    },
}


# The case studies' measures: chart titles, units and annotation labels (the dates and
# numbers stay as they are: wagtail-localize synchronises them from the English page). A
# multi-line text is one segment, its lines joined by <br/>.
MEASURES = {
    "pl": {
        "Inpatient falls": "Upadki pacjentów hospitalizowanych",
        "falls per 1,000 bed days": "upadki na 1000 osobodni",
        "2025-03-01, Safety huddle starts<br/>2025-05-01, Falls sensors on bays": (
            "2025-03-01, Początek odpraw bezpieczeństwa<br/>2025-05-01, Czujniki upadku na salach"
        ),
        "Patients with a completed falls risk assessment within 6 hours": (
            "Pacjenci z oceną ryzyka upadku wykonaną w ciągu 6 godzin"
        ),
        "2025-02-01, New admission checklist": "2025-02-01, Nowa lista kontrolna przy przyjęciu",
        "Use of bed rails": "Stosowanie barierek łóżek",
        "% of patients": "% pacjentów",
        "Door-to-needle time for thrombolysis (median)": (
            "Czas od przyjazdu do podania leku trombolitycznego (mediana)"
        ),
        "minutes": "minuty",
        "2025-01-01, Pre-alert pathway with ambulance service": (
            "2025-01-01, Ścieżka wcześniejszego powiadomienia z pogotowiem"
        ),
    },
    "ur": {
        "Inpatient falls": "داخل مریضوں کے گرنے کے واقعات",
        "falls per 1,000 bed days": "فی 1,000 بستر دن گرنے کے واقعات",
        "2025-03-01, Safety huddle starts<br/>2025-05-01, Falls sensors on bays": (
            "2025-03-01, سیفٹی ہڈل کا آغاز<br/>2025-05-01, وارڈ کے حصوں میں گرنے کے سینسر"
        ),
        "Patients with a completed falls risk assessment within 6 hours": (
            "وہ مریض جن کا گرنے کے خطرے کا جائزہ 6 گھنٹے کے اندر مکمل ہوا"
        ),
        "2025-02-01, New admission checklist": "2025-02-01, داخلے کی نئی چیک لسٹ",
        "Use of bed rails": "بستر کی ریلنگ کا استعمال",
        "% of patients": "مریضوں کا %",
        "Door-to-needle time for thrombolysis (median)": (
            "تھرومبولائسز کے لیے پہنچنے سے دوا لگنے تک کا وقت (وسطانیہ)"
        ),
        "minutes": "منٹ",
        "2025-01-01, Pre-alert pathway with ambulance service": (
            "2025-01-01, ایمبولینس سروس کے ساتھ پیشگی اطلاع کا طریقہ"
        ),
    },
}


def strings_for(slug: str, language: str) -> dict[str, str]:
    """The translations for the demo page with this slug (``home`` for the home page)."""
    tables = {
        "home": HOME,
        "about": ABOUT,
        "privacy-notice": PRIVACY,
        "case-studies": CASE_STUDY_INDEX,
        "resources": LISTINGS,
        "training": LISTINGS,
    }
    if slug in tables:
        return tables[slug].get(language, {})
    if slug in CASE_STUDIES:
        return {
            **_COMMON_CASE_STUDY.get(language, {}),
            **MEASURES.get(language, {}),
            **CASE_STUDIES[slug].get(language, {}),
        }
    return {}


TRANSLATED_PAGES = (
    "home",
    "about",
    "privacy-notice",
    "case-studies",
    "resources",
    "training",
    *CASE_STUDIES,
)


def translate(instance, locale, strings, user=None):
    """Translate ``instance`` (a page or a translatable snippet) into ``locale`` with
    wagtail-localize, filling the given strings, and publish it: what an editor does with
    "Translate", the translation editor and "Publish in <language>" (or "Save" for a
    snippet).

    Strings without a translation fall back to the source text, as wagtail-localize does
    for a translation in progress. Links to the hub's own non-page URLs (``/coaches/``)
    are pointed at the same URL in the translation's language. A page translated already
    is left as it is (an editor may have changed it); a snippet's strings are filled in
    again, since a translated page may have created it untranslated as a related object.
    Slugs are never translated: web addresses and filters (``?topic=falls``) stay the same
    in every language.
    """
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.filter(source=source, target_locale=locale).first()
    if translation is not None and isinstance(instance, Page):
        return instance.get_translation(locale)
    if translation is None:
        # A page may exist in ``locale`` already as an untranslated copy, made when a page
        # below it was translated: translating it fills that copy in.
        translate_object(instance, [locale], user=user)
        translation = Translation.objects.get(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string", "context"):
        target = strings.get(segment.string.data)
        if target and segment.context.path != "slug":  # slugs stay as in English
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": target},
            )
    for segment in source.overridablesegment_set.select_related("context"):
        url = segment.data_json and json.loads(segment.data_json)
        if isinstance(url, str) and url.startswith("/"):
            SegmentOverride.objects.update_or_create(
                locale=locale,
                context=segment.context,
                defaults={"data_json": json.dumps(translate_url(url, locale.language_code))},
            )
    translation.save_target(user=user, publish=True)
    return instance.get_translation(locale)


def _repair_child_counts():
    """wagtail-localize publishes translations when the transaction commits, from revisions
    that hold the page as it was when translated: a translated parent created in the same
    transaction as its translated children is saved back with ``numchild=0``. Recount."""
    for page in Page.objects.filter(depth__gt=1).exclude(locale=Locale.get_default()):
        count = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if page.numchild != count:
            Page.objects.filter(pk=page.pk).update(numchild=count)


def ensure_translations(home, locales, user=None) -> int:
    """Polish and Urdu (whichever are offered) for the taxonomies, then the home page, the
    pages that lead to the idea form, the partners' pages, a few case studies (the tables
    above), the collaborative with its teams and the projects in progress
    (``demo.learning_translations``). Taxonomies go first, so that a translated page links
    to the translated organisation. Returns how many translated pages exist."""
    taxonomy_translations.ensure_taxonomy_translations(locales, translate, user=user)
    count = 0
    for locale in locales:
        if locale.language_code == settings.LANGUAGE_CODE:
            continue
        for slug in TRANSLATED_PAGES:
            page = (
                home
                if slug == "home"
                else Page.objects.filter(slug=slug, locale=home.locale).first()
            )
            if page is None:
                continue  # seed(library=False): no case studies
            strings = strings_for(slug, locale.language_code)
            if strings:
                translate(page.specific, locale, strings, user=user)
                count += 1
        # The partners' section: its index, then one page per organisation, titled and
        # summarised as the organisation is (translated with the taxonomies).
        partners = taxonomy_translations.strings_for(locale.language_code)
        index = Page.objects.filter(slug="partners", depth=3, locale=home.locale).first()
        if index is not None and partners:
            translate(index.specific, locale, partners, user=user)
            count += 1
            for partner in PartnerPage.objects.child_of(index).order_by("path"):
                translate(partner, locale, partners, user=user)
                count += 1
        # The learning system: the collaborative and its teams, then the projects in progress
        # (inside the partners' sections translated just above).
        learning = learning_translations.strings_for(locale.language_code)
        for slug in (
            *learning_translations.COLLABORATIVE_PAGES,
            *learning_translations.PROJECT_PAGES,
        ):
            page = Page.objects.filter(slug=slug, locale=home.locale).first()
            if page is not None and learning:
                translate(page.specific, locale, learning, user=user)
                count += 1
    # Runs after wagtail-localize's own on-commit publishing (callbacks run in order).
    transaction.on_commit(_repair_child_counts)
    return count
