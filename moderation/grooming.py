"""Grooming signals in what members write in young carers' spaces. Pure: no Flask, no database.

Four kinds of request an adult grooming a young person typically makes, in Swedish and English:
`contact_elsewhere` (Snapchat, Kik, Telegram, WhatsApp, Discord, "skriv privat", a phone number or e-mail),
`asks_age`, `asks_photos` and `meet`. Young carers talk about exactly these things for ordinary reasons
("min mamma har snapchat", "hur gammal var din pappa när han fick diagnosen", "vi träffade kuratorn"), so a
rule fires on a *request aimed at the reader*, not on a word: a question put to "du", an imperative at the
start of a clause, an offer of one's own handle or number. Warnings are not requests: a negation just before
(or right after the verb: "skicka aldrig bilder") silences a rule.

Text is folded first: NFKC, case-folded, å/ä → a, ö → o, apostrophes and "pm:a"-style colons dropped,
punctuation turned into a clause mark `|` (so "fin, skicka en bild" starts a new clause). Only *detects*:
moderation/screening.py queues what this finds, for texts in age-banded spaces only.
tests/moderation/grooming_corpus.tsv is the labelled corpus; its test reports precision and recall.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.textsearch import WORD

CATEGORIES = ("contact_elsewhere", "asks_age", "asks_photos", "meet")


@dataclass(frozen=True)
class Signal:
    """One grooming signal: its category, the rule that fired and the (folded) words that matched."""

    category: str
    rule: str
    text: str


FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "'": "", "’": "", "´": ""})
CLAUSE_BREAK = re.compile(r"[.,!?;:()\[\]{}\"“”«»…\n—–]+")
# Spellings of the same thing, after folding.
ALIASES = (
    (re.compile(r"\bwhats ?app?\b|\bwats ?app?\b|\bwhatsap\b"), "whatsapp"),
    (re.compile(r"\bsnap chat\b"), "snapchat"),
    (re.compile(r"\bface ?time\b"), "facetime"),
    (re.compile(r"\ba ?/ ?s ?/ ?l\b"), "asl"),
    (re.compile(r"\bdej\b"), "dig"),
    (re.compile(r"\bmej\b"), "mig"),
)


def fold(text: str) -> str:
    """The text as the rules read it: folded words separated by single spaces, clause breaks as `|`."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(FOLD)
    # "pm:a", "sms:a", "facetime:a" are one verb each; "a/s/l" one word.
    text = re.sub(r"(?<=\w):(?=\w)", "", text)
    for pattern, replacement in ALIASES:
        text = pattern.sub(replacement, text)
    text = CLAUSE_BREAK.sub(" | ", text)
    tokens = [token if token == "|" else WORD.findall(token) for token in text.split()]
    words: list[str] = []
    for token in tokens:
        if token == "|":
            if words and words[-1] != "|":
                words.append("|")
        else:
            words.extend(token)
    return " ".join(words)


# Building blocks (folded words).
YOU = r"(?:du|ni|u|you|ya)"
ME = r"(?:mig|me)"
GAP = r"(?:\w+ ){0,%d}"
# Apps where a conversation can move out of moderators' sight; PLATFORM adds text messages and e-mail.
APPS = (
    r"(?:snap(?:chat)?(?:namn|name|nick|en|pen)?|kik|telegram|whatsapp|discord(?:namn|name|server)?|insta"
    r"|instagram|ig|tiktok|messenger|signal|skype)"
)
PLATFORM = rf"(?:{APPS}|sms|mejl|mail|email|epost)"
# A request put to the reader: the start of a clause (an imperative), or a modal question or offer to "du".
REQUEST = (
    r"(?:(?:^|\| )(?:bara |snalla |sa )?|\b(?:du|ni|u) (?:kan|far|ska|maste) (?:\w+ )?"
    r"|\b(?:kan|vill|ska|orkar|skulle|will|can|could|would) (?:du|ni|u|vi|you|we) (?:\w+ )?)"
)
MEDIA = (
    r"(?:bild|bilder|bilden|bilderna|pic|pics|picture|pictures|photo|photos|foto|foton|fotot|selfie|selfies"
    r"|video|videos|videon|klipp|nudes?|nakenbild\w*)"
)
MEET = (
    r"(?:ses|traffas|traffa mig|motas|fika|ta en fika|hanga|hangas|ta en promenad|hitta pa nagot"
    r"|hitta pa nat)"
)
# Meeting again *here* ("vi kan ses i chatten imorgon") is not a meeting.
NOT_HERE = r"(?! (?:har|i traden|i chatten|i rummet|i forumet|pa bryggan|har inne|har i))"

def words(*choices: str) -> str:
    """A non-capturing group of alternatives."""
    return "(?:" + "|".join(choices) + ")"


NUMBER = words("nummer", "nr", "number", "mobilnummer", "telefonnummer", "telnr")
SCHOOL = words(
    "gymnasiet", "gymnasium", "hogstadiet", "hogstadie", "mellanstadiet", "nian", "attan", "sjuan",
    "grundskolan",
)
VIDEO_CALL = words(
    "facetime", "facetimea", "facetima", "videochatta", "videochatt", "videosamtal", "videoringa",
    "ringa video", "skypea", "skypa",
)
CAMERA = words("kamera", "kameran", "webbkamera", "webbkameran", "cam", "camera", "webcam")
PLACE = words("stad", "kommun", "ort", "by", "omrade", "del av stan", "del av sverige", "lan", "stadsdel")

# (category, rule name, pattern over folded text). A rule fires once per text.
RULES: tuple[tuple[str, str, str], ...] = (
    # --- contact_elsewhere ---
    (
        "contact_elsewhere",
        "has_platform",
        rf"\b(?:har|kor|anvander|finns|ar) {YOU} {GAP % 2}(?:pa |med pa )?{APPS}\b",
    ),
    (
        "contact_elsewhere",
        "has_platform_en",
        rf"\b(?:do|d) (?:you|u) (?:have|use|got) (?:a |an )?{APPS}\b|\b(?:are|r) (?:you|u) on {APPS}\b",
    ),
    ("contact_elsewhere", "name_on_platform", rf"\b(?:vad|vem) (?:heter|ar) {YOU} (?:pa|on) {APPS}\b"),
    ("contact_elsewhere", "your_handle", rf"\b(?:din|ditt|dina|your|ur) {APPS}\b"),
    ("contact_elsewhere", "what_number", rf"\bvad har {YOU} for {GAP % 1}(?:{NUMBER}|{PLATFORM})\b"),
    ("contact_elsewhere", "your_number", rf"\b(?:din|ditt|your|ur) (?:\w+ )?{NUMBER}\b"),
    ("contact_elsewhere", "my_handle", rf"\b(?:mitt|min|my) {APPS} (?:ar|e|is|heter)\b"),
    ("contact_elsewhere", "my_number", rf"\b(?:mitt|my) (?:\w+ )?{NUMBER} (?:ar|e|is)\b"),
    ("contact_elsewhere", "i_am_on", rf"\b(?:jag|ja|i|im) (?:finns|ar|e|am) (?:pa|on) {APPS}\b"),
    (
        "contact_elsewhere",
        "add_me",
        REQUEST
        + words(
            "adda", "addera", "add", "lagg till", "lagga till", "snappa", "dma", "pma", "smsa", "sms",
            "messa", "ring", "ringa", "call", "text", "follow", "folj", "kontakta", "hitta",
        )
        + rf" {ME}\b",
    ),
    (
        "contact_elsewhere",
        "write_me_on",
        rf"{REQUEST}(?:skriv|skriva|skicka|message|hit) (?:till |up )?{ME} "
        rf"{GAP % 3}(?:pa|via|i|on) {PLATFORM}\b",
    ),
    ("contact_elsewhere", "get_in_touch_on", rf"\bhor av (?:dig|er) {GAP % 2}(?:pa|via|i) {PLATFORM}\b"),
    (
        "contact_elsewhere",
        "move_to_platform",
        rf"\b(?:kan|ska|vill|borde) (?:vi|du|ni) {GAP % 3}(?:pa|via|i|over|till) {PLATFORM}\b",
    ),
    (
        "contact_elsewhere",
        "we_can_move",
        rf"\bvi (?:kan|borde|kunde) {GAP % 3}(?:pa|via|over|till) {PLATFORM}\b",
    ),
    (
        "contact_elsewhere",
        "lets_move",
        rf"\b(?:lets|can we|we can|wanna|want to|should we) {GAP % 3}(?:on|to|over) {PLATFORM}\b",
    ),
    ("contact_elsewhere", "join_my", rf"\b(?:joina|ga med i|kom in pa|join) (?:min|mitt|var|my) {APPS}\b"),
    (
        "contact_elsewhere",
        "write_privately",
        REQUEST
        + words("skriv", "skriva", "skicka", "messa", "mejla", "maila", "prata", "snacka", "chatta", "ta det")
        + rf" {GAP % 3}(?:i )?(?:privat|privata|privatchatt|pm|dm)\b",
    ),
    (
        "contact_elsewhere",
        "private_message",
        r"\b(?:skicka|skriv|send) (?:\w+ ){0,2}(?:pm|dm|dms|privatmeddelande|privat meddelande)\b",
    ),
    # --- asks_age ---
    (
        "asks_age",
        "how_old",
        rf"\bhur (?:gammal|gamal|gammel|gamel|old|ung|unga) (?:ar|e|a|blir|fyller|are|r|is) {YOU}\b",
    ),
    (
        "asks_age",
        "how_old_indirect",
        rf"\b(?:veta|saga|beratta|fraga|fragar dig) {GAP % 2}hur gammal {YOU} (?:ar|e)\b",
    ),
    ("asks_age", "how_many_years", rf"\bhur manga ar (?:ar|e|fyller|blir) {YOU}\b"),
    (
        "asks_age",
        "born_when",
        rf"\b(?:nar|vilket ar|vilken arskull|vad for ar) (?:ar|e) {YOU} fodd\b"
        rf"|\b(?:ar|e) {YOU} fodd (?:\d+|pa|i|innan|efter)\b",
    ),
    (
        "asks_age",
        "are_you_n",
        rf"\b(?:ar|e|are|r) {YOU} (?:typ |alla |ocksa |redan )?"
        r"(?:\d{1,2}|under \d{1,2}|over \d{1,2}|myndig|minderarig|gammal nog|old enough)\b"
        # "Är du under 18 kan du ringa BRIS" is advice, not a question.
        r"(?! (?:ar )?(?:sa )?(?:kan|ska|far|bor|har|behover|you can|can) (?:du|ni|you))",
    ),
    (
        "asks_age",
        "your_age",
        r"\b(?:vad|what) (?:ar|e|is|s) (?:din|er|your) (?:alder|age)\b|\b(?:din|your) (?:alder|age) \|"
        r"|\basl\b|\b(?:alder|age) (?:\| )?(?:kon|sex|ort|location)\b",
    ),
    ("asks_age", "how_old_en", r"\bhow old (?:are|r|is) (?:you|u|ya)\b"),
    (
        "asks_age",
        "which_grade",
        rf"\b(?:vilken|vilket|what) (?:klass|arskurs|ar|grade|year) (?:gar|ar|e|are|r) {YOU}\b",
    ),
    ("asks_age", "in_school", rf"\b(?:gar|pluggar) {YOU} {GAP % 2}(?:i|pa) (?:\w+ )?{SCHOOL}\b"),
    # --- asks_photos ---
    ("asks_photos", "media_of_you", rf"\b{MEDIA} (?:pa|av|of|from) (?:dig|you|u|yourself|er)\b"),
    (
        "asks_photos",
        "media_to_me",
        rf"\b(?:skicka|skick|snappa|send|sand|messa|dela|ta) {GAP % 2}{MEDIA} (?:till|to|at) {ME}\b",
    ),
    (
        "asks_photos",
        "send_media",
        rf"{REQUEST}(?:skicka|skick|snappa|send|sand|messa|dela|visa) (?:me |mig )?{GAP % 2}{MEDIA}\b",
    ),
    (
        "asks_photos",
        "media_then_send",
        rf"\b{MEDIA} {GAP % 3}(?:skicka|send|snappa) (?:den |det |dem |it )?(?:till|to) {ME}\b",
    ),
    (
        "asks_photos",
        "look_like",
        rf"\bhur ser {YOU} ut\b|\bwhat do (?:you|u) look like\b|\bvisa hur {YOU} ser ut\b",
    ),
    (
        "asks_photos",
        "let_me_see",
        r"\b(?:far|kan|vill|may|can) (?:jag|ja|i) (?:\w+ )?(?:se|see) "
        r"(?:dig|you|u|hur du ser ut|en bild|a pic|a picture|a photo)\b",
    ),
    (
        "asks_photos",
        "want_to_see",
        r"\b(?:jag|ja|i) (?:vill|villa|want to|wanna) (?:garna |verkligen |so )?(?:se|see) (?:dig|you|u)\b",
    ),
    ("asks_photos", "show_yourself", rf"\bvisa (?:dig|yourself) (?:i|pa|for|on) (?:mig|{CAMERA})\b"),
    (
        "asks_photos",
        "nudes",
        rf"\b(?:har {YOU}|skicka|send|vill ha|want) {GAP % 2}"
        r"(?:nudes?|nakenbild\w*|nakna bilder|sexiga bilder|dick ?pics?)\b",
    ),
    ("asks_photos", "camera_on", rf"\b(?:sla|satt|turn) (?:pa|on) (?:\w+ )?{CAMERA}\b"),
    ("asks_photos", "video_call", rf"\b(?:kan|vill|ska) (?:vi|du|ni) {GAP % 2}{VIDEO_CALL}\b"),
    # --- meet ---
    (
        "meet",
        "shall_we_meet",
        rf"\b(?:ska|kan|vill|borde|skulle|orkar) (?:vi|du|ni|u) {GAP % 2}{MEET}\b{NOT_HERE}",
    ),
    ("meet", "we_can_meet", rf"\bvi (?:kan|borde|skulle kunna|kunde|far) {GAP % 2}{MEET}\b{NOT_HERE}"),
    (
        "meet",
        "in_real_life",
        r"\b(?:traffas|ses|motas|meet|hang out) (?:\w+ )?"
        r"(?:irl|i verkligheten|pa riktigt|in person|in real life)\b",
    ),
    (
        "meet",
        "where_live",
        rf"\b(?:var|vart) {GAP % 3}bor {YOU}\b|\bbor {YOU} (?:i|pa|nara|narheten|utanfor|nagonstans)\b"
        r"|\bwhere (?:do|d) (?:you|u) live\b|\bwhere (?:are|r) (?:you|u) from\b",
    ),
    ("meet", "which_place", rf"\b(?:vilken|vilket) {PLACE} {GAP % 2}bor {YOU}\b"),
    (
        "meet",
        "which_school",
        rf"\b(?:vilken|vilket) (?:skola|gymnasium|gymnasie|hogstadium) {GAP % 1}(?:gar|ar|pluggar) {YOU}\b",
    ),
    (
        "meet",
        "pick_you_up",
        r"\b(?:jag|ja|i) (?:kan|ska|kommer att|kommer och|vill|could|can) (?:\w+ ){0,2}"
        r"(?:hamta|skjutsa|plocka upp|mota|pick up|hamtar) (?:dig|you)\b",
    ),
    (
        "meet",
        "come_to_you",
        r"\b(?:kan|far|ska) (?:jag|ja) (?:\w+ )?(?:komma|halsa pa) (?:hem )?(?:till|pa|hos) (?:dig|er)\b",
    ),
    (
        "meet",
        "come_to_me",
        rf"(?:\b(?:du|ni) (?:kan|far) (?:\w+ )?|\b(?:kan|vill) {YOU} (?:\w+ )?|(?:^|\| ))"
        rf"(?:(?:komma|kom) hem till|(?:sova|bo|vara|hanga|komma) hos) {ME}\b",
    ),
    ("meet", "treat_you", r"\bjag bjuder (?:dig )?pa\b"),
    (
        "meet",
        "lets_meet_en",
        r"\b(?:wanna|want to|lets|let us|can we|should we|we should|we could) (?:\w+ ){0,2}"
        r"(?:meet|hang out|hangout)\b",
    ),
)

COMPILED = tuple((category, name, re.compile(pattern)) for category, name, pattern in RULES)
NEGATORS = frozenset({"inte", "aldrig", "ej", "icke", "never", "dont", "not", "no", "sluta", "undvik"})

# Swedish phone numbers: mobile (07x) or a landline, not service lines (020 freephone, 077 shared cost,
# 09xx premium) such as the help lines we point to ourselves.
PHONE = re.compile(r"(?<![\d+])(?:\+46|0046|0)[\s-]?(?:\(0\)[\s-]?)?([1-9](?:[\s-]?\d){6,8})(?!\d)")
SERVICE_PREFIXES = ("20", "77", "90", "93", "94")
# "snap: kalle_07", "discord = nattuggla#1234": a handle given outright.
HANDLE = re.compile(r"\b(?:snap(?:chat)?|kik|telegram|discord|insta(?:gram)?|ig)\s*[:=]\s*@?[\w.#-]{2,}")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
DATE_LIKE = re.compile(r"\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}")


def negated(words: str, start: int) -> bool:
    """A negation in the three words before a match (in its clause), or right after its first word
    ("skicka aldrig bilder")."""
    before = words[:start].split("|")[-1].split()[-3:]
    after_first = words[start:].split()[1:2]
    return any(word in NEGATORS for word in (*before, *after_first))


def contact_details(text: str) -> list[Signal]:
    """Phone numbers (not service lines) and e-mail addresses, read from the original text."""
    found = []
    for match in PHONE.finditer(text):
        national = re.sub(r"\D", "", match.group(1))
        if DATE_LIKE.fullmatch(match.group(0).strip()) or national.startswith(SERVICE_PREFIXES):
            continue
        found.append(Signal("contact_elsewhere", "phone_number", match.group(0).strip()))
    found.extend(Signal("contact_elsewhere", "email", match.group(0)) for match in EMAIL.finditer(text))
    found.extend(
        Signal("contact_elsewhere", "handle", match.group(0))
        for match in HANDLE.finditer(unicodedata.normalize("NFKC", text).casefold())
    )
    return found


def find_grooming_signals(text: str) -> list[Signal]:
    """Every grooming signal in a text, at most one per rule, in the order of RULES."""
    words = fold(text)
    signals = []
    for category, name, pattern in COMPILED:
        for match in pattern.finditer(words):
            start = match.start() + (len(match.group()) - len(match.group().lstrip("| ")))
            if not negated(words, start):
                signals.append(Signal(category, name, match.group().strip("| ")))
                break
    return signals + contact_details(text)


def grooming_categories(text: str) -> tuple[str, ...]:
    """The categories of the signals in a text, each once, in the order of CATEGORIES."""
    found = {signal.category for signal in find_grooming_signals(text)}
    return tuple(category for category in CATEGORIES if category in found)
