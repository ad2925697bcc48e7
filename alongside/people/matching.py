"""Keys for finding a person again however their details were typed.

"Mrs Helen Smith", "helen  smith" and "Helen Smith" are one name; "Łukasz Wójcik" is found
by "Lukasz Wojcik"; "Bob Smith" may be "Robert Smith"; "07700 900123" is "07700900123" and
"ls61aa" is "LS6 1AA". The keys are stored on the person (indexed), written by the services
whenever the details change, so that matching and searching compare keys in the database
and never scan people in Python.
"""

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import phonenumbers

# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
)
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "rev",
        "reverend",
        "sir",
        "dame",
        "lady",
        "lord",
        "master",
    ]
)
# Common short forms of first names, each to one full form: cheap, and wrong only in the
# safe direction (a possible match is shown, and the coordinator decides).
SHORT_FORMS = {
    "bob": "robert",
    "rob": "robert",
    "bobby": "robert",
    "bill": "william",
    "will": "william",
    "billy": "william",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "lizzie": "elizabeth",
    "jim": "james",
    "jimmy": "james",
    "jamie": "james",
    "mike": "michael",
    "mick": "michael",
    "dave": "david",
    "sue": "susan",
    "kate": "katherine",
    "katie": "katherine",
    "kath": "katherine",
    "cathy": "catherine",
    "tom": "thomas",
    "tommy": "thomas",
    "chris": "christopher",
    "steve": "stephen",
    "pat": "patricia",
    "maggie": "margaret",
    "peggy": "margaret",
    "meg": "margaret",
    "jenny": "jennifer",
    "jen": "jennifer",
    "tony": "anthony",
    "andy": "andrew",
    "nick": "nicholas",
    "sam": "samuel",
    "ben": "benjamin",
    "dan": "daniel",
    "danny": "daniel",
    "joe": "joseph",
    "alex": "alexander",
    "pete": "peter",
    "ted": "edward",
    "ed": "edward",
    "eddie": "edward",
    "fred": "frederick",
    "harry": "henry",
    "jack": "john",
    "johnny": "john",
    "jon": "jonathan",
    "matt": "matthew",
    "phil": "philip",
    "ron": "ronald",
    "ray": "raymond",
    "val": "valerie",
    "viv": "vivienne",
}


def plain(text: str) -> str:
    """Lower case, without accents, punctuation or repeated spaces: "  Łukasz  Wójcik-Nowak "
    → "lukasz wojcik nowak"."""
    folded = unicodedata.normalize("NFKD", (text or "").casefold().translate(_UNDECOMPOSED))
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    letters = letters.translate(_UNDECOMPOSED)
    return " ".join(re.sub(r"[^\w\s]|_", " ", letters).split())


def name_key(full_name: str) -> str:
    """The name for searching: plain, without titles ("Mrs Helen Smith" → "helen smith")."""
    words = plain(full_name).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words)


def match_name(full_name: str) -> str:
    """The name for matching: the first name in its full form and the last name ("Bob
    O'Neill-Smith" → "robert smith"), or the one name someone is known by."""
    words = name_key(full_name).split()
    if not words:
        return ""
    first = SHORT_FORMS.get(words[0], words[0])
    return first if len(words) == 1 else f"{first} {words[-1]}"


def phone_key(phone: str) -> str:
    """The number's digits as dialled from the UK ("0113 496 0000", "+44 113 496 0000" →
    "01134960000"); other countries' numbers with their country code ("+33 1 23…" → "331…")."""
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return ""
    try:
        number = phonenumbers.parse(phone, "GB")
    except phonenumbers.NumberParseException:
        return digits
    national = str(number.national_number)
    if number.country_code == 44:
        return "0" + national
    return f"{number.country_code}{national}"


def postcode_key(postcode: str) -> str:
    """The postcode without spaces, in lower case ("LS6 1AA" → "ls61aa")."""
    return re.sub(r"\s", "", postcode or "").lower()


def email_key(email: str) -> str:
    return (email or "").strip().lower()


KEYED = {
    "full_name": ("name_key", "match_name"),
    "phone": ("phone_key",),
    "postcode": ("postcode_key",),
    "email": ("email_key",),
}
_MAKE = {
    "name_key": name_key,
    "match_name": match_name,
    "phone_key": phone_key,
    "postcode_key": postcode_key,
    "email_key": email_key,
}


def keys_for(details: Mapping[str, Any]) -> dict[str, str]:
    """The keys to store for whichever of full_name, phone, postcode and email ``details``
    gives."""
    keys = {}
    for name, value in details.items():
        for key in KEYED.get(name, ()):
            keys[key] = _MAKE[key](value or "")
    return keys


def search_keys(word: str) -> dict[str, str]:
    """One word typed in the people search, as each key would hold it: the name's letters,
    a phone number's digits, a postcode's compact form."""
    return {
        "name_key": plain(word),
        "phone_key": re.sub(r"\D", "", word) if sum(c.isdigit() for c in word) >= 3 else "",
        "postcode_key": postcode_key(word),
        "email_key": email_key(word),
    }
