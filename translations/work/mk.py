"""Macedonian (mk) translations for WingDesk: T = {msgid: msgstr}, P = {msgid: [one, other]}.

Apply with: /opt/wdvenv/bin/python translations/work/apply.py mk
Terminology: HQ = централа; prisoner = осуденик; wing = одделение; shift = смена; roll count = пребројување;
handover = примопредавање (на смена); passphrase = лозинка; bundle = пакет; stick = USB-меморија;
countersign = супотпиши; audit = ревизиски; enrol = регистрира; revoke = отповика; alert = предупредување.
"""

T = {}
P = {}

T.update({
    " (locked)": " (заклучено)",
    " (revoked after {seq})": " (отповикан по бр. {seq})",
    " ({n} failed attempts)": " (неуспешни обиди: {n})",
    "&About WingDesk": "&За WingDesk",
    "&Add entry (Ctrl+Enter)": "Додај з&апис (Ctrl+Enter)",
    "&Add user…": "&Додај корисник…",
    "&Back": "&Назад",
    "&Category (press 1–9, 0)": "&Категорија (притиснете 1–9, 0)",
    "&Comment for the officer (required to return an entry)":
        "&Коментар за службеникот (задолжителен за враќање на запис)",
    "&Create wing": "Созд&ај одделение",
    "&Day": "&Ден",
    "&Discipline (treatment staff)": "&Стручна област (персонал за третман)",
    "&Entry type": "&Тип на запис",
    "&File": "&Датотека",
    "&First time in custody": "П&рв пат во затвор",
    "&Full name": "&Име и презиме",
    "&Full name:": "&Име и презиме:",
    "&Go": "&Оди",
    "&Happened at": "&Време на настанот",
    "&Help": "&Помош",
    "&Language": "&Јазик",
    "&Lock now": "За&клучи сега",
    "&Next": "&Следно",
    "&Note": "&Белешка",
    "&Passphrase": "&Лозинка",
    "&Passphrase:": "&Лозинка:",
    "&Print day…": "&Печати ден…",
    "&Print summary": "&Печати резиме",
    "&Print today's log…": "&Печати го денешниот дневник…",
    "&Prison:": "&Затвор:",
    "&Prisoner": "&Осуденик",
    "&Read from stick": "&Читај од USB-меморија",
    "&Reason for looking (logged)": "&Причина за увидот (се евидентира)",
    "&Record observation": "&Запиши набљудување",
    "&Record observation…": "&Запиши набљудување…",
    "&Repeat": "&Повтори",
    "&Repeat:": "&Повтори:",
    "&Reset passphrase…": "&Ресетирај лозинка…",
    "&Resubmit day": "Повторно поднеси д&ен",
    "&Resubmit day {day}": "Повторно поднеси го д&енот {day}",
    "&Return entry": "&Врати запис",
    "&Save": "&Зачувај",
    "&Save as new revision (Ctrl+Enter)": "&Зачувај како нова верзија (Ctrl+Enter)",
    "&Save note (Ctrl+Enter)": "Зачувај бе&лешка (Ctrl+Enter)",
    "&Shift": "&Смена",
    "&Sign in": "&Најави се",
    "&Source": "&Извор",
    "&Stick:": "&USB-меморија:",
    "&Unlock account": "&Отклучи сметка",
    "&Urgent: threat to life or safety (supervisor and security are told at once)":
        "Ит&но: закана по животот или безбедноста (надзорникот и службата за безбедност се известуваат веднаш)",
    "&User name": "&Корисничко име",
    "&User name:": "&Корисничко име:",
    "&Verify chain": "&Провери синџир",
    "&Verify signatures": "Провери п&отписи",
    "&Version": "&Верзија",
    "&Waiting for review": "&Чекаат преглед",
    "&What was seen or heard": "&Што е видено или слушнато",
    "&Wing:": "&Одделение:",
    "&Women": "&Жени",
    "&Write to stick": "&Запиши на USB-меморија",
    "&Young adults": "&Помлади полнолетни лица",
    "(cannot be opened with your key)": "(не може да се отвори со вашиот клуч)",
    "(content not shown to your role)": "(содржината не се прикажува за вашата улога)",
    "(no prisoner)": "(без осуденик)",
    "A passphrase is required.": "Потребна е лозинка.",
    "A supervisor returned these entries with a comment. Answer each one with an annotation; the original entry "
    "stays as it was. Then resubmit the day.":
        "Надзорникот ги врати овие записи со коментар. Одговорете на секој од нив со забелешка; оригиналниот "
        "запис останува непроменет. Потоа повторно поднесете го денот.",
    "A user name may contain letters, digits, '.', '_' and '-' only.":
        "Корисничкото име може да содржи само букви, цифри, '.', '_' и '-'.",
    "A wing database already exists in this data folder.":
        "Во оваа папка со податоци веќе постои база на податоци на одделение.",
    "A&gree plan": "&Усогласи план",
    "About WingDesk": "За WingDesk",
    "Accept &handover (Ctrl+Enter)": "Прифати при&мопредавање (Ctrl+Enter)",
    "Accept handover": "Прифати примопредавање",
    "Accommodation": "Сместување",
    "Account {username} added.": "Сметката {username} е додадена.",
    "Account {username} removed.": "Сметката {username} е отстранета.",
    "Account {username} unlocked.": "Сметката {username} е отклучена.",
    "Accounts from HQ waiting for a passphrase: {n}": "Сметки од централата што чекаат лозинка: {n}",
    "Achieved": "Постигнато",
    "Acknowledged bundles: {acked}; roster changes: {roster}; accounts from HQ: {accounts}; accounts revoked: "
    "{revoked}.":
        "Потврдени пакети: {acked}; промени во списокот: {roster}; сметки од централата: {accounts}; "
        "отповикани сметки: {revoked}.",
    "Action": "Дејство",
    "Action taken": "Преземени мерки",
    "Active": "Активно",
    "Active alerts": "Активни предупредувања",
    "Active from": "Активно од",
    "Active until": "Активно до",
    "Actor": "Извршител",
    "Add": "Додај",
    "Add a progress note (sealed: only your discipline can read it)":
        "Додај белешка за напредокот (запечатена: ја читаат само лицата од вашата стручна област)",
    "Add a staff account": "Додај сметка за вработен",
    "Add a&nnotation (Ctrl+Enter)": "Додај за&белешка (Ctrl+Enter)",
    "Add account": "Додај сметка",
    "Add annotation": "Додај забелешка",
    "Add entry": "Додај запис",
    "Add user": "Додај корисник",
    "Added {user} ({role}).": "Додаден е корисникот {user} ({role}).",
    "Adding an account gives a role access to this wing.":
        "Со додавање сметка се дава пристап до ова одделение според улогата.",
    "Add…": "Додај…",
    "Adjudication": "Дисциплинска постапка",
    "Administration": "Администрација",
    "Administrator": "Администратор",
    "Administrator full name": "Име и презиме на администраторот",
    "Administrator user name": "Корисничко име на администраторот",
    "Admission date": "Датум на прием",
    "Admitted": "Примен",
    "Age": "Возраст",
    "Agree plan": "Усогласи план",
    "Agreed": "Се согласува",
    "Agreement": "Согласност",
    "Agreement note": "Белешка за согласноста",
    "Alert": "Предупредување",
    "Alerts": "Предупредувања",
    "All files were written and checked. The stick may now be removed.":
        "Сите датотеки се запишани и проверени. USB-меморијата сега може да се извади.",
    "Amendment": "Дополнување",
    "An integrity check failed.": "Проверката на интегритетот не успеа.",
    "Annotated": "Со забелешка",
    "Annotation added. Resubmit the day when every returned entry is answered.":
        "Забелешката е додадена. Повторно поднесете го денот кога ќе одговорите на секој вратен запис.",
    "Answered": "Одговорено",
    "Area": "Област",
    "Assault": "Напад",
    "Attendees": "Присутни",
    "Attitudes, identity and belonging": "Ставови, идентитет и припадност",
    "Audit chain broken at entry {seq} ({reason}); {count} entries before it verify.":
        "Ревизискиот синџир е прекинат кај записот {seq} ({reason}); исправни записи пред него: {count}.",
    "Audit chain intact: {count} entries, head {head}.":
        "Ревизискиот синџир е неоштетен: број на записи {count}, последен запис {head}.",
    "Audit log": "Ревизиски дневник",
    "Audit log entries": "Записи во ревизискиот дневник",
    "Authorised by": "Одобрил",
    "Auto-&lock after (minutes)": "Автоматско &заклучување по (минути)",
    "Auto-lock after minutes": "Автоматско заклучување по минути",
    "Auto-lock set to {n} minutes.": "Автоматското заклучување е поставено на {n} мин.",
    "Avoid labels such as {words}: describe what the person did or said.":
        "Избегнувајте етикети како {words}: опишете што направило или кажало лицето.",
    "Awaiting countersignature": "Чека супотпис",
    "Back": "Назад",
    "Barricade": "Барикадирање",
    "Bomb threat": "Закана со бомба",
    "Bundle {seq} refused by HQ ({code}).": "Централата го одби пакетот {seq} ({code}).",
    "Bundles waiting for HQ's receipt: {n} of {total}": "Пакети што чекаат потврда од централата: {n} од {total}",
    "Cancel": "Откажи",
    "Cancelled.": "Откажано.",
    "Category": "Категорија",
    "Cell": "Ќелија",
    "Cell change": "Промена на ќелија",
    "Cell {old} to {new}": "Од ќелија {old} во ќелија {new}",
    "Change of association": "Промена на друштвото",
    "Change of routine": "Промена во рутината",
    "Checking every entry of the audit chain…": "Се проверува секој запис од ревизискиот синџир…",
    "Choose a folder…": "Изберете папка…",
    "Choose a prisoner.": "Изберете осуденик.",
    "Choose a stick first.": "Прво изберете USB-меморија.",
    "Choose the prisoner.": "Изберете го осуденикот.",
})

T.update({
    "Choose the stick or folder": "Изберете USB-меморија или папка",
    "Close plan": "Затвори го планот",
    "Closed": "Затворено",
    "Comment for the officer": "Коментар за службеникот",
    "Commented": "Коментирано",
    "Comments and annotations (the original above is unchanged)":
        "Коментари и забелешки (оригиналот погоре е непроменет)",
    "Completed": "Завршено",
    "Concern": "Загриженост",
    "Concerted indiscipline": "Организирано нарушување на дисциплината",
    "Conduct": "Однесување",
    "Confirm": "Потврди",
    "Confirm it is you": "Потврдете дека сте вие",
    "Confirmation code: {code}": "Код за потврда: {code}",
    "Conflict or intimidation": "Конфликт или заплашување",
    "Consent to share": "Согласност за споделување",
    "Contact": "Контакт",
    "Contact saved.": "Контактот е зачуван.",
    "Contacts": "Контакти",
    "Contacts log": "Евиденција на контакти",
    "Contraband or security": "Недозволени предмети или безбедност",
    "Convicted": "Осуден",
    "Could not answer": "Не можеше да одговори",
    "Count agrees with the roll.": "Бројот се совпаѓа со бројната состојба.",
    "Counted": "Пребројани",
    "Countersig&n day…": "&Супотпиши ден…",
    "Countersign day": "Супотпиши ден",
    "Countersignature": "Супотпис",
    "Countersigned": "Супотпишано",
    "Countersigned by {name} on {when}: NOT VALID, the records changed after signing.":
        "Супотпис од {name}, {when}: НЕВАЖЕЧКИ, записите се променети по потпишувањето.",
    "Countersigned by {name} on {when}: NOT VALID, the signature does not verify.":
        "Супотпис од {name}, {when}: НЕВАЖЕЧКИ, потписот не може да се потврди.",
    "Countersigned by {name} on {when}: signature valid.": "Супотпис од {name}, {when}: потписот е важечки.",
    "Countersigning the log of {day} signs every entry with your key.":
        "Со супотпишување на дневникот за {day}, секој запис се потпишува со вашиот клуч.",
    "Court": "Суд",
    "Created": "Создадено",
    "Created wing {wing} in {folder} with administrator {user}.":
        "Создадено е одделението {wing} во {folder} со администратор {user}.",
    "Creating a demo wing with synthetic data in {folder}...":
        "Се создава демо-одделение со синтетички податоци во {folder}...",
    "Creating the wing": "Создавање на одделението",
    "Creating the wing; measuring this PC's key-derivation speed...":
        "Се создава одделението; се мери брзината на изведување клуч на овој компјутер...",
    "DEMO MODE: synthetic data only. Do not enter real information. Choose a demo account below.":
        "ДЕМО-РЕЖИМ: само синтетички податоци. Не внесувајте вистински информации. Изберете демо-сметка подолу.",
    "DEMO: synthetic data": "ДЕМО: синтетички податоци",
    "Daily logs awaiting your review": "Дневници што чекаат ваш преглед",
    "Daily review": "Дневен преглед",
    "Damage": "Оштетување на имот",
    "Date": "Датум",
    "Date of birth": "Датум на раѓање",
    "Day": "Ден",
    "Days waiting for review": "Денови што чекаат преглед",
    "Death": "Смрт",
    "Demo accounts": "Демо-сметки",
    "Demo accounts (click to fill in the user name):": "Демо-сметки (кликнете за да се пополни корисничкото име):",
    "Describe what was seen or heard.": "Опишете што е видено или слушнато.",
    "Describe what you saw or heard: behaviour, exact words in quotes, time and place. Keep your opinion for the "
    "assessment field. Ctrl+Enter saves.":
        "Опишете што видовте или слушнавте: однесување, точни зборови во наводници, време и место. Вашето "
        "мислење запишете го во полето за проценка. Ctrl+Enter зачувува.",
    "Description": "Опис",
    "Destination": "Одредиште",
    "Details": "Детали",
    "Device {device} ({wing}) shows code {code}? Confirm by phone, then re-run with --code.":
        "Дали уредот {device} ({wing}) го прикажува кодот {code}? Потврдете по телефон, а потоа повторно "
        "извршете ја командата со --code.",
    "Device {device} enrolled for {wing}.": "Уредот {device} е регистриран за {wing}.",
    "Device {device} revoked: bundles after sequence {seq} will be refused.":
        "Уредот {device} е отповикан: пакетите по редниот број {seq} ќе бидат одбиени.",
    "Device: {device}  HQ: {hq} ({fingerprint})": "Уред: {device}  Централа: {hq} ({fingerprint})",
    "Direction": "Насока",
    "Discipline": "Стручна област",
    "Discrepancy not yet resolved.": "Несовпаѓањето сè уште не е решено.",
    "Discrepancy open": "Отворено несовпаѓање",
    "Disorder": "Нарушување на редот",
    "Do not disclose": "Да не се открива",
    "Does not agree": "Не се согласува",
    "Draft": "Нацрт",
    "Drugs": "Дроги",
    "E&xit": "&Излез",
    "Early shift": "Утринска смена",
    "Edit": "Уреди",
    "Edit…": "Уреди…",
    "Education": "Образование",
    "Education or employer": "Образование или работодавач",
    "Education, training and employment": "Образование, обука и вработување",
    "Emergency": "Вонредно",
    "End date": "Датум на завршување",
    "Ended": "Укинато",
    "Enrolment:": "Регистрација:",
    "Enrolment: {state}": "Регистрација: {state}",
    "Enter your passphrase to write records for HQ.":
        "Внесете ја вашата лозинка за да се запишат записите за централата.",
    "Enter your user name and passphrase.": "Внесете корисничко име и лозинка.",
    "Entries": "Записи",
    "Entries of the day": "Записи за денот",
    "Entry added: {type}.": "Записот е додаден: {type}.",
    "Entry details": "Детали за записот",
    "Entry hash {hash}": "Хаш на записот {hash}",
    "Entry type": "Тип на запис",
    "Equipment check": "Проверка на опремата",
    "Error": "Грешка",
    "Error: no passphrase was given on standard input.": "Грешка: не е внесена лозинка на стандардниот влез.",
    "Error: the disk or file system refused the operation ({reason}).":
        "Грешка: дискот или датотечниот систем ја одби операцијата ({reason}).",
    "Error: {message}": "Грешка: {message}",
    "Escape or attempt": "Бегство или обид за бегство",
    "Escape risk": "Ризик од бегство",
    "Escort": "Придружба",
    "Exceptions": "Исклучоци",
    "Exercise": "Прошетка",
    "Expected": "Очекувани",
    "Expected release": "Очекуван отпуст",
    "Faith and pastoral care": "Вера и духовна грижа",
    "Family": "Семејство",
    "Family contact": "Контакт со семејството",
    "Family name": "Презиме",
    "Family relationships": "Семејни односи",
    "Female": "Женски",
    "Fight": "Тепачка",
    "Finance": "Финансии",
    "Find": "Пронајден предмет",
    "Finds": "Пронајдени предмети",
    "Fire": "Пожар",
    "First administrator": "Прв администратор",
    "First review": "Прв преглед",
    "First time": "Прв пат",
    "First time in custody": "Прв пат во затвор",
    "Flags": "Ознаки",
    "Food refusal": "Одбивање храна",
    "Formal": "Формално",
    "From a document": "Од документ",
    "From cell": "Од ќелија",
    "From {outgoing} to {incoming}, roll {roll}": "Од {outgoing} на {incoming}, бројна состојба {roll}",
    "Full name": "Име и презиме",
    "General": "Општо",
    "Give both --tls-cert and --tls-key, or neither.": "Наведете ги и --tls-cert и --tls-key, или ниту едното.",
    "Give the reason for looking at this prisoner's notes; it is logged.":
        "Наведете ја причината за увид во белешките за овој осуденик; таа се евидентира.",
    "Given name": "Име",
    "Goal": "Цел",
    "Governor": "Директор",
    "HQ address (default: the saved one)": "Адреса на централата (стандардно: зачуваната)",
    "HQ cannot be reached. The bundles stay here and will be sent later.":
        "Централата не е достапна. Пакетите остануваат тука и ќе бидат испратени подоцна.",
    "HQ data applied up to: {ref_seq}": "Применети податоци од централата до: {ref_seq}",
    "HQ files applied: {acked} bundles confirmed, {roster} roster changes, {revoked} accounts revoked. You may now "
    "remove the stick.":
        "Датотеките од централата се применети: потврдени пакети: {acked}, промени во списокот: {roster}, "
        "отповикани сметки: {revoked}. Сега може да ја извадите USB-меморијата.",
    "HQ has revoked this PC. Contact HQ before sending anything.":
        "Централата го отповика овој компјутер. Контактирајте ја централата пред да испратите што било.",
    "HQ key fingerprint: {fingerprint} (compare it with the one HQ announced).":
        "Отпечаток на клучот на централата: {fingerprint} (споредете го со оној што го објави централата).",
    "HQ key {fingerprint}": "Клуч на централата {fingerprint}",
    "HQ keys already exist in this data folder.": "Клучевите на централата веќе постојат во оваа папка со податоци.",
    "HQ keys created (signing key {sign}, encryption key {enc}).":
        "Клучевите на централата се создадени (клуч за потпишување {sign}, клуч за шифрирање {enc}).",
    "HQ over the network:": "Централата преку мрежа:",
    "HQ passphrase: ": "Лозинка на централата: ",
    "HQ's public key file": "Датотека со јавниот клуч на централата",
    "Handover": "Примопредавање на смена",
    "Handover accepted. You can now add entries.": "Примопредавањето е прифатено. Сега може да додавате записи.",
    "Happened at": "Време на настанот",
    "Health": "Здравство",
    "Home": "Почетна",
    "Hospital": "Болница",
    "Hostage": "Земање заложник",
    "In": "Влез",
    "In custody": "Во затвор",
})

T.update({
    "In progress": "Во тек",
    "Incident": "Инцидент",
    "Incident at height": "Инцидент на височина",
    "Incidents": "Инциденти",
    "Incoming officer": "Службеник што ја презема смената",
    "Informal": "Неформално",
    "Intelligence-led": "Врз основа на безбедносни сознанија",
    "Interpreter needed": "Потребен е преведувач",
    "Keep apart": "Да се држи одвоено",
    "Key or lock": "Клуч или брава",
    "Keys and equipment": "Клучеви и опрема",
    "Kind": "Вид",
    "Kind of contact": "Вид на контакт",
    "Kind of count": "Вид на пребројување",
    "Kind of search": "Вид на претрес",
    "Kind of visit": "Вид на посета",
    "LOCKED OUT": "ЗАКЛУЧЕНО",
    "Language": "Јазик",
    "Languages": "Јазици",
    "Last receipt:": "Последна потврда:",
    "Last receipt: none yet": "Последна потврда: сè уште нема",
    "Last receipt: {at} ({status})": "Последна потврда: {at} ({status})",
    "Last roll count: {counted} of {expected} (at {time})": "Последно пребројување: {counted} од {expected} (во {time})",
    "Late entry, recorded {when}.": "Задоцнет запис, евидентиран {when}.",
    "Late entry: recorded on {date}, after the log day {day}.":
        "Задоцнет запис: евидентиран на {date}, по денот на дневникот {day}.",
    "Late shift": "Попладневна смена",
    "Late: recorded {date}": "Задоцнето: евидентирано {date}",
    "Legal": "Правна",
    "Legal status": "Правен статус",
    "Letter": "Писмо",
    "Linked &goal": "Поврзана &цел",
    "Linked goal": "Поврзана цел",
    "Loading…": "Се вчитува…",
    "Lock-up": "Заклучување",
    "Log a contact": "Евидентирај контакт",
    "Log day": "Ден на дневникот",
    "Look for sticks again": "Пребарај USB-мемории повторно",
    "Main toolbar": "Главна лента со алатки",
    "Male": "Машки",
    "Meeting": "Средба",
    "Mental health and wellbeing": "Ментално здравје и благосостојба",
    "Mentoring or peer support": "Менторство или поддршка од врсници",
    "Miscellaneous": "Разно",
    "Mobile phone": "Мобилен телефон",
    "Motivation": "Мотивација",
    "Movement": "Движење",
    "Municipal prevention coordinator": "Општински координатор за превенција",
    "NGO": "НВО",
    "Name": "Име",
    "Name (Cyrillic)": "Име (кирилица)",
    "Name in Cyrillic": "Име на кирилица",
    "Name, number or cell": "Име, број или ќелија",
    "Need and goal": "Потреба и цел",
    "Need or request": "Потреба или барање",
    "Needs": "Потреби",
    "Needs by area": "Потреби по области",
    "Neutral": "Неутрално",
    "New &passphrase": "Нова &лозинка",
    "New passphrase": "Нова лозинка",
    "New passphrase for {username}": "Нова лозинка за {username}",
    "New passphrase for {user}: ": "Нова лозинка за {user}: ",
    "New passphrase set for {username}.": "Поставена е нова лозинка за {username}.",
    "Next review": "Следен преглед",
    "Night shift": "Ноќна смена",
    "No": "Не",
    "No HQ address is set for sending over the network.":
        "Не е поставена адреса на централата за испраќање преку мрежа.",
    "No active alerts.": "Нема активни предупредувања.",
    "No data for this week yet.": "Сè уште нема податоци за оваа недела.",
    "No observations yet.": "Сè уште нема набљудувања.",
    "No plan yet.": "Сè уште нема план.",
    "No plan yet. Fill in the form and save to create one.":
        "Сè уште нема план. Пополнете го образецот и зачувајте за да се создаде.",
    "No plan.": "Нема план.",
    "No reviews due.": "Нема претстојни прегледи.",
    "No roll count recorded today.": "Денес не е евидентирано пребројување.",
    'No stick found. Insert one, then press "Look for sticks again".':
        "Не е пронајдена USB-меморија. Вметнете една, па притиснете „Пребарај USB-мемории повторно“.",
    "No.": "Бр.",
    "None": "Нема",
    "None you may see.": "Нема ништо што може да го видите.",
    "None.": "Нема.",
    "Normal": "Нормално",
    "Not countersigned yet.": "Сè уште не е супотпишано.",
    "Not countersigned.": "Не е супотпишано.",
    "Not countersigned. The day is {state}.": "Не е супотпишано. Состојба на денот: {state}.",
    "Not found: {field}.": "Не е пронајдено: {field}.",
    "Not required": "Не е потребно",
    "Note": "Белешка",
    "Note saved.": "Белешката е зачувана.",
    "Note text": "Текст на белешката",
    "Nothing recorded that you may see.": "Нема евидентирано ништо што може да го видите.",
    "Nothing to review.": "Нема ништо за преглед.",
    "Number": "Број",
    "Number of prisoners shown": "Број на прикажани осуденици",
    "Number of visitors": "Број на посетители",
    "OK": "Во ред",
    "Object": "Објект",
    "Observation": "Набљудување",
    "Observation saved.": "Набљудувањето е зачувано.",
    "Officer": "Службеник",
    "Officer's annotation": "Забелешка на службеникот",
    "Officer's answer": "Одговор на службеникот",
    "Officer's assessment": "Проценка на службеникот",
    "Official": "Службена",
    "Open": "Отворено",
    "Open issues": "Отворени прашања",
    "Organisation": "Организација",
    "Other": "Друго",
    "Other or not stated": "Друго или не е наведено",
    "Out": "Излез",
    "Outcome": "Исход",
    "Outgoing officer": "Службеник што ја предава смената",
    "P&olarity": "Оц&енка",
    "Passphrase": "Лозинка",
    "Passphrase for the new user {user}: ": "Лозинка за новиот корисник {user}: ",
    "Passphrase for {user}: ": "Лозинка за {user}: ",
    "Peer mentor": "Врсник-ментор",
    "Peers and associates": "Врсници и друштво",
    "Pending": "Во постапка",
    "People informed": "Известени лица",
    "Person": "Лице",
    "Phone": "Телефон",
    "Pick a day from the list on the left.": "Изберете ден од списокот лево.",
    "Place": "Место",
    "Plan": "План",
    "Plan reviews due in the next two weeks": "Прегледи на планови во наредните две недели",
    "Plan saved as revision {n}.": "Планот е зачуван како верзија {n}.",
    "Plan updated": "Планот е ажуриран",
    "Plan version": "Верзија на планот",
    "Plan: what the wing does": "План: што презема одделението",
    "Planned": "Планирано",
    "Polarity": "Оценка",
    "Police": "Полиција",
    "Positive": "Позитивно",
    "Positive engagement": "Позитивно ангажирање",
    "Pre-release and probation": "Подготовка за отпуст и пробација",
    "Pregnancy or care plan": "Бременост или план за грижа",
    "Pressure on others": "Притисок врз други",
    "Print day": "Печати ден",
    "Print summary": "Печати резиме",
    "Printed by {name} ({role}). Confidential: handle as an official record.":
        "Отпечатил: {name} ({role}). Доверливо: да се постапува како со службен документ.",
    "Printing": "Печатење",
    "Printing takes records off the wing PC.": "Со печатењето, записите излегуваат од компјутерот на одделението.",
    "Prison": "Затвор",
    "Prison name": "Назив на затворот",
    "Prison number": "Евидентен број",
    "Prisoner": "Осуденик",
    "Prisoner summary": "Резиме за осуденикот",
    "Prisoner summary: {name}": "Резиме за осуденикот: {name}",
    "Prisoner's goals in their own words": "Цели на осуденикот, со сопствени зборови",
})

T.update({
    "Prisoners": "Осуденици",
    "Prisoners involved": "Вклучени осуденици",
    "Prisoners of concern": "Осуденици за кои постои загриженост",
    "Prisoners on {wing}": "Осуденици во одделението {wing}",
    "Probation": "Пробација",
    "Programme": "Програма",
    "Progress note": "Белешка за напредокот",
    "Progress notes": "Белешки за напредокот",
    "Psychological support": "Психолошка поддршка",
    "Psychology": "Психологија",
    "Public key file written. Fingerprint to read to each wing: {code}":
        "Датотеката со јавниот клуч е запишана. Отпечаток што треба да му се прочита на секое одделение: {code}",
    "Quality of contact with staff": "Квалитет на контактот со персоналот",
    "R&ole": "&Улога",
    "Radicalisation concern under assessment": "Загриженост за радикализација, во процес на проценка",
    "Re&fresh": "&Освежи",
    "Re&move user…": "Отс&трани корисник…",
    "Read HQ files from the stick": "Прочитај ги датотеките од централата од USB-меморијата",
    "Reason": "Причина",
    "Reason for looking at the notes": "Причина за увид во белешките",
    "Reason for the plan": "Причина за планот",
    "Recent &days": "Последни &денови",
    "Recent days": "Последни денови",
    "Recent observations": "Последни набљудувања",
    "Record": "Запис",
    "Record observation": "Запиши набљудување",
    "Record observation about this prisoner": "Запиши набљудување за овој осуденик",
    "Recorded at": "Евидентирано во",
    "Records waiting for HQ's receipt: {n} (not yet sealed: {unsealed})":
        "Записи што чекаат потврда од централата: {n} (сè уште незапечатени: {unsealed})",
    "Referred to": "Упатено до",
    "Refused": "Одбиено",
    "Rejected": "Отфрлено",
    "Relationship": "Однос",
    "Release": "Отпуст",
    "Religious": "Верска",
    "Religious counselling": "Верско советување",
    "Religious counsellor": "Верски советник",
    "Religious practice alone ({words}) is not a security concern. Describe behaviour, or quote the exact words "
    "that worry you.":
        "Самата верска практика ({words}) не е безбедносен проблем. Опишете го однесувањето или цитирајте ги "
        "точните зборови што ве загрижуваат.",
    "Religious service": "Верска служба",
    "Remain on plan": "Останува на планот",
    "Remand": "Притвор",
    "Remove": "Отстрани",
    "Remove the account {username}? The wing's data key is rotated; this cannot be undone.":
        "Да се отстрани сметката {username}? Клучот за податоците на одделението ќе се замени; ова не може "
        "да се поништи.",
    "Remove user": "Отстрани корисник",
    "Removed": "Отстрането",
    "Removed {n} incomplete file(s) left by an earlier attempt.":
        "Отстранети се нецелосни датотеки останати од претходен обид: {n}.",
    "Removed {user}; the database key was rotated.":
        "Корисникот {user} е отстранет; клучот на базата на податоци е заменет.",
    "Removing an account rotates the wing's data key.":
        "Со отстранување сметка се заменува клучот за податоците на одделението.",
    "Repeat passphrase": "Повторете ја лозинката",
    "Repeat the HQ passphrase: ": "Повторете ја лозинката на централата: ",
    "Repeat the passphrase": "Повторете ја лозинката",
    "Repeat: ": "Повторете: ",
    "Request or complaint": "Барање или поплака",
    "Request written to {path}.": "Барањето е запишано во {path}.",
    "Reset passphrase": "Ресетирај лозинка",
    "Resolution": "Разрешување",
    "Resolved at": "Разрешено во",
    "Responsible person": "Одговорно лице",
    "Responsible role": "Одговорна улога",
    "Restricted": "Ограничено",
    "Resubmit day": "Повторно поднеси ден",
    "Return entry with comment": "Врати го записот со коментар",
    "Returned": "Вратено",
    "Returned entries": "Вратени записи",
    "Review": "Преглед",
    "Reviews": "Прегледи",
    "Revision {n} · {when} · {author}": "Верзија {n} · {when} · {author}",
    "Revision {n}, status {status}, agreement {agreement}.":
        "Верзија {n}, статус: {status}, согласност: {agreement}.",
    "Risk to others": "Ризик за другите",
    "Risk to staff": "Ризик за персоналот",
    "Role": "Улога",
    "Role in the plan": "Улога во планот",
    "Role: {role}": "Улога: {role}",
    "Roll": "Бројна состојба",
    "Roll count": "Пребројување",
    "Roll discrepancies": "Несовпаѓања при пребројување",
    "Routine": "Редовно",
    "Run 'wingdesk-hq init' first.": "Прво извршете 'wingdesk-hq init'.",
    "S&tart shift": "&Започни смена",
    "S&ubmit day for review": "Под&неси го денот на преглед",
    "S&witch user": "&Смени корисник",
    "Save": "Зачувај",
    "Save &contact (Ctrl+Enter)": "Зачувај &контакт (Ctrl+Enter)",
    "Save anyway": "Сепак зачувај",
    "Save auto-lock minutes": "Зачувај минути за автоматско заклучување",
    "Save contact": "Зачувај контакт",
    "Save note": "Зачувај белешка",
    "Save observation": "Зачувај набљудување",
    "Save plan as new revision": "Зачувај го планот како нова верзија",
    "Say how it was resolved and when; until then it stays OPEN on the log.":
        "Наведете како и кога е разрешено; дотогаш во дневникот останува ОТВОРЕНО.",
    "Screens": "Екрани",
    "Sealed": "Запечатено",
    "Search": "Претрес",
    "Search by name, number or cell": "Пребарувај по име, број или ќелија",
    "Search prisoners": "Пребарувај осуденици",
    "Security officer": "Службеник за безбедност",
    "Seen or heard directly": "Непосредно видено или слушнато",
    "Select an entry to see it in full.": "Изберете запис за да го видите целиот.",
    "Select the entry to return first.": "Прво изберете го записот што треба да се врати.",
    "Self-harm": "Самоповредување",
    "Self-harm risk": "Ризик од самоповредување",
    "Send to HQ &now": "Испрати до централата &сега",
    "Sensitive": "Чувствително",
    "Sent {sent} bundle(s); HQ acknowledged {acked}.": "Испратени пакети: {sent}; потврдени од централата: {acked}.",
    "Sent {sent} bundles; HQ confirmed {acked}.": "Испратени пакети: {sent}; потврдени од централата: {acked}.",
    "Session": "Сесија",
    "Set passphrase": "Постави лозинка",
    "Setting a new passphrase replaces this person's key.":
        "Со поставување нова лозинка се заменува клучот на ова лице.",
    "Sex": "Пол",
    "Shift": "Смена",
    "Show note dates": "Прикажи ги датумите на белешките",
    "Show older entries": "Прикажи постари записи",
    "Sign in": "Најава",
    "Sign in to WingDesk": "Најавете се во WingDesk",
    "Signed in as {name}": "Најавени сте како {name}",
    "Signed-in user": "Најавен корисник",
    "Signing in": "Најавување",
    "Signing…": "Потпишување…",
    "Social": "Приватна",
    "Social work": "Социјална работа",
    "Social work centre": "Центар за социјална работа",
    "Something went wrong ({kind}). Try again.": "Нешто тргна наопаку ({kind}). Обидете се повторно.",
    "Something went wrong ({kind}). Try again; if it happens again, tell the administrator.":
        "Нешто тргна наопаку ({kind}). Обидете се повторно; ако пак се случи, известете го администраторот.",
    "Something went wrong. Try again, or tell the administrator.":
        "Нешто тргна наопаку. Обидете се повторно или известете го администраторот.",
    "Source": "Извор",
    "Sport and culture": "Спорт и култура",
    "Staff accounts": "Сметки на вработените",
    "Staff involved": "Вклучен персонал",
    "Start date": "Датум на почеток",
    "Start shift": "Започни смена",
    "State": "Состојба",
    "State: {state}": "Состојба: {state}",
    "Statement endorsing violence": "Изјава со која се одобрува насилство",
    "Status": "Статус",
    "Status {status}; first review {date}.": "Статус: {status}; прв преглед: {date}.",
    "Step": "Чекор",
    "Step 1: start your shift. Step 2: accept the handover. Then add entries.":
        "Чекор 1: започнете ја смената. Чекор 2: прифатете го примопредавањето. Потоа додавајте записи.",
    "Steps": "Чекори",
    "Steps and who is responsible": "Чекори и одговорни лица",
    "Stopped": "Прекинато",
    "Submit": "Поднеси",
    "Submit day": "Поднеси ден",
    "Submit day for review": "Поднеси го денот на преглед",
    "Submit the log of {day} for review? Entries cannot be changed afterwards.":
        "Да се поднесе дневникот за {day} на преглед? Записите потоа не можат да се менуваат.",
    "Submitted": "Поднесено",
    "Substance use": "Употреба на психоактивни супстанции",
    "Summary": "Резиме",
    "Supervisor": "Надзорник",
    "Supervisor's comment": "Коментар на надзорникот",
    "Supervisor's visit": "Посета од надзорникот",
})

T.update({
    "Sync state not known yet": "Состојбата на синхронизацијата сè уште не е позната",
    "Sync with HQ": "Синхронизација со централата",
    "Sync with HQ is done by a supervisor": "Синхронизацијата со централата ја врши надзорник",
    "Sync with HQ is not available in this installation.":
        "Синхронизацијата со централата не е достапна во оваа инсталација.",
    "Synchronisation state": "Состојба на синхронизацијата",
    "Target date": "Рок",
    "Temporary release": "Привремено отсуство",
    "Terrorism-related conviction": "Осуда за кривично дело поврзано со тероризам",
    "Text": "Текст",
    "That passphrase is not right.": "Лозинката не е точна.",
    "The HQ address must start with https://.": "Адресата на централата мора да почнува со https://.",
    "The HQ key file belongs to a different HQ than the bundles already sealed here.":
        "Датотеката со клучот на централата припаѓа на друга централа, а не на онаа за која се запечатени "
        "пакетите што се веќе тука.",
    "The HQ key file is damaged or not genuine.": "Датотеката со клучот на централата е оштетена или не е автентична.",
    "The action failed ({code}).": "Дејството не успеа ({code}).",
    "The administrator adds the staff accounts. Choose a passphrase of at least 15 characters, for example a few "
    "unrelated words.":
        "Администраторот ги додава сметките на вработените. Изберете лозинка од најмалку 15 знаци, на пример "
        "неколку неповрзани зборови.",
    "The audit chain is BROKEN. First bad entry: No. {seq} ({reason}). {n} entries before it are intact.":
        "Ревизискиот синџир е ПРЕКИНАТ. Прв неисправен запис: бр. {seq} ({reason}). Неоштетени записи пред "
        "него: {n}.",
    "The certificate file cannot be read.": "Датотеката со сертификатот не може да се прочита.",
    "The day is countersigned.": "Денот е супотпишан.",
    "The day is read-only.": "Денот може само да се чита.",
    "The day was resubmitted for review.": "Денот е повторно поднесен на преглед.",
    "The day was submitted for review.": "Денот е поднесен на преглед.",
    "The entry was returned to the officer with your comment.":
        "Записот му е вратен на службеникот со вашиот коментар.",
    "The file belongs to a test (or production) system other than this one.":
        "Датотеката припаѓа на друг тест (или продукциски) систем, а не на овој.",
    "The file cannot be decrypted on this PC.": "Датотеката не може да се дешифрира на овој компјутер.",
    "The file contains an invalid entry; it was not applied.": "Датотеката содржи неважечки запис; не е применета.",
    "The file is incomplete (the stick may have been pulled while writing).":
        "Датотеката е нецелосна (можно е USB-меморијата да била извадена за време на запишувањето).",
    "The file is meant for another PC.": "Датотеката е наменета за друг компјутер.",
    "The file is not a WingDesk bundle, or it is damaged.": "Датотеката не е пакет на WingDesk или е оштетена.",
    "The file is not signed by HQ; it was not applied.": "Датотеката не е потпишана од централата; не е применета.",
    "The file is not signed by this wing's HQ; it was not applied.":
        "Датотеката не е потпишана од централата на ова одделение; не е применета.",
    "The file is too large.": "Датотеката е преголема.",
    "The file was changed after HQ signed it; it was not applied.":
        "Датотеката е променета откако ја потпишала централата; не е применета.",
    "The file's contents do not match its signed header; it was not applied.":
        "Содржината на датотеката не се совпаѓа со нејзиното потпишано заглавие; не е применета.",
    "The key file is older than the database (restored from an old copy?). Contact the administrator.":
        "Датотеката со клучеви е постара од базата на податоци (вратена од стара копија?). Контактирајте го "
        "администраторот.",
    "The key file of this wing is damaged. Restore it from the backup.":
        "Датотеката со клучеви на ова одделение е оштетена. Вратете ја од резервната копија.",
    "The key file uses a key-derivation setting below the allowed minimum.":
        "Датотеката со клучеви користи поставка за изведување клуч под дозволениот минимум.",
    "The passphrase must have at least {minimum} characters.": "Лозинката мора да има најмалку {minimum} знаци.",
    "The passphrase must not be built from your name or user name.":
        "Лозинката не смее да биде составена од вашето име или корисничко име.",
    "The receipt is not genuine or does not match this wing; nothing was marked as sent.":
        "Потврдата не е автентична или не одговара на ова одделение; ништо не е означено како испратено.",
    "The session is locked. Sign in again.": "Сесијата е заклучена. Најавете се повторно.",
    "The two passphrases are not the same.": "Двете лозинки не се исти.",
    "The two passphrases differ.": "Двете лозинки се разликуваат.",
    "The wing database cannot be opened.": "Базата на податоци на одделението не може да се отвори.",
    "There are no HQ files for this PC on the stick.":
        "На USB-меморијата нема датотеки од централата за овој компјутер.",
    "There are no entries to submit for this day.": "За овој ден нема записи за поднесување.",
    "There is no wing database in this data folder. Create one with 'wingdesk init'.":
        "Во оваа папка со податоци нема база на податоци на одделение. Создадете ја со 'wingdesk init'.",
    "Thinking and behaviour": "Размислување и однесување",
    "This HQ file is older than data already applied here; it was refused.":
        "Оваа датотека од централата е постара од податоците што се веќе применети тука; одбиена е.",
    "This PC is not enrolled with HQ yet. Install HQ's key file first ('wingdesk enrol').":
        "Овој компјутер сè уште не е регистриран кај централата. Прво инсталирајте ја датотеката со клучот "
        "на централата ('wingdesk enrol').",
    "This account is locked after too many wrong passwords. A supervisor or administrator must unlock it.":
        "Оваа сметка е заклучена поради премногу погрешни лозинки. Мора да ја отклучи надзорник или "
        "администратор.",
    "This data folder is empty. Name the wing and the prison it belongs to.":
        "Оваа папка со податоци е празна. Внесете го називот на одделението и на затворот на кој му припаѓа.",
    "This day has not been returned for correction.": "Овој ден не е вратен за исправка.",
    "This day is not waiting for review.": "Овој ден не чека преглед.",
    "This day's log has been submitted; add a correction by amendment instead.":
        "Дневникот за овој ден е поднесен; наместо тоа, додадете исправка преку дополнување.",
    "This day's log is {state}: it is read-only.":
        "Дневникот за овој ден е во состојба „{state}“: може само да се чита.",
    "This passphrase is too common. Choose a few unrelated words.":
        "Оваа лозинка е премногу честа. Изберете неколку неповрзани зборови.",
    "This prisoner already has a treatment plan; update it instead.":
        "Овој осуденик веќе има план за третман; наместо тоа, ажурирајте го.",
    "This step is not possible for the day's log in its current state.":
        "Овој чекор не е можен за дневникот на денот во неговата сегашна состојба.",
    "This wing": "Ова одделение",
    "This wing was created by a newer WingDesk. Install the newer version.":
        "Ова одделение е создадено со понова верзија на WingDesk. Инсталирајте ја поновата верзија.",
    "Time": "Време",
    "Timeline": "Хронологија",
    "Timeline (newest first)": "Хронологија (најновите прво)",
    "To cell": "Во ќелија",
    "Today, {day}: log {state}.": "Денес, {day}: дневникот е во состојба „{state}“.",
    "Told by someone else": "Кажано од друго лице",
    "Told by the prisoner": "Кажано од осуденикот",
    "Tool loss": "Губење алат",
    "Transfer": "Преместување",
    "Treatment": "Третман",
    "Treatment plan": "План за третман",
    "Treatment plans, notes and contacts": "Планови за третман, белешки и контакти",
    "Treatment staff": "Стручен персонал за третман",
    "Type": "Тип",
    "Type of contact": "Тип на контакт",
    "Type of entry": "Тип на запис",
    "Type of incident": "Тип на инцидент",
    "Type of step": "Тип на чекор",
    "URGENT": "ИТНО",
    "Under review": "Се преиспитува",
    "Unlock": "Отклучување",
    "Unlock account": "Отклучи сметка",
    "Unlocked {user}.": "Корисникот {user} е отклучен.",
    "Urgent": "Итно",
    "User name": "Корисничко име",
    "User name: ": "Корисничко име: ",
    "Using the demo wing in {folder}.": "Се користи демо-одделението во {folder}.",
    "Verify audit chain": "Провери го ревизискиот синџир",
    "Verify signatures": "Провери ги потписите",
    "Vetted": "Безбедносно проверено",
    "Vetting": "Безбедносна проверка",
    "Video call": "Видеоповик",
    "Visit": "Посета",
    "Visits": "Посети",
    "Vocational training": "Стручна обука",
    "Volunteer or NGO": "Волонтер или НВО",
    "Vulnerable": "Ранливо лице",
    "W&here": "Ка&де",
    "Waiting for HQ:": "Во очекување на централата:",
    "Warning: HQ's data is older than its allowed age; ask HQ for a new file.":
        "Предупредување: податоците од централата се постари од дозволеното; побарајте нова датотека од "
        "централата.",
    "Warning: HQ's roster and account data here is out of date.":
        "Предупредување: списокот и податоците за сметките од централата што се тука се застарени.",
    "Week at a glance": "Неделен преглед",
    "Week at a glance: observations by category per day": "Неделен преглед: набљудувања по категорија и ден",
    "Welfare check": "Проверка на благосостојбата",
    "Wellbeing or vulnerability": "Благосостојба или ранливост",
    "What was seen or heard": "Што е видено или слушнато",
    "Where": "Каде",
    "Who was prese&nt": "Кој беше &присутен",
    "Who was present": "Кој беше присутен",
    "Wing": "Одделение",
    "Wing log": "Дневник на одделението",
    "Wing log entry": "Запис во дневникот на одделението",
    "Wing log {day}": "Дневник на одделението {day}",
    "Wing log {wing}, {day}": "Дневник на одделението {wing}, {day}",
    "Wing log — {wing}": "Дневник на одделението — {wing}",
    "Wing name": "Назив на одделението",
    "Wing officer": "Службеник на одделението",
    "Wing: {wing}": "Одделение: {wing}",
    "WingDesk": "WingDesk",
    "WingDesk headquarters sync tool": "WingDesk — алатка за синхронизација во централата",
    "WingDesk is already open for this data folder. Use the window that is already open.":
        "WingDesk веќе е отворен за оваа папка со податоци. Користете го прозорецот што е веќе отворен.",
    "WingDesk: offline wing records for prison services.":
        "WingDesk: евиденција на одделенијата без мрежна врска, за затворските служби.",
    "WingDesk: offline wing records.": "WingDesk: евиденција на одделенијата без мрежна врска.",
    "WingDesk: set up this wing": "WingDesk: поставување на ова одделение",
    "WingDesk: sign in": "WingDesk: најава",
    "WingDesk: {wing}": "WingDesk: {wing}",
    "With &alerts": "Со пре&дупредувања",
    "Wording hints": "Совети за изразување",
    "Work": "Работа",
    "Write a comment that tells the officer what to correct.":
        "Напишете коментар од кој службеникот ќе знае што треба да исправи.",
    "Write pending bundles to the stick": "Запиши ги пакетите што чекаат на USB-меморијата",
    "Write the note first.": "Прво напишете ја белешката.",
    "Write the prisoner's goals in their own words. Each save keeps the earlier version in the plan's history.":
        "Запишете ги целите на осуденикот со негови сопствени зборови. Секое зачувување ја задржува "
        "претходната верзија во историјата на планот.",
    "Writing to the stick failed or could not be checked. Do not use this copy; try again.":
        "Запишувањето на USB-меморијата не успеа или не можеше да се провери. Не користете ја оваа копија; "
        "обидете се повторно.",
    "Writing… Do not remove the stick.": "Се запишува… Не вадете ја USB-меморијата.",
    "Written {file}": "Запишано: {file}",
    "Wrong user name or password.": "Погрешно корисничко име или лозинка.",
    "Wrote {n} bundle(s) ({new} new) to {folder}.": "Запишани пакети во {folder}: {n} (нови: {new}).",
    "Yes": "Да",
    "You cannot countersign a day that contains your own entries.":
        "Не може да супотпишете ден што содржи ваши записи.",
    "You cannot remove your own account.": "Не може да ја отстраните сопствената сметка.",
    "You manage staff accounts and settings on the Administration page.":
        "Сметките на вработените и поставките ги уредувате на страницата „Администрација“.",
    "You may now remove the stick.": "Сега може да ја извадите USB-меморијата.",
    "Your &annotation": "Ваша &забелешка",
    "Your &assessment": "Ваша п&роценка",
    "Your account has not yet received the treatment key. A treatment colleague grants it when they next sign in.":
        "Вашата сметка сè уште не го добила клучот за третман. Ќе ви го додели колега од третманот при "
        "неговата следна најава.",
    "Your annotation": "Ваша забелешка",
})

T.update({
    "Your passphrase": "Ваша лозинка",
    "Your role does not allow this.": "Вашата улога не го дозволува ова.",
    "Your shift": "Ваша смена",
    "an entry is missing or out of order": "запис недостасува или не е по ред",
    "apply HQ bundles or receipts from files or a stick":
        "примени пакети или потврди од централата од датотеки или од USB-меморија",
    "audit log": "ревизиски дневник",
    "certificate authority file to trust for HQ":
        "датотека на сертификациското тело на кое му се верува за централата",
    "checking…": "се проверува…",
    "comma-separated languages for --screenshots": "јазици за --screenshots, одделени со запирка",
    "confirmation code read out by the wing": "код за потврда што го прочитало одделението",
    "create (or reuse) a demo wing with synthetic data":
        "создај (или повторно употреби) демо-одделение со синтетички податоци",
    "create HQ key pairs and the database": "создај парови клучеви на централата и база на податоци",
    "create a new wing database": "создај нова база на податоци на одделение",
    "data folder (default: $WINGDESK_HQ_HOME or the user data folder)":
        "папка со податоци (стандардно: $WINGDESK_HQ_HOME или папката со податоци на корисникот)",
    "data folder (default: WINGDESK_HOME or the platform's)":
        "папка со податоци (стандардно: WINGDESK_HOME или онаа на платформата)",
    "database URL: postgresql://… (default: SQLite in the data folder)":
        "URL на базата на податоци: postgresql://… (стандардно: SQLite во папката со податоци)",
    "enrol a device from its request file": "регистрирај уред од неговата датотека со барање",
    "enrol this PC with HQ (makes a request file for HQ)":
        "регистрирај го овој компјутер кај централата (создава датотека со барање за централата)",
    "enrolled": "регистриран",
    "error: {code}": "грешка: {code}",
    "exchange sealed bundles with HQ": "размени запечатени пакети со централата",
    "export the public key file for wings": "извези ја датотеката со јавниот клуч за одделенијата",
    "extra": "вишок",
    "full name": "име и презиме",
    "import bundle files or folders": "увези датотеки или папки со пакети",
    "it cannot be read": "не може да се прочита",
    "its content does not match its hash": "содржината не се совпаѓа со хашот",
    "language of messages": "јазик на пораките",
    "manage staff accounts": "управувај со сметките на вработените",
    "missing": "недостиг",
    "no address set (use the stick)": "нема поставена адреса (користете USB-меморија)",
    "none yet": "сè уште нема",
    "not enrolled": "нерегистриран",
    "not reachable; bundles wait here": "недостапна; пакетите чекаат тука",
    "open the desktop application (the default)": "отвори ја десктоп-апликацијата (стандардно)",
    "per-device sync status": "состојба на синхронизацијата по уред",
    "prison name": "назив на затворот",
    "queue roster, user or revocation data (JSON Lines of bodies)":
        "стави во редица податоци за списокот, корисниците или отповикувањата (JSON Lines со содржини)",
    "reachable": "достапна",
    "read passphrases from standard input, one per line": "читај лозинки од стандардниот влез, по една во ред",
    "read the HQ passphrase from stdin": "читај ја лозинката на централата од стандардниот влез",
    "recorded {when}": "евидентирано {when}",
    "request sent, waiting for HQ": "барањето е испратено, се чека централата",
    "resolved": "разрешено",
    "resolved at {time}": "разрешено во {time}",
    "revoke a lost device": "отповикај изгубен уред",
    "revoked by HQ": "отповикан од централата",
    "run the HTTPS receiver": "стартувај го HTTPS-приемникот",
    "send pending bundles to HQ over HTTPS": "испрати ги пакетите што чекаат до централата преку HTTPS",
    "show what is waiting to be sent": "прикажи што чека да биде испратено",
    "sign in as this user": "најави се како овој корисник",
    "supervisor {short_id}": "надзорник {short_id}",
    "the administrator's full name": "име и презиме на администраторот",
    "the link to the previous entry is broken": "врската со претходниот запис е прекината",
    "the stick (or folder) to write to": "USB-меморијата (или папката) на која се запишува",
    "unknown prisoner": "непознат осуденик",
    "value": "вредност",
    "where to write the request file": "каде да се запише датотеката со барање",
    "write HQ→wing bundles": "запиши пакети централа→одделение",
    "write pending bundles to a stick": "запиши ги пакетите што чекаат на USB-меморија",
    "{action}: {what}": "{action}: {what}",
    "{at} ({status})": "{at} ({status})",
    "{base}. Discrepancy {diff:+d}, OPEN": "{base}. Несовпаѓање {diff:+d}, ОТВОРЕНО",
    "{base}. Discrepancy {diff:+d}, {state}: {resolution}": "{base}. Несовпаѓање {diff:+d}, {state}: {resolution}",
    "{caption} by {author}, {when}": "{caption} — {author}, {when}",
    "{caption} — {author}, {when}: {text}": "{caption} — {author}, {when}: {text}",
    "{category}: {n}": "{category}: {n}",
    "{count} reference items queued.": "Ставки со референтни податоци ставени во редица: {count}.",
    "{date} (age {age})": "{date} (возраст {age})",
    "{date} at {time}": "{date} во {time}",
    "{day} {time} · {type}": "{day} {time} · {type}",
    "{day} · {state}": "{day} · {state}",
    "{day} — {state} — officers: {officers}": "{day} — {state} — службеници: {officers}",
    "{day}: {facts}": "{day}: {facts}",
    "{device}  {wing}: last seq {last}, contiguous {hcs}, gaps {gaps}, quarantined {qb} bundles / {qr} records, "
    "last contact {contact}{revoked}":
        "{device}  {wing}: последен бр. {last}, непрекинато до {hcs}, празнини {gaps}, во карантин: пакети {qb} / "
        "записи {qr}, последен контакт {contact}{revoked}",
    "{direction}: {destination}": "{direction}: {destination}",
    "{field} cannot be in the future.": "Полето „{field}“ не може да биде во иднината.",
    "{field} has a value that is not on the list.": "Полето „{field}“ има вредност што не е на списокот.",
    "{field} is already in use.": "Вредноста на полето „{field}“ веќе се користи.",
    "{field} is required.": "Полето „{field}“ е задолжително.",
    "{field} is too long (at most {limit} characters).": "Полето „{field}“ е предолго (најмногу {limit} знаци).",
    "{field} must be a date (YYYY-MM-DD).": "Полето „{field}“ мора да биде датум (ГГГГ-ММ-ДД).",
    "{field} must be a date and time.": "Полето „{field}“ мора да биде датум и време.",
    "{field} must be between {minimum} and {maximum}.": "Полето „{field}“ мора да биде меѓу {minimum} и {maximum}.",
    "{file}: refused ({code})": "{file}: одбиено ({code})",
    "{file}: {outcome}, device {device} sequence {seq}": "{file}: {outcome}, уред {device}, реден број {seq}",
    "{kind} by {author}, {when}:": "{kind} — {author}, {when}:",
    "{kind} count: {counted} counted, {expected} expected":
        "Пребројување ({kind}): пребројани {counted}, очекувани {expected}",
    "{kind}: {subtype}": "{kind}: {subtype}",
    "{label} *": "{label} *",
    "{languages}; interpreter needed": "{languages}; потребен е преведувач",
    "{name} ({cyrillic})": "{name} ({cyrillic})",
    "{name} ({number})": "{name} ({number})",
    "{name} ({short_id})": "{name} ({short_id})",
    "{name}: refused ({code}).": "{name}: одбиено ({code}).",
    "{name}: {outcome}.": "{name}: {outcome}.",
    "{prisoner}: review due {date}": "{prisoner}: преглед до {date}",
    "{prisoner}: {alert} since {date}": "{prisoner}: {alert} од {date}",
    "{role}: {user} (passphrase: {passphrase})": "{role}: {user} (лозинка: {passphrase})",
    "{shift} started at {time}. Now accept the handover: who hands over, the roll, open issues, prisoners of "
    "concern, keys.":
        "{shift} започна во {time}. Сега прифатете го примопредавањето: кој предава, бројна состојба, отворени "
        "прашања, осуденици за кои постои загриженост, клучеви.",
    "{shift} started at {time}; handover accepted at {accepted}.":
        "{shift} започна во {time}; примопредавањето е прифатено во {accepted}.",
    "{shift} started {time}": "{shift}, почеток: {time}",
    "{shift}: handover not yet accepted.": "{shift}: примопредавањето сè уште не е прифатено.",
    "{shift}: {officer} (handover accepted at {time})": "{shift}: {officer} (примопредавањето е прифатено во {time})",
    "{type}: {description} ({who}, {status})": "{type}: {description} ({who}, {status})",
    "{when} · {category} · {polarity}": "{when} · {category} · {polarity}",
    "{when} – {prisoner}: {category} ({polarity})": "{when} – {prisoner}: {category} ({polarity})",
    "{when}, {author} ({role})": "{when}, {author} ({role})",
    "{wing}: overview": "{wing}: преглед",
    "← &Back": "← &Назад",
})

# Plural messages: Macedonian has two forms: [one (1, 21, 31… but not 11), other].
P.update({
    "Active ({n} failed sign-in)": ["Активно ({n} неуспешна најава)", "Активно ({n} неуспешни најави)"],
    "Discrepancy: {n} prisoner {direction}.": ["Несовпаѓање: {direction} од {n} осуденик.",
                                               "Несовпаѓање: {direction} од {n} осуденици."],
    "Last HQ receipt {when}; {n} record waiting": ["Последна потврда од централата {when}; чека {n} запис",
                                                   "Последна потврда од централата {when}; чекаат {n} записи"],
    "Not yet synchronised with HQ; {n} record waiting": [
        "Сè уште не е синхронизирано со централата; чека {n} запис",
        "Сè уште не е синхронизирано со централата; чекаат {n} записи"],
    "Returned for correction ({n})": ["Вратено за исправка ({n})", "Вратено за исправка ({n})"],
    "The audit chain is intact: {n} entry checked.": ["Ревизискиот синџир е неоштетен: проверен е {n} запис.",
                                                      "Ревизискиот синџир е неоштетен: проверени се {n} записи."],
    "Too many wrong passwords. Try again in {n} second.": [
        "Премногу погрешни лозинки. Обидете се повторно за {n} секунда.",
        "Премногу погрешни лозинки. Обидете се повторно за {n} секунди."],
    "Wait {n} second before the next try.": ["Почекајте {n} секунда пред следниот обид.",
                                             "Почекајте {n} секунди пред следниот обид."],
    "{day}: {state}, {n} entry": ["{day}: {state}, {n} запис", "{day}: {state}, {n} записи"],
    "{n} audit entry. Only identifiers and hashes are logged, never record content.": [
        "{n} ревизиски запис. Се евидентираат само идентификатори и хашеви, никогаш содржината на записите.",
        "{n} ревизиски записи. Се евидентираат само идентификатори и хашеви, никогаш содржината на записите."],
    "{n} bundle": ["{n} пакет", "{n} пакети"],
    "{n} entry on {day}": ["{n} запис за {day}", "{n} записи за {day}"],
    "{n} entry was returned for correction: see the tab on the right.": [
        "{n} запис е вратен за исправка: видете го јазичето десно.",
        "{n} записи се вратени за исправка: видете го јазичето десно."],
    "{n} file written and checked.": ["{n} датотека е запишана и проверена.", "{n} датотеки се запишани и проверени."],
    "{n} incident": ["{n} инцидент", "{n} инциденти"],
    "{n} item": ["{n} ставка", "{n} ставки"],
    "{n} observation": ["{n} набљудување", "{n} набљудувања"],
    "{n} prisoner": ["{n} осуденик", "{n} осуденици"],
    "{n} record": ["{n} запис", "{n} записи"],
    "{n} roll discrepancy": ["{n} несовпаѓање при пребројување", "{n} несовпаѓања при пребројување"],
})

# added with the default HQ key file (data folder)
T["Error: give HQ's public key file with --hq-keys FILE."] = 'Грешка: наведете ја датотеката со јавниот клуч на централата со --hq-keys FILE.'
T["HQ's public key file (default: hq-keys.json in the data folder, put there by the installer)"] = 'Датотека со јавниот клуч на централата (стандардно: hq-keys.json во папката со податоци, каде што ја става инсталацијата)'

# the HQ address field on the sync page
T['HQ &address:'] = '&Адреса на централата:'
T['HQ address (https://…); leave empty to sync by stick only'] = 'Адреса на централата (https://…); оставете празно за синхронизација само преку USB-меморија'
T['HQ address saved.'] = 'Адресата на централата е зачувана.'
T['Save address'] = 'Зачувај ја адресата'

# first-run wizard
T["&Language:"] = "&Јазик:"

# disk full / disk error (storage)
T['The disk is full: nothing was saved. Free some space on this PC, then try again.'] = 'Дискот е полн: ништо не е зачувано. Ослободете простор на овој компјутер, па обидете се повторно.'
T['The disk reported an error: nothing was saved. Try again; if it happens again, call the administrator.'] = 'Дискот пријави грешка: ништо не е зачувано. Обидете се повторно; ако се повтори, повикајте го администраторот.'

# date order (services: alerts, prisoners)
T["{field} cannot be before {other}."] = "Полето „{field}“ не може да биде пред полето „{other}“."

# wingdesk-hq: one sentence per failure (hq/cli_messages.py, hq/cli.py)
T.update({
    "A different bundle with the same id is already stored.": "Веќе е зачуван друг пакет со истиот идентификатор.",
    "Device {device} ({wing}) asks to be enrolled. Phone the wing, ask for the code its screen shows, then re-run with --code CODE.": "Уредот {device} ({wing}) бара да биде регистриран. Јавете се во одделението, прашајте го кодот што го прикажува неговиот екран, а потоа повторно извршете со --code КОД.",
    "Device {device} is already revoked; its cutoff stays as it is.": "Уредот {device} е веќе отповикан; неговата граница останува непроменета.",
    "HQ's key file is damaged or unreadable; restore it from the backup.": "Датотеката со клучевите на централата е оштетена или нечитлива; вратете ја од резервната копија.",
    "Line {line} of the file is not a valid {kind} item; nothing was queued.": "Редот {line} од датотеката не е исправна ставка од видот {kind}; ништо не е ставено во ред.",
    "No HQ keys in this data folder: check --data, or run 'wingdesk-hq init'.": "Во оваа папка со податоци нема клучеви на централата: проверете го --data или извршете 'wingdesk-hq init'.",
    "No bundle files (.wdb) in what was given.": "Во наведеното нема датотеки со пакети (.wdb).",
    "Starting the HQ receiver on {url} (Ctrl+C stops it).": "Приемникот на централата се стартува на {url} (Ctrl+C го запира).",
    "The TLS certificate and key cannot be used: they do not match, or a file is not in PEM form.": "TLS-сертификатот и клучот не можат да се користат: не се совпаѓаат или датотеката не е во формат PEM.",
    "The database address must start with postgresql:// (or leave --db out to keep the database in the data folder).": "Адресата на базата на податоци мора да почнува со postgresql:// (или изоставете го --db за базата да остане во папката со податоци).",
    "The database cannot be opened or written: check the data folder or --db, the disk and its permissions.": "Базата на податоци не може да се отвори или запише: проверете ја папката со податоци или --db, дискот и неговите дозволи.",
    "The device is not enrolled at this HQ.": "Уредот не е регистриран во оваа централа.",
    "The device is revoked: its bundles are kept as evidence, not applied.": "Уредот е отповикан: неговите пакети се чуваат како доказ и не се применуваат.",
    "The enrolment request is damaged, or the code is not the one the wing shows.": "Барањето за регистрација е оштетено или кодот не е оној што го прикажува одделението.",
    "The file cannot be decrypted with HQ's keys.": "Датотеката не може да се дешифрира со клучевите на централата.",
    "The file is encrypted to another HQ key.": "Датотеката е шифрирана за друг клуч на централата.",
    "The file is not signed with the key enrolled for its device.": "Датотеката не е потпишана со клучот регистриран за нејзиниот уред.",
    "The file was changed after it was signed.": "Датотеката е изменета откако била потпишана.",
    "The file was made by a newer version of WingDesk.": "Датотеката е создадена со понова верзија на WingDesk.",
    "The file's signature does not verify: it was changed after it was signed.": "Потписот на датотеката не е исправен: датотеката е изменета откако била потпишана.",
    "The key file asks for less key-derivation memory than the safe minimum.": "Датотеката со клучеви бара помалку меморија за изведување на клучот од безбедниот минимум.",
    "The operation failed ({code}).": "Операцијата не успеа ({code}).",
    "This device is already enrolled.": "Овој уред е веќе регистриран.",
    "Wrong HQ passphrase.": "Погрешна лозинка на централата.",
    "a whole number is needed": "потребен е цел број",
    "already exists": "веќе постои",
    "cannot be read or written ({name})": "не може да се чита или запишува ({name})",
    "is a folder, not a file": "е папка, а не датотека",
    "is not a folder": "не е папка",
    "must be between {low} and {high}": "мора да биде меѓу {low} и {high}",
    "not found": "не е пронајдено",
    "permission denied": "пристапот е одбиен",
    "the disk is full": "дискот е полн",
    "the disk is read-only": "дискот е само за читање",
    "{file} already exists; choose another name.": "{file} веќе постои; изберете друго име.",
    "{file}: refused. {reason}": "{file}: одбиено. {reason}",
})

T.update({
    "HQ's certificate is not trusted on this PC (or the address is not HQ's). Nothing was sent; tell the administrator.": "На сертификатот на централата не му се верува на овој компјутер (или адресата не е на централата). Ништо не е испратено; известете го администраторот.",
    "WingDesk prints on paper only: a file would hold these records unencrypted. Choose a printer.": "WingDesk печати само на хартија: датотеката би ги содржела овие записи нешифрирани. Изберете печатач.",
})

# wing sync: pulled stick, old HQ files, refusals (sync_page, sync_commands, sync_messages)
T.update({
    "Bundle {seq} refused by HQ: {reason}": "Централата го одби пакетот {seq}: {reason}",
    "HQ could not store the bundles just now. They stay here and will be sent again.": "Централата моментално не можеше да ги зачува пакетите. Тие остануваат тука и ќе бидат повторно испратени.",
    "No HQ files for this PC in what was given.": "Во наведеното нема датотеки од централата за овој компјутер.",
    "Nothing new to write for HQ; the stick was not changed.": "Нема ништо ново за централата; USB-меморијата не е променета.",
    "The HQ files on the stick were applied before; there is nothing new. You may now remove the stick.": "Датотеките од централата на USB-меморијата се веќе применети; нема ништо ново. Сега можете да ја извадите USB-меморијата.",
    "The stick is not there any more, or its folder was removed. Put it back and write again: nothing was lost.": "USB-меморијата повеќе не е тука или нејзината папка е отстранета. Вратете ја и запишете повторно: ништо не е изгубено.",
    "the address answered with HTTP status {status}; check the HQ address.": "адресата одговори со HTTP-статус {status}; проверете ја адресата на централата.",
    "{name}: older than the HQ data already applied here; skipped.": "{name}: постаро од податоците на централата веќе применети тука; прескокнато.",
    "{name}: refused. {reason}": "{name}: одбиено. {reason}",
})
P["HQ refused {n} bundle: {reason}"] = ["Централата одби {n} пакет: {reason}", "Централата одби {n} пакети: {reason}"]

T["Answer every returned entry before sending the day back to the supervisor."] = "Одговорете на секој вратен запис пред повторно да го предадете денот на надзорникот."

T["Write your answer first."] = "Прво напишете го вашиот одговор."

T["This day's log has been submitted and takes no more entries. Tell the supervisor: they can return an entry for you to answer."] = "Дневникот за овој ден е предаден и не прима повеќе записи. Известете го надзорникот: тој може да ви врати запис за да одговорите на него."

T["Discard"] = "Отфрли"
T["Discard the observation you have written?"] = "Да се отфрли набљудувањето што го напишавте?"

T["Reading… Do not remove the stick."] = "Се чита… Не ја вадете USB-меморијата."
T["accepted"] = "прифатено"
T["already at HQ"] = "веќе е во централата"
T["held by HQ for checking"] = "задржано од централата за проверка"

# stopping a write to the stick or a send to HQ (sync_page)
T["S&top"] = "З&апри"
T["Stop after the file being written or the part being sent"] = "Запри кога ќе заврши датотеката што се запишува или делот што се испраќа"
T["Stopping…"] = "Се запира…"
T["Sending to HQ…"] = "Се испраќа до централата…"
T["Stopped before anything was written. You may now remove the stick."] = "Запрено пред да се запише што било. Сега можете да ја извадите USB-меморијата."
P["Stopped after {n} file, written and checked. You may now remove the stick; the other bundles stay on this PC for next time."] = ["Запрено по {n} датотека, запишана и проверена. Сега можете да ја извадите USB-меморијата; другите пакети остануваат на овој компјутер за следниот пат.", "Запрено по {n} датотеки, секоја запишана и проверена. Сега можете да ја извадите USB-меморијата; другите пакети остануваат на овој компјутер за следниот пат."]
P["Sending stopped after {n} bundle; HQ confirmed {acked}. The others wait on this PC."] = ["Испраќањето запре по {n} пакет; централата потврди {acked}. Другите чекаат на овој компјутер.", "Испраќањето запре по {n} пакети; централата потврди {acked}. Другите чекаат на овој компјутер."]

# observation dialog: when it happened
T["Happened a&t"] = "&Време на настанот"

# an observation kept over a lock, reopened at the next sign-in
T["You were writing this when WingDesk locked ({when}). Finish it and save, or Cancel to throw it away."] = "Ова го пишувавте кога WingDesk се заклучи ({when}). Довршете го и зачувајте, или притиснете Откажи за да го отфрлите."

# correcting a log entry of an open day (correction_dialog, wing_log_page)
T["&Correct entry…"] = "&Исправи внес…"
T["Correct the selected entry"] = "Исправи го избраниот внес"
T["Correct entry"] = "Исправи внес"
T["The entry stays as it was. Your correction is added below it, with your name and the time."] = "Внесот останува каков што беше. Вашата исправка се додава под него, со вашето име и времето."
T["&Correction"] = "&Исправка"
T["Correction"] = "Исправка"
T["&Save correction (Ctrl+Enter)"] = "&Зачувај исправка (Ctrl+Enter)"
T["Write the correction first."] = "Прво напишете ја исправката."
T["Correction added below the entry."] = "Исправката е додадена под внесот."

# roll count before counting
T["Enter the number you counted: the difference from the roll shows here."] = "Внесете го бројот што го изброивте: разликата од списокот се прикажува тука."

# a wing log entry kept over a lock
T["You were writing this entry when WingDesk locked ({when}). Finish it and add it to the log."] = "Овој внес го пишувавте кога WingDesk се заклучи ({when}). Довршете го и додадете го во дневникот."

# review fixes: correction dialog, a stopped send
T["Discard the correction you have written?"] = "Да се отфрли исправката што ја напишавте?"
T["Sending starts again by itself in an hour, or press \"{button}\"."] = "Испраќањето ќе продолжи само по еден час, или притиснете „{button}“."
T['A public key was refused because it is weak (genuine keys never are); nothing was stored.'] = 'Јавниот клуч е одбиен затоа што е слаб (вистинските клучеви никогаш не се такви); ништо не е зачувано.'
