"""Texts of getting and keeping an account, of the people administration and of a
person's own data protection, in German and English.

Page texts are keyed by their English wording (``web:<wording>``, as in
:mod:`sorgende_web.texts`); refusals, e-mails, consents and the labels of a person's
export have keys of their own (``web.problem.accounts.*``, ``web.mail.*``, ...).
"""

# ruff: noqa: E501  (a key is a text's English wording, which may be a long line)

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

PAGES: Final[Mapping[str, str]] = {
    # the front page
    "Welcome": "Willkommen",
    "Neighbours helping neighbours": "Nachbarn helfen Nachbarn",
    "%(name)s is the meeting place of a caring community: people who need a hand in everyday life find people nearby who like to help, and the time given is written on a time account.": "{name} ist der Treffpunkt einer Sorgenden Gemeinschaft: Wer im Alltag eine helfende Hand braucht, findet Menschen in der Nähe, die gerne helfen, und die geschenkte Zeit wird auf einem Zeitkonto gutgeschrieben.",
    "For whom?": "Für wen?",
    "For everyone who lives here: older people, families, people with an illness or a disability, and everyone who has some time to give. Nobody has to pay, and nobody has to be good with computers: the coordination helps by phone.": "Für alle, die hier wohnen: ältere Menschen, Familien, Menschen mit einer Krankheit oder Behinderung, und alle, die etwas Zeit schenken möchten. Niemand muss bezahlen, und niemand muss sich mit Computern auskennen: Die Koordination hilft am Telefon.",
    "How do I ask for help?": "Wie bitte ich um Hilfe?",
    "Sign in and choose “Ask for help”: say what you need, where and when. Or simply call the coordination, who puts your request on the board for you.": "Melden Sie sich an und wählen Sie „Hilfe suchen“: Sagen Sie, was Sie brauchen, wo und wann. Oder rufen Sie einfach die Koordination an, die Ihr Gesuch für Sie ans Schwarze Brett stellt.",
    "How do I offer help?": "Wie biete ich Hilfe an?",
    "Sign in and look at the board: offer to help with a request, or say what you like to do (shopping, lifts, company, small repairs) under “Offer help”. Every hour you give is written on your time account.": "Melden Sie sich an und schauen Sie aufs Schwarze Brett: Bieten Sie Ihre Hilfe bei einem Gesuch an, oder sagen Sie unter „Hilfe anbieten“, was Sie gerne tun (Einkaufen, Fahrten, Gesellschaft, kleine Reparaturen). Jede geschenkte Stunde wird auf Ihrem Zeitkonto gutgeschrieben.",
    "The coordination": "Die Koordination",
    "Ask at the town hall for the coordination of the caring community.": "Fragen Sie im Rathaus nach der Koordination der Sorgenden Gemeinschaft.",
    "Your account": "Ihr Zugang",
    "Register yourself": "Selbst registrieren",
    "Or ask the coordination for an invitation by e-mail.": "Oder bitten Sie die Koordination um eine Einladung per E-Mail.",
    "Without e-mail? The coordination makes an account for you and hands you a sign-in sheet; a trusted person of yours can act for you.": "Ohne E-Mail? Die Koordination richtet Ihnen einen Zugang ein und gibt Ihnen ein Anmeldeblatt; eine Vertrauensperson kann für Sie handeln.",
    "Forgot your password?": "Passwort vergessen?",
    # sign-in
    "Your account is ready. Please sign in.": "Ihr Zugang ist eingerichtet. Bitte melden Sie sich an.",
    "Your password is changed. Please sign in with the new one.": "Ihr Passwort ist geändert. Bitte melden Sie sich mit dem neuen an.",
    "No account yet? The start page says how to get one, or call the coordination.": "Noch kein Zugang? Die Startseite sagt, wie Sie einen bekommen, oder rufen Sie die Koordination an.",
    "How to get an account": "So bekommen Sie einen Zugang",
    # registration
    "Register": "Registrieren",
    "Registering yourself is not offered here. Please call the coordination: they invite you or make an account for you.": "Selbst registrieren ist hier nicht möglich. Bitte rufen Sie die Koordination an: Sie lädt Sie ein oder richtet Ihnen einen Zugang ein.",
    "Tell us who you are. We then send you an e-mail with a link: there you choose your login name and password.": "Sagen Sie uns, wer Sie sind. Wir schicken Ihnen dann eine E-Mail mit einem Link: Dort wählen Sie Ihren Anmeldenamen und Ihr Passwort.",
    "Community": "Gemeinschaft",
    "Your name": "Ihr Name",
    "Your e-mail address": "Ihre E-Mail-Adresse",
    "Where you live": "Wo Sie wohnen",
    "Not given": "Keine Angabe",
    "What you agree to": "Wozu Sie einwilligen",
    "I have read the privacy statement (version %(version)s) and agree that my details are kept to arrange help.": "Ich habe die Datenschutzerklärung (Fassung {version}) gelesen und bin einverstanden, dass meine Angaben gespeichert werden, um Hilfe zu vermitteln.",
    "Read the privacy statement": "Die Datenschutzerklärung lesen",
    "Other members may contact me about help (phone, e-mail, messages).": "Andere Mitglieder dürfen mich wegen Hilfe ansprechen (Telefon, E-Mail, Nachrichten).",
    "My contact details may be shown to the person I arrange help with.": "Meine Kontaktdaten dürfen der Person gezeigt werden, mit der ich Hilfe vereinbare.",
    "My data may be used without my name for the community's reports.": "Meine Daten dürfen ohne meinen Namen für die Berichte der Gemeinschaft verwendet werden.",
    "You can withdraw these consents at any time: tell the coordination.": "Diese Einwilligungen können Sie jederzeit widerrufen: Sagen Sie es der Koordination.",
    "Send me the link": "Link zuschicken",
    "I have an account: sign in": "Ich habe einen Zugang: anmelden",
    "Please check your e-mail": "Bitte schauen Sie in Ihre E-Mails",
    "We have sent you an e-mail. Please open the link in it to go on.": "Wir haben Ihnen eine E-Mail geschickt. Bitte öffnen Sie den Link darin, um weiterzumachen.",
    # choosing login and password
    "Choose your login": "Anmeldung wählen",
    "Welcome, %(name)s! You are invited to %(community)s. Choose the login name and password you will sign in with.": "Willkommen, {name}! Sie sind zu {community} eingeladen. Wählen Sie den Anmeldenamen und das Passwort, mit denen Sie sich anmelden.",
    "Thank you, %(name)s: your e-mail address is confirmed. Choose the login name and password you will sign in with.": "Danke, {name}: Ihre E-Mail-Adresse ist bestätigt. Wählen Sie den Anmeldenamen und das Passwort, mit denen Sie sich anmelden.",
    "3 to 64 small letters, digits, dots or dashes, for example anna.schmitz": "3 bis 64 Kleinbuchstaben, Ziffern, Punkte oder Bindestriche, zum Beispiel anna.schmitz",
    "Make my account": "Zugang einrichten",
    "New password": "Neues Passwort",
    "The new password again": "Das neue Passwort noch einmal",
    "At least %(num)s characters. Not your name or login name, and not a password many people use (such as 12345678). A sentence you can remember is good.": "Mindestens {num} Zeichen. Nicht Ihr Name oder Anmeldename und kein Passwort, das viele benutzen (wie 12345678). Gut ist ein Satz, den Sie sich merken können.",
    # passwords
    "Give your login name or your e-mail address. We send a link to choose a new password to the e-mail address of your account. Without e-mail, the coordination gives you a new sign-in sheet.": "Geben Sie Ihren Anmeldenamen oder Ihre E-Mail-Adresse an. Wir schicken einen Link, mit dem Sie ein neues Passwort wählen, an die E-Mail-Adresse Ihres Zugangs. Ohne E-Mail gibt Ihnen die Koordination ein neues Anmeldeblatt.",
    "Login name or e-mail address": "Anmeldename oder E-Mail-Adresse",
    "Back to signing in": "Zurück zur Anmeldung",
    "If the login name or address is known here, an e-mail with a link to choose a new password is on its way. The link is valid for a short time only.": "Wenn der Anmeldename oder die Adresse hier bekannt ist, ist eine E-Mail mit einem Link zu einem neuen Passwort unterwegs. Der Link gilt nur kurze Zeit.",
    "Choose a new password": "Neues Passwort wählen",
    "Save the new password": "Neues Passwort speichern",
    "Change your password": "Passwort ändern",
    "You signed in with the password from your sign-in sheet. Please choose a password of your own now; afterwards you sign in with it.": "Sie haben sich mit dem Passwort von Ihrem Anmeldeblatt angemeldet. Bitte wählen Sie jetzt ein eigenes Passwort; danach melden Sie sich damit an.",
    "Your current password": "Ihr bisheriges Passwort",
    # the people administration
    "People": "Personen",
    "People and accounts": "Personen und Zugänge",
    "Everyone who takes part in the community, with their roles and accounts. Open a person to change their roles, invite them, make an account with a sign-in sheet, or deactivate them.": "Alle, die in der Gemeinschaft mitmachen, mit ihren Rollen und Zugängen. Öffnen Sie eine Person, um ihre Rollen zu ändern, sie einzuladen, ihr einen Zugang mit Anmeldeblatt einzurichten oder sie abzumelden.",
    "The audit trail shows who did what.": "Das Protokoll zeigt, wer was getan hat.",
    "Register a person": "Person aufnehmen",
    "Role": "Rolle",
    "Any role": "Jede Rolle",
    "Account": "Zugang",
    "With or without": "Mit oder ohne",
    "Has an account": "Hat einen Zugang",
    "No account": "Kein Zugang",
    "Taking part": "Teilnahme",
    "Everyone": "Alle",
    "Takes part": "Macht mit",
    "Deactivated": "Abgemeldet",
    "Nobody matches.": "Niemand passt dazu.",
    "The person is registered.": "Die Person ist aufgenommen.",
    "The invitation is sent.": "Die Einladung ist verschickt.",
    "The person is deactivated.": "Die Person ist abgemeldet.",
    "The person takes part again.": "Die Person macht wieder mit.",
    "All people": "Alle Personen",
    "Organisations": "Organisationen",
    "member": "Mitglied",
    "coordinator": "Koordination",
    "staff": "Mitarbeit",
    "Trusted persons": "Vertrauenspersonen",
    "Latest sign-ins": "Letzte Anmeldungen",
    "from %(address)s": "von {address}",
    "No sign-in yet.": "Noch keine Anmeldung.",
    "New sign-in sheet with a new password": "Neues Anmeldeblatt mit neuem Passwort",
    "No account yet.": "Noch kein Zugang.",
    "Invite by e-mail to %(email)s": "Per E-Mail an {email} einladen",
    "Make an account with a sign-in sheet": "Zugang mit Anmeldeblatt einrichten",
    "For someone without e-mail: you print the sheet with the login name and a first password, which is to be changed at the first sign-in.": "Für jemanden ohne E-Mail: Sie drucken das Blatt mit dem Anmeldenamen und einem ersten Passwort, das bei der ersten Anmeldung geändert wird.",
    "Trusted person, who may act for them": "Vertrauensperson, die für sie handeln darf",
    "Nobody": "Niemand",
    "Make the account and show the sheet": "Zugang einrichten und Blatt zeigen",
    "Community roles": "Rollen in der Gemeinschaft",
    "Change": "Änderung",
    "Grant": "Vergeben",
    "Role in an organisation": "Rolle in einer Organisation",
    "Organisation": "Organisation",
    "A deactivated person can neither act nor be acted for; their hours and records stay.": "Eine abgemeldete Person kann weder handeln noch kann für sie gehandelt werden; ihre Stunden und Einträge bleiben.",
    "Deactivate": "Abmelden",
    "Reactivate": "Wieder anmelden",
    "Afterwards you invite the person by e-mail, or make an account with a sign-in sheet for someone without e-mail.": "Danach laden Sie die Person per E-Mail ein, oder Sie richten jemandem ohne E-Mail einen Zugang mit Anmeldeblatt ein.",
    "E-mail address (if any)": "E-Mail-Adresse (falls vorhanden)",
    "Phone (if any)": "Telefon (falls vorhanden)",
    "Where the person lives": "Wo die Person wohnt",
    "Register the person": "Person aufnehmen",
    # the sign-in sheet
    "Sign-in sheet": "Anmeldeblatt",
    "Your access to %(community)s": "Ihr Zugang zu {community}",
    "Hello %(name)s, with this sheet you sign in to the caring community's platform. Please keep it safe and show it to nobody.": "Guten Tag {name}, mit diesem Blatt melden Sie sich auf der Plattform der Sorgenden Gemeinschaft an. Bitte bewahren Sie es gut auf und zeigen Sie es niemandem.",
    "Address in the browser": "Adresse im Browser",
    "First password": "Erstes Passwort",
    "At your first sign-in you choose a password of your own; this one is then no longer valid.": "Bei der ersten Anmeldung wählen Sie ein eigenes Passwort; dieses gilt dann nicht mehr.",
    "Your trusted person, who may act for you: %(names)s": "Ihre Vertrauensperson, die für Sie handeln darf: {names}",
    "Questions? Call the coordination: %(phone)s": "Fragen? Rufen Sie die Koordination an: {phone}",
    "The password is shown only now: print this page (Ctrl+P) or write it down before you leave it.": "Das Passwort wird nur jetzt gezeigt: Drucken Sie diese Seite (Strg+P) oder schreiben Sie es auf, bevor Sie sie verlassen.",
    "Back to %(name)s": "Zurück zu {name}",
    # my data
    "My data": "Meine Daten",
    "What is kept about me": "Was über mich gespeichert ist",
    "Everything the platform keeps about you: your details, your requests and offers, your exchanges, your time account and your account.": "Alles, was die Plattform über Sie speichert: Ihre Angaben, Ihre Gesuche und Angebote, Ihre Einsätze, Ihr Zeitkonto und Ihren Zugang.",
    "Read it on a page": "Auf einer Seite lesen",
    "Download it as a file (JSON)": "Als Datei herunterladen (JSON)",
    "Consents you gave": "Ihre Einwilligungen",
    "yes": "ja",
    "no": "nein",
    "text version %(version)s, %(when)s": "Textfassung {version}, {when}",
    "Erase my data": "Meine Daten löschen",
    "You asked for erasure on %(when)s. The data protection officer carries it out and tells you by e-mail.": "Sie haben am {when} um Löschung gebeten. Die oder der Datenschutzbeauftragte führt sie aus und benachrichtigt Sie per E-Mail.",
    "Your account and your personal details are erased at once; you are signed out. The hours you gave and received stay in the time bank without your name. This cannot be undone.": "Ihr Zugang und Ihre persönlichen Angaben werden sofort gelöscht; Sie werden abgemeldet. Die geschenkten und erhaltenen Stunden bleiben ohne Ihren Namen in der Zeitbank. Das lässt sich nicht rückgängig machen.",
    "The data protection officer carries out your request and tells you by e-mail. Your account and personal details are then erased; the hours you gave and received stay in the time bank without your name.": "Die oder der Datenschutzbeauftragte führt Ihre Bitte aus und benachrichtigt Sie per E-Mail. Ihr Zugang und Ihre persönlichen Angaben werden dann gelöscht; die geschenkten und erhaltenen Stunden bleiben ohne Ihren Namen in der Zeitbank.",
    "Yes, erase my data.": "Ja, meine Daten löschen.",
    "Erase my data now": "Meine Daten jetzt löschen",
    "Ask for erasure": "Um Löschung bitten",
    "Your request is recorded. The data protection officer will carry it out and tell you.": "Ihre Bitte ist aufgenommen. Die oder der Datenschutzbeauftragte führt sie aus und benachrichtigt Sie.",
    "As of %(when)s.": "Stand: {when}.",
    "My details": "Meine Angaben",
    "Your data is erased": "Ihre Daten sind gelöscht",
    "Your data is erased: your account, your details and what you wrote about yourself. The hours you gave and received stay in the community's time bank without your name.": "Ihre Daten sind gelöscht: Ihr Zugang, Ihre Angaben und was Sie über sich geschrieben haben. Die geschenkten und erhaltenen Stunden bleiben ohne Ihren Namen in der Zeitbank der Gemeinschaft.",
    # requests for erasure
    "Requests for erasure": "Bitten um Löschung",
    "People who asked for their data to be erased. Carrying a request out erases the person's account and personal details, and tells them by e-mail first.": "Personen, die um die Löschung ihrer Daten gebeten haben. Wird eine Bitte ausgeführt, werden Zugang und persönliche Angaben der Person gelöscht; vorher erhält sie eine E-Mail.",
    "Asked on": "Gebeten am",
    "Action": "Aktion",
    "Erase %(name)s now": "{name} jetzt löschen",
    "No request waits.": "Keine Bitte wartet.",
    "The person's data is erased.": "Die Daten der Person sind gelöscht.",
}

OTHER: Final[Mapping[str, Mapping[str, str]]] = {
    # refusals
    "web.problem.accounts.one_of": {"de": "eins von: {known}", "en": "one of: {known}"},
    "web.problem.accounts.between_8_128": {
        "de": "eine Zahl von 8 bis 128",
        "en": "a number from 8 to 128",
    },
    "web.problem.accounts.table": {
        "de": "eine Tabelle je Gemeinschaft, nach ihrem Namen",
        "en": "a table per community, by its name",
    },
    "web.problem.accounts.email_needed": {
        "de": "Für eine Einladung braucht die Person eine E-Mail-Adresse",
        "en": "an invitation needs the person's e-mail address",
    },
    "web.problem.accounts.email_invalid": {
        "de": "Bitte geben Sie eine E-Mail-Adresse an, etwa anna@example.org",
        "en": "please give an e-mail address, such as anna@example.org",
    },
    "web.problem.accounts.name_needed": {
        "de": "Bitte geben Sie Ihren Namen an",
        "en": "please give your name",
    },
    "web.problem.accounts.privacy_needed": {
        "de": "Ohne Einwilligung in die Datenschutzerklärung kann kein Zugang eingerichtet werden",
        "en": "an account needs your agreement to the privacy statement",
    },
    "web.problem.accounts.community": {
        "de": "Diese Gemeinschaft bietet keine Registrierung an",
        "en": "this community offers no registration",
    },
    "web.problem.accounts.login_taken": {
        "de": "Dieser Anmeldename ist schon vergeben; bitte wählen Sie einen anderen",
        "en": "this login name is taken; please choose another",
    },
    "web.problem.accounts.repeat_differs": {
        "de": "Die beiden Passwörter sind nicht gleich",
        "en": "the two passwords differ",
    },
    "web.problem.accounts.current_wrong": {
        "de": "Das bisherige Passwort stimmt nicht",
        "en": "the current password is wrong",
    },
    "web.problem.accounts.password_same": {
        "de": "Das neue Passwort ist das bisherige; bitte wählen Sie ein anderes",
        "en": "the new password is the current one; please choose another",
    },
    "web.problem.accounts.erase_sure": {
        "de": "Bitte bestätigen Sie, dass Ihre Daten gelöscht werden sollen",
        "en": "please confirm that your data is to be erased",
    },
    "web.problem.password.too_short": {
        "de": "Das Passwort ist zu kurz: Es braucht mindestens {min_length} Zeichen",
        "en": "the password is too short: it needs at least {min_length} characters",
    },
    "web.problem.password.too_long": {
        "de": "Das Passwort ist zu lang: höchstens {max_length} Zeichen",
        "en": "the password is too long: at most {max_length} characters",
    },
    "web.problem.password.common": {
        "de": "Dieses Passwort benutzen sehr viele, es wird zuerst ausprobiert; bitte wählen Sie ein anderes",
        "en": "many people use this password, so it is tried first; please choose another",
    },
    "web.problem.password.own_name": {
        "de": "Das Passwort darf nicht Ihr Name oder Anmeldename sein",
        "en": "the password must not be your name or login name",
    },
    "web.problem.links.no_base_url": {
        "de": "Die Adresse der Plattform ist nicht eingestellt ([plugins.web] base_url), also kann kein Link verschickt werden",
        "en": "the platform's address is not configured ([plugins.web] base_url), so no link can be sent",
    },
    # what a page needs
    "web.need.people": {
        "de": "die Personen und Zugänge verwalten",
        "en": "manage people and accounts",
    },
    "web.need.manage_accounts": {
        "de": "Zugänge für andere einrichten",
        "en": "make accounts for others",
    },
    "web.need.data_protection": {
        "de": "Bitten um Löschung ausführen",
        "en": "carry out requests for erasure",
    },
    # consents, by the name recorded
    "web.consent.privacy": {"de": "Datenschutzerklärung", "en": "privacy statement"},
    "web.consent.contact": {
        "de": "Kontakt durch andere Mitglieder",
        "en": "contact by other members",
    },
    "web.consent.share_contact_details": {
        "de": "Kontaktdaten für das Gegenüber eines Einsatzes",
        "en": "contact details for the other side of an exchange",
    },
    "web.consent.statistics": {
        "de": "Verwendung ohne Namen für Berichte",
        "en": "use without name in reports",
    },
    # a person's export as a page
    "web.value.yes": {"de": "ja", "en": "yes"},
    "web.value.no": {"de": "nein", "en": "no"},
    "web.kind.web.account": {"de": "Zugang", "en": "Account"},
    "web.kind.web.address": {"de": "Anschrift", "en": "Street address"},
    "web.kind.web.session": {"de": "Anmeldungen im Browser", "en": "Browser sign-ins"},
    "web.kind.web.api_token": {"de": "API-Schlüssel", "en": "API tokens"},
    "web.kind.web.sign_in": {"de": "Letzte Anmeldungen", "en": "Latest sign-ins"},
    "web.kind.web.consent": {"de": "Einwilligungen", "en": "Consents"},
    "web.kind.web.link": {"de": "Verschickte Links", "en": "Links sent"},
    "web.kind.web.initial_password": {"de": "Erstes Passwort", "en": "Initial password"},
    "web.kind.web.erasure_request": {"de": "Bitte um Löschung", "en": "Request for erasure"},
    "web.kind.request": {"de": "Hilfegesuche", "en": "Requests for help"},
    "web.kind.offer": {"de": "Hilfsangebote", "en": "Offers of help"},
    "web.kind.exchange": {"de": "Einsätze", "en": "Exchanges"},
    "web.kind.commitment": {"de": "Zusagen", "en": "Commitments"},
    "web.kind.posting": {"de": "Buchungen auf dem Zeitkonto", "en": "Postings on the time account"},
    "web.field.name": {"de": "Name", "en": "Name"},
    "web.field.kind": {"de": "Art", "en": "Kind"},
    "web.field.email": {"de": "E-Mail", "en": "E-mail"},
    "web.field.phone": {"de": "Telefon", "en": "Phone"},
    "web.field.home_place_id": {"de": "Wohnort", "en": "Home place"},
    "web.field.place_id": {"de": "Ort", "en": "Place"},
    "web.field.birth_year": {"de": "Geburtsjahr", "en": "Year of birth"},
    "web.field.consent": {"de": "Einwilligungen", "en": "Consents"},
    "web.field.contact": {"de": "Kontakt", "en": "Contact"},
    "web.field.share_contact_details": {"de": "Kontaktdaten zeigen", "en": "Share contact details"},
    "web.field.statistics": {"de": "Berichte", "en": "Reports"},
    "web.field.trusted_persons": {"de": "Vertrauenspersonen", "en": "Trusted persons"},
    "web.field.memberships": {"de": "Mitgliedschaften", "en": "Memberships"},
    "web.field.community_roles": {"de": "Rollen", "en": "Roles"},
    "web.field.deactivated": {"de": "Abgemeldet", "en": "Deactivated"},
    "web.field.erased": {"de": "Gelöscht", "en": "Erased"},
    "web.field.login": {"de": "Anmeldename", "en": "Login name"},
    "web.field.created_at": {"de": "Angelegt", "en": "Made"},
    "web.field.expires_at": {"de": "Gültig bis", "en": "Valid until"},
    "web.field.street": {"de": "Straße", "en": "Street"},
    "web.field.at": {"de": "Zeitpunkt", "en": "Time"},
    "web.field.address": {"de": "Adresse", "en": "Address"},
    "web.field.given": {"de": "Gegeben", "en": "Given"},
    "web.field.title": {"de": "Titel", "en": "Title"},
    "web.field.description": {"de": "Beschreibung", "en": "Description"},
    "web.field.category": {"de": "Art der Hilfe", "en": "Kind of help"},
    "web.field.status": {"de": "Stand", "en": "Status"},
    "web.field.state": {"de": "Stand", "en": "State"},
    "web.field.scheduled": {"de": "Termin", "en": "Date"},
    "web.field.minutes": {"de": "Minuten", "en": "Minutes"},
    "web.field.recipient_id": {"de": "Empfänger*in", "en": "Recipient"},
    "web.field.helper_id": {"de": "Helfer*in", "en": "Helper"},
    "web.field.receives_solidarity": {"de": "Solidaritätskonto", "en": "Solidarity account"},
    "web.field.skills": {"de": "Fähigkeiten", "en": "Skills"},
    "web.field.qualifications": {"de": "Nachweise", "en": "Qualifications"},
    "web.field.pronoun": {"de": "Anrede", "en": "Pronoun"},
    "web.field.role": {"de": "Rolle", "en": "Role"},
    # e-mails: subject and text (links written out)
    "web.mail.invitation.subject": {
        "de": "Ihre Einladung zu {community}",
        "en": "Your invitation to {community}",
    },
    "web.mail.invitation.text": {
        "de": "{by} lädt Sie zur Sorgenden Gemeinschaft {community} ein: Nachbarn helfen Nachbarn.\n\nÖffnen Sie diesen Link, um Ihren Anmeldenamen und Ihr Passwort zu wählen:\n{url}\n\nDer Link gilt {days} Tage und nur einmal. Wenn Sie das nicht möchten, tun Sie einfach nichts.\n\nIhre Koordination von {community}",
        "en": "{by} invites you to the caring community {community}: neighbours helping neighbours.\n\nOpen this link to choose your login name and password:\n{url}\n\nThe link is valid for {days} days and once only. If you do not want this, simply do nothing.\n\nThe coordination of {community}",
    },
    "web.mail.registration.subject": {
        "de": "Bitte bestätigen Sie Ihre E-Mail-Adresse für {community}",
        "en": "Please confirm your e-mail address for {community}",
    },
    "web.mail.registration.text": {
        "de": "Sie haben sich bei der Sorgenden Gemeinschaft {community} registriert. Öffnen Sie diesen Link, um Ihre E-Mail-Adresse zu bestätigen und Ihren Anmeldenamen und Ihr Passwort zu wählen:\n{url}\n\nDer Link gilt {hours} Stunden und nur einmal. Wenn Sie sich nicht registriert haben, tun Sie einfach nichts: Ohne Bestätigung wird nichts gespeichert.\n\nIhre Koordination von {community}",
        "en": "You registered with the caring community {community}. Open this link to confirm your e-mail address and choose your login name and password:\n{url}\n\nThe link is valid for {hours} hours and once only. If you did not register, simply do nothing: without confirmation nothing is kept.\n\nThe coordination of {community}",
    },
    "web.mail.reset.subject": {
        "de": "Ein neues Passwort für {community}",
        "en": "A new password for {community}",
    },
    "web.mail.reset.text": {
        "de": "Für Ihren Zugang „{login}“ wurde ein neues Passwort angefordert. Öffnen Sie diesen Link, um es zu wählen:\n{url}\n\nDer Link gilt {hours} Stunden und nur einmal. Wenn Sie das nicht waren, tun Sie einfach nichts: Ihr Passwort bleibt, wie es ist.\n\nIhre Koordination von {community}",
        "en": "A new password was asked for your account “{login}”. Open this link to choose it:\n{url}\n\nThe link is valid for {hours} hours and once only. If this was not you, simply do nothing: your password stays as it is.\n\nThe coordination of {community}",
    },
    "web.mail.erased.subject": {
        "de": "Ihre Daten bei {community} sind gelöscht",
        "en": "Your data at {community} is erased",
    },
    "web.mail.erased.text": {
        "de": "wie Sie es wünschten, sind Ihr Zugang und Ihre persönlichen Angaben bei der Sorgenden Gemeinschaft {community} gelöscht; auch diese E-Mail-Adresse ist danach nicht mehr gespeichert. Die geschenkten und erhaltenen Stunden bleiben ohne Ihren Namen in der Zeitbank.\n\nIhre Koordination von {community}",
        "en": "as you asked, your account and your personal details at the caring community {community} are erased; after this message this address is no longer kept either. The hours you gave and received stay in the time bank without your name.\n\nThe coordination of {community}",
    },
}


def _page(english: str, german: str) -> dict[str, str]:
    """A page text: German given, English as the key says (placeholders as fields)."""
    english = english.replace("%(", "{").replace(")s", "}")
    return {"de": german, "en": english}


MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    **{"web:" + english: _page(english, german) for english, german in PAGES.items()},
    "web:%(num)s person.one": {"de": "{num} Person", "en": "{num} person"},
    "web:%(num)s person.other": {"de": "{num} Personen", "en": "{num} people"},
    **OTHER,
}

register_messages(__name__, MESSAGES)
