"""Polish and Urdu for the demo's learning system: the collaboratives index, the falls
collaborative and its four teams, the projects index and the two projects in progress
(with their PDSA cycles, measures and progress updates), made with wagtail-localize as
``demo.translations`` makes the other pages.

Keyed by the English source string, one table per language for all of them (the teams and
the collaborative share their measure's name and unit). Names of people stay as they are;
organisation names come from the taxonomies' table. The order of :data:`PAGES` is the order
they are translated in: a collaborative before its teams.
"""

from demo import taxonomy_translations

STRINGS = {
    "pl": {
        # The collaboratives index and the collaborative
        "Collaboratives": "Programy współpracy",
        "Teams from across Wealdshire learning together to improve one thing, measuring it "
        "the same way.": (
            "Zespoły z całego Wealdshire uczą się razem, jak usprawnić jedną rzecz, i mierzą "
            "ją w ten sam sposób."
        ),
        "Wealdshire falls collaborative": "Program współpracy Wealdshire: zapobieganie upadkom",
        "Four teams, one common measure: preventing falls together.": (
            "Cztery zespoły, jeden wspólny pomiar: razem zapobiegamy upadkom."
        ),
        "Four teams from four partners, in hospital, community and care homes, testing the "
        "same changes to prevent falls and learning from each other's data.": (
            "Cztery zespoły czterech partnerów, ze szpitala, opieki środowiskowej i domów "
            "opieki, testują te same zmiany zapobiegające upadkom i uczą się na swoich danych "
            "nawzajem."
        ),
        "Reduce falls by 30% in every team taking part by the end of 2026.": (
            "Zmniejszyć liczbę upadków o 30% w każdym zespole biorącym udział do końca 2026 r."
        ),
        "Reliable risk assessment": "Rzetelna ocena ryzyka",
        "Falls risk assessment within 6 hours of admission": (
            "Ocena ryzyka upadku w ciągu 6 godzin od przyjęcia"
        ),
        "A checklist in the admission bundle, checked at the morning safety huddle.": (
            "Lista kontrolna w pakiecie przyjęcia, sprawdzana na porannej odprawie bezpieczeństwa."
        ),
        "Lying and standing blood pressure for everyone over 65": (
            "Pomiar ciśnienia na leżąco i na stojąco u każdego po 65. roku życia"
        ),
        "Recorded on admission and after any change in medicines.": (
            "Zapisywany przy przyjęciu i po każdej zmianie leków."
        ),
        "Safer environments": "Bezpieczniejsze otoczenie",
        "Bay nursing for patients at high risk": (
            "Stała obecność pielęgniarki na sali u pacjentów z wysokim ryzykiem"
        ),
        "One member of staff stays in the bay, handing over before leaving it.": (
            "Jedna osoba z personelu zostaje na sali i przekazuje dyżur, zanim z niej wyjdzie."
        ),
        "Safer nights": "Bezpieczniejsze noce",
        "Intentional rounding every hour from 10pm": "Celowy obchód co godzinę od 22:00",
        "Toilet, thirst, pain and position, asked and recorded.": (
            "Toaleta, pragnienie, ból i ułożenie: pytamy i zapisujemy."
        ),
        "Learning from every fall": "Nauka z każdego upadku",
        "A ten-minute huddle after each fall": "Dziesięciominutowa odprawa po każdym upadku",
        "What happened, what helped, what we change tomorrow: no blame.": (
            "Co się stało, co pomogło, co zmienimy jutro: bez szukania winnych."
        ),
        "Consultant geriatrician, clinical lead": "Lekarz geriatra, kierownik kliniczny",
        "Falls prevention nurse specialist": "Pielęgniarka specjalistka ds. zapobiegania upadkom",
        "Improvement analyst": "Analityczka ds. doskonalenia",
        "Inpatient falls": "Upadki pacjentów hospitalizowanych",
        "falls per 1,000 bed days": "upadki na 1000 osobodni",
        "Falls reported on the incident system, per 1,000 occupied bed days.": (
            "Upadki zgłoszone w systemie zdarzeń niepożądanych, na 1000 osobodni."
        ),
        "Learning session 1: the case for change": "Sesja edukacyjna 1: dlaczego zmiana",
        "Action period 1": "Okres działania 1",
        "Learning session 2: reliable risk assessment": (
            "Sesja edukacyjna 2: rzetelna ocena ryzyka"
        ),
        "Action period 2": "Okres działania 2",
        "Learning session 3: safer nights": "Sesja edukacyjna 3: bezpieczniejsze noce",
        "Action period 3": "Okres działania 3",
        "Learning session 4: holding the gains": "Sesja edukacyjna 4: utrwalanie efektów",
        "Summit: sharing what worked": "Szczyt: dzielimy się tym, co zadziałało",
        # The teams
        "Ward 7 (older people’s medicine)": "Oddział 7 (geriatria)",
        "A 28-bed ward for older people at Wealdshire General Hospital.": (
            "Oddział dla osób starszych z 28 łóżkami w Szpitalu Ogólnym Wealdshire."
        ),
        "Halve falls on Ward 7, from about 7 to 3.5 per 1,000 bed days, by March 2026.": (
            "Zmniejszyć o połowę liczbę upadków na oddziale 7, z około 7 do 3,5 na 1000 "
            "osobodni, do marca 2026 r."
        ),
        "Safety huddle at 8am": "Odprawa bezpieczeństwa o 8:00",
        "Predict that a five-minute huddle flags every patient at high risk of falls.": (
            "Przewidujemy, że pięciominutowa odprawa wskaże każdego pacjenta z wysokim "
            "ryzykiem upadku."
        ),
        "Ran on 40 of 44 weekdays; the night nurse joined before handover.": (
            "Odbyła się w 40 z 44 dni roboczych; pielęgniarka z nocnej zmiany dołączała przed "
            "przekazaniem dyżuru."
        ),
        "High-risk patients were flagged 94% of the time, up from 60%.": (
            "Pacjentów z wysokim ryzykiem oznaczano w 94% przypadków, wcześniej w 60%."
        ),
        "Adopt, and add a question about the night ahead.": (
            "Wdrażamy i dodajemy pytanie o nadchodzącą noc."
        ),
        "Bay nursing in bays 1 and 2": "Stała obecność pielęgniarki na salach 1 i 2",
        "Predict fewer unwitnessed falls where a nurse stays in the bay.": (
            "Przewidujemy mniej upadków bez świadków tam, gdzie pielęgniarka zostaje na sali."
        ),
        "Kept on 34 of 35 day shifts; hard on two short-staffed nights.": (
            "Utrzymane na 34 z 35 dziennych zmian; trudne podczas dwóch nocy z brakami kadrowymi."
        ),
        "No unwitnessed falls in the two bays for seven weeks.": (
            "Przez siedem tygodni żadnego upadku bez świadków na tych dwóch salach."
        ),
        "Adopt in every bay; agree cover for breaks.": (
            "Wdrażamy na każdej sali; ustalamy zastępstwa na przerwy."
        ),
        "Larkfield community hospital": "Szpital środowiskowy Larkfield",
        "A 24-bed rehabilitation ward in a community hospital.": (
            "Oddział rehabilitacyjny z 24 łóżkami w szpitalu środowiskowym."
        ),
        "Reduce falls by a third by June 2026 while keeping patients as active as before.": (
            "Zmniejszyć liczbę upadków o jedną trzecią do czerwca 2026 r., nie ograniczając "
            "aktywności pacjentów."
        ),
        "Hourly rounding at night": "Obchód co godzinę w nocy",
        "Predict fewer falls between 10pm and 6am with hourly rounding.": (
            "Przewidujemy mniej upadków między 22:00 a 6:00 dzięki obchodom co godzinę."
        ),
        "Rounds were recorded on 60% of nights: agency staff did not know about it.": (
            "Obchody zapisano w 60% nocy: personel z agencji o nich nie wiedział."
        ),
        "Falls at night did not fall; the data now shows more patients with delirium.": (
            "Upadków w nocy nie ubyło; dane pokazują teraz więcej pacjentów z majaczeniem."
        ),
        "Adapt: add rounding to the agency induction and test a delirium screen.": (
            "Dostosowujemy: dodajemy obchody do szkolenia wstępnego personelu z agencji i "
            "testujemy badanie przesiewowe w kierunku majaczenia."
        ),
        "Care home support team": "Zespół wsparcia domów opieki",
        "The council’s team supporting twelve residential care homes.": (
            "Zespół rady hrabstwa wspierający dwanaście domów opieki."
        ),
        "Fewer falls in the homes we support, measured per 1,000 occupied bed days.": (
            "Mniej upadków w domach, które wspieramy, liczonych na 1000 osobodni."
        ),
        "Falls champions in three homes": "Liderzy zapobiegania upadkom w trzech domach",
        "Predict that a trained champion in each home will lead a huddle after falls.": (
            "Przewidujemy, że przeszkolony lider w każdym domu poprowadzi odprawę po upadku."
        ),
        "Two of three homes held huddles; one lost its champion to sickness.": (
            "Dwa z trzech domów prowadziły odprawy; w jednym lider zachorował."
        ),
        "Staff liked the huddles; too early to see a change in the falls rate.": (
            "Personelowi odprawy się spodobały; za wcześnie, by zobaczyć zmianę liczby upadków."
        ),
        "Adapt: train two champions per home, then spread to six homes.": (
            "Dostosowujemy: szkolimy dwóch liderów w każdym domu, potem rozszerzamy na sześć domów."
        ),
        "Riverside frailty virtual ward": (
            "Wirtualny oddział dla osób z zespołem kruchości Riverside"
        ),
        "Patients on the PCN’s frailty virtual ward, joined in the third action period.": (
            "Pacjenci wirtualnego oddziału sieci POZ dla osób z zespołem kruchości; zespół "
            "dołączył w trzecim okresie działania."
        ),
        "No falls for patients in their first week on the virtual ward.": (
            "Żadnych upadków w pierwszym tygodniu pobytu pacjenta na wirtualnym oddziale."
        ),
        # The projects index and the projects
        "Projects in progress": "Projekty w toku",
        "Improvement work happening now across Wealdshire: follow each team's aim, the "
        "changes they are testing and their charts as the data comes in.": (
            "Prace nad usprawnieniami trwające teraz w całym Wealdshire: śledź cel każdego "
            "zespołu, testowane zmiany i wykresy, w miarę jak napływają dane."
        ),
        "A carers' passport that follows people from hospital to home": (
            "Paszport opiekuna, który towarzyszy pacjentowi ze szpitala do domu"
        ),
        "Carers are not recognised when the person they care for is admitted, and are often "
        "told about discharge on the day.": (
            "Opiekunowie nie są rozpoznawani, gdy osoba, którą się opiekują, trafia do szpitala, "
            "i często dowiadują się o wypisie w dniu wypisu."
        ),
        "Every known carer is told about discharge plans at least 48 hours ahead.": (
            "Każdy znany opiekun dowiaduje się o planach wypisu co najmniej 48 godzin wcześniej."
        ),
        "Discharge coordinators and ward sisters at Kingsmead, the community nursing team, "
        "adult social care, Wealdshire Carers' Centre and three carers who co-designed the "
        "passport.": (
            "Koordynatorzy wypisów i oddziałowe w Kingsmead, zespół pielęgniarek "
            "środowiskowych, pomoc społeczna dla dorosłych, Centrum Opiekunów Wealdshire oraz "
            "troje opiekunów, którzy współtworzyli paszport."
        ),
        "The passport on one ward for a month": "Paszport na jednym oddziale przez miesiąc",
        "Offer the passport to every carer on ward 7; predict half will use it.": (
            "Proponujemy paszport każdemu opiekunowi na oddziale 7; przewidujemy, że połowa z "
            "niego skorzysta."
        ),
        "Offered to 31 carers; 19 used it at discharge.": (
            "Zaproponowany 31 opiekunom; 19 skorzystało z niego przy wypisie."
        ),
        "Carers involved in discharge planning rose from about 40% to 55%.": (
            "Odsetek opiekunów włączonych w planowanie wypisu wzrósł z około 40% do 55%."
        ),
        "Adapt: add the community team's number and test on two more wards.": (
            "Dostosowujemy: dodajemy numer zespołu środowiskowego i testujemy na dwóch kolejnych "
            "oddziałach."
        ),
        "A 'carer' flag on the ward board": "Oznaczenie „opiekun” na tablicy oddziałowej",
        "Flag every patient with a known carer at the morning board round.": (
            "Oznaczamy każdego pacjenta ze znanym opiekunem podczas porannego przeglądu tablicy."
        ),
        "Flagged on three wards for four weeks.": (
            "Oznaczano na trzech oddziałach przez cztery tygodnie."
        ),
        "Five points in a row above the old mean so far.": (
            "Jak dotąd pięć punktów z rzędu powyżej dawnej średniej."
        ),
        "Adopt on the three wards; ask social care to read the flag too.": (
            "Wdrażamy na trzech oddziałach; prosimy pomoc społeczną, by też czytała oznaczenie."
        ),
        "Carers reporting they were involved in discharge planning.": (
            "Opiekunowie, którzy zgłaszają, że byli włączeni w planowanie wypisu."
        ),
        "We started": "Zaczęliśmy",
        "Carers, nurses and social care agreed the aim and designed the first version of the "
        "passport together.": (
            "Opiekunowie, pielęgniarki i pomoc społeczna uzgodnili cel i razem zaprojektowali "
            "pierwszą wersję paszportu."
        ),
        "First ward": "Pierwszy oddział",
        "Ward 7 offered the passport to every carer for a month.": (
            "Oddział 7 przez miesiąc proponował paszport każdemu opiekunowi."
        ),
        "Three wards and a flag": "Trzy oddziały i oznaczenie",
        "The passport and the board flag are on three wards; social care now reads the flag "
        "at referral.": (
            "Paszport i oznaczenie na tablicy działają na trzech oddziałach; pomoc społeczna "
            "czyta teraz oznaczenie przy skierowaniu."
        ),
        "A real shift": "Prawdziwa zmiana",
        "Five months in a row above the old average: the chart calls it special cause "
        "improvement.": (
            "Pięć miesięcy z rzędu powyżej dawnej średniej: wykres pokazuje poprawę o "
            "szczególnej przyczynie."
        ),
        "Text reminders to cut missed physiotherapy appointments": (
            "Przypomnienia SMS, by ograniczyć nieodbyte wizyty u fizjoterapeuty"
        ),
        "One in six community physiotherapy appointments is missed without notice.": (
            "Co szósta wizyta w środowiskowej fizjoterapii przepada bez uprzedzenia."
        ),
        "Halve missed appointments in the Wey valley team within four months.": (
            "W ciągu czterech miesięcy zmniejszyć o połowę liczbę nieodbytych wizyt w zespole "
            "doliny Wey."
        ),
        "The Wey valley community physiotherapy team, its administrators, the trust's digital "
        "team and two patient partners.": (
            "Zespół fizjoterapii środowiskowej doliny Wey, jego pracownicy administracyjni, "
            "zespół cyfrowy szpitala i dwoje partnerów z grona pacjentów."
        ),
        "Two reminders for one clinic": "Dwa przypomnienia dla jednej poradni",
        "Text reminders three days and one day before, for one clinic for two weeks.": (
            "Przypomnienia SMS na trzy dni i na jeden dzień przed wizytą, w jednej poradni przez "
            "dwa tygodnie."
        ),
        "Did-not-attend rate per week.": "Odsetek nieodbytych wizyt w tygodniu.",
        "Complaints about reminder messages.": "Skargi na wiadomości z przypomnieniem.",
        "Baseline collected": "Zebrano dane wyjściowe",
        "Six months of did-not-attend data are on the chart.": (
            "Na wykresie jest sześć miesięcy danych o nieodbytych wizytach."
        ),
        "First texts sent": "Wysłano pierwsze SMS-y",
        "The first clinic's reminders went out this week.": (
            "W tym tygodniu wyszły pierwsze przypomnienia dla poradni."
        ),
    },
    "ur": {
        # The collaboratives index and the collaborative
        "Collaboratives": "اشتراکی پروگرام",
        "Teams from across Wealdshire learning together to improve one thing, measuring it "
        "the same way.": (
            "ویلڈشائر بھر کی ٹیمیں ایک چیز بہتر بنانے کے لیے مل کر سیکھتی ہیں، اور اسے ایک ہی "
            "طریقے سے ناپتی ہیں۔"
        ),
        "Wealdshire falls collaborative": "ویلڈشائر میں گرنے سے بچاؤ کا اشتراکی پروگرام",
        "Four teams, one common measure: preventing falls together.": (
            "چار ٹیمیں، ایک مشترکہ پیمانہ: مل کر گرنے سے بچاؤ۔"
        ),
        "Four teams from four partners, in hospital, community and care homes, testing the "
        "same changes to prevent falls and learning from each other's data.": (
            "چار شراکت داروں کی چار ٹیمیں، ہسپتال، کمیونٹی اور کیئر ہومز میں، گرنے سے بچاؤ کے "
            "لیے ایک جیسی تبدیلیاں آزما رہی ہیں اور ایک دوسرے کے ڈیٹا سے سیکھ رہی ہیں۔"
        ),
        "Reduce falls by 30% in every team taking part by the end of 2026.": (
            "2026 کے آخر تک شریک ہر ٹیم میں گرنے کے واقعات میں 30% کمی۔"
        ),
        "Reliable risk assessment": "قابلِ اعتماد خطرے کا جائزہ",
        "Falls risk assessment within 6 hours of admission": (
            "داخلے کے 6 گھنٹے کے اندر گرنے کے خطرے کا جائزہ"
        ),
        "A checklist in the admission bundle, checked at the morning safety huddle.": (
            "داخلے کے پیکٹ میں ایک چیک لسٹ، جو صبح کے سیفٹی ہڈل میں دیکھی جاتی ہے۔"
        ),
        "Lying and standing blood pressure for everyone over 65": (
            "65 سال سے زیادہ عمر کے ہر فرد کا لیٹ کر اور کھڑے ہو کر بلڈ پریشر"
        ),
        "Recorded on admission and after any change in medicines.": (
            "داخلے پر اور دواؤں میں ہر تبدیلی کے بعد درج کیا جاتا ہے۔"
        ),
        "Safer environments": "زیادہ محفوظ ماحول",
        "Bay nursing for patients at high risk": "زیادہ خطرے والے مریضوں کے لیے بے نرسنگ",
        "One member of staff stays in the bay, handing over before leaving it.": (
            "عملے کا ایک رکن بے میں رہتا ہے، اور جانے سے پہلے ذمہ داری سونپ دیتا ہے۔"
        ),
        "Safer nights": "زیادہ محفوظ راتیں",
        "Intentional rounding every hour from 10pm": "رات 10 بجے سے ہر گھنٹے باقاعدہ راؤنڈ",
        "Toilet, thirst, pain and position, asked and recorded.": (
            "بیت الخلا، پیاس، درد اور کروٹ: پوچھا اور درج کیا جاتا ہے۔"
        ),
        "Learning from every fall": "ہر بار گرنے سے سیکھنا",
        "A ten-minute huddle after each fall": "ہر بار گرنے کے بعد دس منٹ کا ہڈل",
        "What happened, what helped, what we change tomorrow: no blame.": (
            "کیا ہوا، کس چیز سے مدد ملی، کل ہم کیا بدلیں گے: کسی پر الزام نہیں۔"
        ),
        "Consultant geriatrician, clinical lead": "کنسلٹنٹ جیریاٹریشن، کلینیکل سربراہ",
        "Falls prevention nurse specialist": "گرنے سے بچاؤ کی ماہر نرس",
        "Improvement analyst": "بہتری کی تجزیہ کار",
        "Inpatient falls": "داخل مریضوں کے گرنے کے واقعات",
        "falls per 1,000 bed days": "فی 1,000 بستر دن گرنے کے واقعات",
        "Falls reported on the incident system, per 1,000 occupied bed days.": (
            "واقعات کے نظام میں درج گرنے کے واقعات، فی 1,000 زیرِ استعمال بستر دن۔"
        ),
        "Learning session 1: the case for change": "تعلیمی نشست 1: تبدیلی کیوں ضروری ہے",
        "Action period 1": "عملی مدت 1",
        "Learning session 2: reliable risk assessment": (
            "تعلیمی نشست 2: قابلِ اعتماد خطرے کا جائزہ"
        ),
        "Action period 2": "عملی مدت 2",
        "Learning session 3: safer nights": "تعلیمی نشست 3: زیادہ محفوظ راتیں",
        "Action period 3": "عملی مدت 3",
        "Learning session 4: holding the gains": "تعلیمی نشست 4: کامیابیوں کو برقرار رکھنا",
        "Summit: sharing what worked": "سربراہی اجلاس: جو کارآمد رہا اسے بانٹنا",
        # The teams
        "Ward 7 (older people’s medicine)": "وارڈ 7 (بزرگوں کی طب)",
        "A 28-bed ward for older people at Wealdshire General Hospital.": (
            "ویلڈشائر جنرل ہسپتال میں بزرگوں کے لیے 28 بستروں کا وارڈ۔"
        ),
        "Halve falls on Ward 7, from about 7 to 3.5 per 1,000 bed days, by March 2026.": (
            "مارچ 2026 تک وارڈ 7 پر گرنے کے واقعات آدھے کرنا، فی 1,000 بستر دن تقریباً 7 سے 3.5 تک۔"
        ),
        "Safety huddle at 8am": "صبح 8 بجے سیفٹی ہڈل",
        "Predict that a five-minute huddle flags every patient at high risk of falls.": (
            "ہماری پیش گوئی ہے کہ پانچ منٹ کا ہڈل گرنے کے زیادہ خطرے والے ہر مریض کی نشاندہی "
            "کرے گا۔"
        ),
        "Ran on 40 of 44 weekdays; the night nurse joined before handover.": (
            "44 میں سے 40 کام کے دنوں میں ہوا؛ رات کی نرس ذمہ داری سونپنے سے پہلے شامل ہوئی۔"
        ),
        "High-risk patients were flagged 94% of the time, up from 60%.": (
            "زیادہ خطرے والے مریضوں کی نشاندہی 94% بار ہوئی، جو پہلے 60% تھی۔"
        ),
        "Adopt, and add a question about the night ahead.": (
            "اپنائیں، اور آنے والی رات کے بارے میں ایک سوال شامل کریں۔"
        ),
        "Bay nursing in bays 1 and 2": "بے 1 اور 2 میں بے نرسنگ",
        "Predict fewer unwitnessed falls where a nurse stays in the bay.": (
            "ہماری پیش گوئی ہے کہ جہاں نرس بے میں رہے وہاں بغیر گواہ کے گرنے کے واقعات کم ہوں گے۔"
        ),
        "Kept on 34 of 35 day shifts; hard on two short-staffed nights.": (
            "دن کی 35 میں سے 34 شفٹوں میں جاری رہا؛ عملے کی کمی والی دو راتوں میں مشکل رہا۔"
        ),
        "No unwitnessed falls in the two bays for seven weeks.": (
            "سات ہفتوں تک دونوں بے میں بغیر گواہ کے گرنے کا کوئی واقعہ نہیں ہوا۔"
        ),
        "Adopt in every bay; agree cover for breaks.": (
            "ہر بے میں اپنائیں؛ وقفوں کے لیے متبادل عملہ طے کریں۔"
        ),
        "Larkfield community hospital": "لارک فیلڈ کمیونٹی ہسپتال",
        "A 24-bed rehabilitation ward in a community hospital.": (
            "ایک کمیونٹی ہسپتال میں 24 بستروں کا بحالی وارڈ۔"
        ),
        "Reduce falls by a third by June 2026 while keeping patients as active as before.": (
            "جون 2026 تک گرنے کے واقعات ایک تہائی کم کرنا، اور مریضوں کو پہلے جتنا متحرک رکھنا۔"
        ),
        "Hourly rounding at night": "رات کو ہر گھنٹے راؤنڈ",
        "Predict fewer falls between 10pm and 6am with hourly rounding.": (
            "ہماری پیش گوئی ہے کہ ہر گھنٹے راؤنڈ سے رات 10 سے صبح 6 بجے کے درمیان گرنے کے واقعات "
            "کم ہوں گے۔"
        ),
        "Rounds were recorded on 60% of nights: agency staff did not know about it.": (
            "60% راتوں میں راؤنڈ درج ہوئے: ایجنسی کے عملے کو اس کا علم نہیں تھا۔"
        ),
        "Falls at night did not fall; the data now shows more patients with delirium.": (
            "رات کو گرنے کے واقعات کم نہیں ہوئے؛ ڈیٹا اب ڈیلیریم والے زیادہ مریض دکھاتا ہے۔"
        ),
        "Adapt: add rounding to the agency induction and test a delirium screen.": (
            "ڈھالیں: ایجنسی کے عملے کی ابتدائی تربیت میں راؤنڈ شامل کریں اور ڈیلیریم کی اسکریننگ "
            "آزمائیں۔"
        ),
        "Care home support team": "کیئر ہوم معاونت ٹیم",
        "The council’s team supporting twelve residential care homes.": (
            "کونسل کی ٹیم جو بارہ رہائشی کیئر ہومز کی مدد کرتی ہے۔"
        ),
        "Fewer falls in the homes we support, measured per 1,000 occupied bed days.": (
            "جن ہومز کی ہم مدد کرتے ہیں ان میں گرنے کے کم واقعات، فی 1,000 زیرِ استعمال بستر دن۔"
        ),
        "Falls champions in three homes": "تین ہومز میں گرنے سے بچاؤ کے چیمپئن",
        "Predict that a trained champion in each home will lead a huddle after falls.": (
            "ہماری پیش گوئی ہے کہ ہر ہوم میں ایک تربیت یافتہ چیمپئن گرنے کے بعد ہڈل کروائے گا۔"
        ),
        "Two of three homes held huddles; one lost its champion to sickness.": (
            "تین میں سے دو ہومز نے ہڈل کیے؛ ایک کا چیمپئن بیماری کی وجہ سے نہ رہا۔"
        ),
        "Staff liked the huddles; too early to see a change in the falls rate.": (
            "عملے کو ہڈل پسند آئے؛ گرنے کی شرح میں تبدیلی دیکھنا ابھی قبل از وقت ہے۔"
        ),
        "Adapt: train two champions per home, then spread to six homes.": (
            "ڈھالیں: ہر ہوم میں دو چیمپئن تیار کریں، پھر چھ ہومز تک پھیلائیں۔"
        ),
        "Riverside frailty virtual ward": "ریور سائیڈ کمزوری ورچوئل وارڈ",
        "Patients on the PCN’s frailty virtual ward, joined in the third action period.": (
            "پی سی این کے کمزوری ورچوئل وارڈ کے مریض؛ یہ ٹیم تیسری عملی مدت میں شامل ہوئی۔"
        ),
        "No falls for patients in their first week on the virtual ward.": (
            "ورچوئل وارڈ پر پہلے ہفتے میں مریضوں کے گرنے کا کوئی واقعہ نہ ہو۔"
        ),
        # The projects index and the projects
        "Projects in progress": "جاری منصوبے",
        "Improvement work happening now across Wealdshire: follow each team's aim, the "
        "changes they are testing and their charts as the data comes in.": (
            "ویلڈشائر بھر میں اس وقت جاری بہتری کا کام: ہر ٹیم کا مقصد، وہ جو تبدیلیاں آزما رہی "
            "ہے اور ڈیٹا آنے کے ساتھ ان کے چارٹ دیکھتے رہیں۔"
        ),
        "A carers' passport that follows people from hospital to home": (
            "نگہداشت کرنے والوں کا پاسپورٹ جو ہسپتال سے گھر تک ساتھ چلتا ہے"
        ),
        "Carers are not recognised when the person they care for is admitted, and are often "
        "told about discharge on the day.": (
            "جب کسی کا زیرِ نگہداشت فرد ہسپتال میں داخل ہوتا ہے تو نگہداشت کرنے والے کو پہچانا "
            "نہیں جاتا، اور اکثر ڈسچارج کا اسی دن بتایا جاتا ہے۔"
        ),
        "Every known carer is told about discharge plans at least 48 hours ahead.": (
            "ہر معلوم نگہداشت کرنے والے کو ڈسچارج کے منصوبوں کا کم از کم 48 گھنٹے پہلے بتایا جائے۔"
        ),
        "Discharge coordinators and ward sisters at Kingsmead, the community nursing team, "
        "adult social care, Wealdshire Carers' Centre and three carers who co-designed the "
        "passport.": (
            "کنگزمیڈ کے ڈسچارج کوآرڈینیٹر اور وارڈ سسٹرز، کمیونٹی نرسنگ ٹیم، بالغوں کی سماجی "
            "نگہداشت، ویلڈشائر کیررز سینٹر اور تین نگہداشت کرنے والے جنہوں نے مل کر پاسپورٹ "
            "ڈیزائن کیا۔"
        ),
        "The passport on one ward for a month": "ایک وارڈ پر ایک مہینے کے لیے پاسپورٹ",
        "Offer the passport to every carer on ward 7; predict half will use it.": (
            "وارڈ 7 پر ہر نگہداشت کرنے والے کو پاسپورٹ پیش کریں؛ پیش گوئی ہے کہ آدھے اسے "
            "استعمال کریں گے۔"
        ),
        "Offered to 31 carers; 19 used it at discharge.": (
            "31 نگہداشت کرنے والوں کو پیش کیا گیا؛ 19 نے ڈسچارج پر اسے استعمال کیا۔"
        ),
        "Carers involved in discharge planning rose from about 40% to 55%.": (
            "ڈسچارج کی منصوبہ بندی میں شامل نگہداشت کرنے والے تقریباً 40% سے بڑھ کر 55% ہو گئے۔"
        ),
        "Adapt: add the community team's number and test on two more wards.": (
            "ڈھالیں: کمیونٹی ٹیم کا نمبر شامل کریں اور دو مزید وارڈوں پر آزمائیں۔"
        ),
        "A 'carer' flag on the ward board": "وارڈ بورڈ پر ”نگہداشت کرنے والا“ کا نشان",
        "Flag every patient with a known carer at the morning board round.": (
            "صبح کے بورڈ راؤنڈ پر ہر اس مریض پر نشان لگائیں جس کا نگہداشت کرنے والا معلوم ہو۔"
        ),
        "Flagged on three wards for four weeks.": "تین وارڈوں پر چار ہفتوں تک نشان لگایا گیا۔",
        "Five points in a row above the old mean so far.": (
            "اب تک پرانی اوسط سے اوپر لگاتار پانچ پوائنٹس۔"
        ),
        "Adopt on the three wards; ask social care to read the flag too.": (
            "تینوں وارڈوں پر اپنائیں؛ سماجی نگہداشت سے کہیں کہ وہ بھی نشان دیکھے۔"
        ),
        "Carers reporting they were involved in discharge planning.": (
            "نگہداشت کرنے والے جو بتاتے ہیں کہ انہیں ڈسچارج کی منصوبہ بندی میں شامل کیا گیا۔"
        ),
        "We started": "ہم نے آغاز کیا",
        "Carers, nurses and social care agreed the aim and designed the first version of the "
        "passport together.": (
            "نگہداشت کرنے والوں، نرسوں اور سماجی نگہداشت نے مقصد پر اتفاق کیا اور مل کر پاسپورٹ "
            "کا پہلا نسخہ ڈیزائن کیا۔"
        ),
        "First ward": "پہلا وارڈ",
        "Ward 7 offered the passport to every carer for a month.": (
            "وارڈ 7 نے ایک مہینے تک ہر نگہداشت کرنے والے کو پاسپورٹ پیش کیا۔"
        ),
        "Three wards and a flag": "تین وارڈ اور ایک نشان",
        "The passport and the board flag are on three wards; social care now reads the flag "
        "at referral.": (
            "پاسپورٹ اور بورڈ کا نشان تین وارڈوں پر ہیں؛ سماجی نگہداشت اب ریفرل کے وقت نشان "
            "دیکھتی ہے۔"
        ),
        "A real shift": "ایک حقیقی تبدیلی",
        "Five months in a row above the old average: the chart calls it special cause "
        "improvement.": (
            "لگاتار پانچ مہینے پرانی اوسط سے اوپر: چارٹ اسے خاص وجہ سے بہتری کہتا ہے۔"
        ),
        "Text reminders to cut missed physiotherapy appointments": (
            "فزیوتھراپی کی چھوٹی ہوئی ملاقاتیں کم کرنے کے لیے ٹیکسٹ یاد دہانیاں"
        ),
        "One in six community physiotherapy appointments is missed without notice.": (
            "کمیونٹی فزیوتھراپی کی ہر چھ میں سے ایک ملاقات بغیر اطلاع کے چھوٹ جاتی ہے۔"
        ),
        "Halve missed appointments in the Wey valley team within four months.": (
            "چار مہینوں میں وے ویلی ٹیم کی چھوٹی ہوئی ملاقاتیں آدھی کرنا۔"
        ),
        "The Wey valley community physiotherapy team, its administrators, the trust's digital "
        "team and two patient partners.": (
            "وے ویلی کی کمیونٹی فزیوتھراپی ٹیم، اس کا انتظامی عملہ، ٹرسٹ کی ڈیجیٹل ٹیم اور دو "
            "مریض شراکت دار۔"
        ),
        "Two reminders for one clinic": "ایک کلینک کے لیے دو یاد دہانیاں",
        "Text reminders three days and one day before, for one clinic for two weeks.": (
            "ایک کلینک کے لیے دو ہفتوں تک، ملاقات سے تین دن اور ایک دن پہلے ٹیکسٹ یاد دہانیاں۔"
        ),
        "Did-not-attend rate per week.": "فی ہفتہ غیر حاضری کی شرح۔",
        "Complaints about reminder messages.": "یاد دہانی کے پیغامات کے بارے میں شکایات۔",
        "Baseline collected": "بنیادی ڈیٹا جمع ہو گیا",
        "Six months of did-not-attend data are on the chart.": (
            "چارٹ پر غیر حاضری کا چھ مہینے کا ڈیٹا موجود ہے۔"
        ),
        "First texts sent": "پہلے ٹیکسٹ بھیج دیے گئے",
        "The first clinic's reminders went out this week.": (
            "پہلے کلینک کی یاد دہانیاں اس ہفتے بھیجی گئیں۔"
        ),
    },
}

# The demo pages translated with these strings, in order (a collaborative before its
# teams; the projects after their partners' sections, which demo.translations does first).
COLLABORATIVE_PAGES = (
    "collaboratives",
    "falls-collaborative",
    "ward-7",
    "larkfield",
    "care-homes",
    "riverside",
)
PROJECT_PAGES = (
    "projects",
    "a-carers-passport-that-follows-people-from-hospital-to-home",
    "text-reminders-to-cut-missed-physiotherapy-appointments",
)


def strings_for(language: str) -> dict[str, str]:
    """Every string of these pages in ``language``, with the organisations' names (the
    collaborative's faculty names their organisations)."""
    if language not in STRINGS:
        return {}
    return {**taxonomy_translations.strings_for(language), **STRINGS[language]}
