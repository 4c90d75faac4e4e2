"""English spelling: what a written word is read as before the phrases are matched.

Corrections go towards the red-flag lexicon only (``coach.triage.normalise``): a word is changed
when it is listed here, or when it is within one or two edits of a lexicon word and is not a real
English word (`REAL_WORDS`), so "feaver" becomes "fever" and "ladder" stays "ladder".
"""

# Written forms more than two edits away, or too short to correct by distance.
SPELLINGS: dict[str, str] = {
    "cyah": "cant",
    "cyaan": "cant",
    "kyaan": "cant",
    "caan": "cant",
    "meh": "my",
    "mi": "my",  # Caribbean "mi"; an MI is in the lexicon
    "fevr": "fever",
    "feva": "fever",
    "fevar": "fever",
    "fevre": "fever",
    "feaver": "fever",
    "fver": "fever",
    "tempreture": "temperature",
    "temprature": "temperature",
    "tempature": "temperature",
    "temperture": "temperature",
    "nunb": "numb",
    "numm": "numb",
    "num": "numb",
    "numbb": "numb",
    "nmb": "numb",
    "tinglin": "tingling",
    "tinglng": "tingling",
    "tinglyy": "tingly",
    "wierd": "weird",
    "bak": "back",
    "legz": "legs",
    "leggs": "legs",
    "lgs": "legs",
    "feets": "feet",
    "kneck": "neck",
    "nek": "neck",
    "hed": "head",
    "heds": "head",
    "cnt": "cant",
    "cnat": "cant",
    "dnt": "dont",
    "didn": "didnt",
    "dint": "didnt",
    "havnt": "havent",
    "hvnt": "havent",
    "isn": "isnt",
    "doesn": "doesnt",
    "wasn": "wasnt",
    "cudnt": "couldnt",
    "couldn": "couldnt",
    "cldnt": "couldnt",
    "cannot": "cant",
    "cannae": "cant",
    "canny": "cant",
    "didnae": "didnt",
    "dinnae": "dont",
    "disnae": "doesnt",
    "isnae": "isnt",
    "wasnae": "wasnt",
    "wouldnae": "wouldnt",
    "couldnae": "couldnt",
    "havnae": "havent",
    "havenae": "havent",
    "hasnae": "hasnt",
    "willnae": "wont",
    "wilnae": "wont",
    "nae": "no",
    "ma": "my",
    "masel": "myself",
    "mesel": "myself",
    "meself": "myself",
    "myseln": "myself",
    "hisself": "himself",
    "blather": "bladder",
    "bladdr": "bladder",
    "tinkling": "tingling",
    "chesty": "chesty",
    "mrng": "morning",
    "em": "them",
    "sob": "short of breath",
    "caint": "cant",
    "carnt": "cant",
    "kant": "cant",
    "cant't": "cant",
    "im": "i am",
    "ive": "i have",
    "u": "you",
    "r": "are",
    "n": "and",
    "ur": "your",
    "ya": "you",
    "yr": "your",
    "bc": "because",
    "b/c": "because",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "cause": "because",
    "bcoz": "because",
    "bcz": "because",
    "stnd": "stand",
    "wlk": "walk",
    "wrk": "work",
    "btwn": "between",
    "betwen": "between",
    "thru": "through",
    "mins": "minutes",
    "min": "minutes",
    "hrs": "hours",
    "hr": "hour",
    "secs": "seconds",
    "wks": "weeks",
    "wk": "week",
    "temp": "temperature",
    "temps": "temperature",
    "tmp": "temperature",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "2moro": "tomorrow",
    "tmrw": "tomorrow",
    "yday": "yesterday",
    "yest": "yesterday",
    "rn": "right now",
    "atm": "at the moment",
    "pls": "please",
    "plz": "please",
    "nothin": "nothing",
    "somethin": "something",
    "anythin": "anything",
    "everythin": "everything",
    "goin": "going",
    "gettin": "getting",
    "comin": "coming",
    "feelin": "feeling",
    "tryin": "trying",
    "tryna": "trying to",
    "gonna": "going to",
    "gotta": "got to",
    "wanna": "want to",
    "kinda": "kind of",
    "sorta": "sort of",
    "outta": "out of",
    "lotta": "lot of",
    "dunno": "dont know",
    "idk": "i dont know",
    "wat": "what",
    "wot": "what",
    "pee'd": "peed",
    "wee'd": "weed",
    "poo'd": "pooed",
    "weeing": "peeing",
    "wees": "pees",
    "weeyed": "peed",
    "tummy": "tummy",
    "bladdder": "bladder",
    "blader": "bladder",
    "bowl": "bowel",
    "bowls": "bowels",
    "brekkie": "breakfast",
    "arvo": "afternoon",
    "me": "me",
    "shoulda": "should have",
    "chestpain": "chest pain",
    "headach": "headache",
    "hedache": "headache",
    "headake": "headache",
    "confuzed": "confused",
    "drowzy": "drowsy",
    "numbess": "numbness",
    "numbnes": "numbness",
    "numbneses": "numbness",
    "pins&needles": "pins and needles",
    "urinatin": "urinating",
    "incontinant": "incontinent",
}

# Written with a slash, read as words before tokenising.
SLASHED: dict[str, str] = {
    "c/o": "complains of",
    "w/o": "without",
    "w/": "with ",
    "b/c": "because",
    "s/b": "should be",
    "n/a": "not applicable",
    "24/7": "all the time",
    "h/o": "history of",
    "y/o": "year old",
    "y/day": "yesterday",
}

# "it's" -> "it is": the part after the apostrophe, when it is not "t" (see normalise).
CONTRACTIONS: dict[str, str] = {"s": "s", "m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would"}
# "it's" and the like are "is" for sure; after other words "'s" is kept as "s" (possessive or is).
IS_AFTER = frozenset("it that there he she what who where here how everything something nothing this".split())

# Two words read as one: "can not" -> "cant".
JOINED: dict[tuple[str, str], str] = {
    ("can", "not"): "cant",
    ("do", "not"): "dont",
    ("does", "not"): "doesnt",
    ("did", "not"): "didnt",
    ("is", "not"): "isnt",
    ("are", "not"): "arent",
    ("was", "not"): "wasnt",
    ("were", "not"): "werent",
    ("have", "not"): "havent",
    ("has", "not"): "hasnt",
    ("had", "not"): "hadnt",
    ("will", "not"): "wont",
    ("would", "not"): "wouldnt",
    ("could", "not"): "couldnt",
    ("should", "not"): "shouldnt",
    ("wo", "nt"): "wont",
    ("ca", "nt"): "cant",
    **{
        ("wee", w): "little " + w
        for w in "bit while one walk minute rest nap break twinge drop dram cup bairn lass lad boy girl tad touch stretch sit".split()
    },  # Scots "wee": small
    ("aint", "nothing"): "nothing",
    ("aint", "no"): "no",
    ("aint", "nothin"): "nothing",
    ("dont", "nothing"): "nothing",  # a double negative says nothing came
}

# Emoji as words; anything else pictorial ends a clause.
EMOJI: dict[str, str] = {
    "🦵": "leg",
    "🦶": "foot",
    "🍑": "bum",
    "🍆": "penis",
    "🚽": "pee",
    "💩": "poo",
    "💦": "pee",
    "🤒": "fever",
    "🌡": "temperature",
    "🥵": "hot",
    "🥶": "cold",
    "🔥": "burning",
    "🤕": "headache",
    "💔": "heart",
    "❤": "heart",
    "🫀": "heart",
    "🫁": "lungs",
    "🧠": "brain",
    "🦴": "bone",
    "🩸": "blood",
    "💉": "injection",
    "💊": "tablets",
    "🤢": "sick",
    "🤮": "vomiting",
    "😵": "dizzy",
    "🥴": "woozy",
    "⚡": "electric",
    "🔴": "red",
    "🩹": "plaster",
    "🧊": "ice",
    "🚑": "ambulance",
    "🏥": "hospital",
    "😴": "sleep",
    "💤": "sleep",
    "🙂": "",
    "🙁": "",
    "😊": "",
    "👍": "",
    "🙏": "thanks",
    "🚶": "walk",
    "🧍": "stand",
    "🛌": "bed",
    "🤧": "sneeze",
    "😷": "ill",
    "💪": "strong",
    "🦿": "leg",
    "🩻": "xray",
    "🫠": "melting",
}

# Number words, for temperatures and pain scores written out.
NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "nil": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
HUNDRED, POINT = "hundred", "point"

# Common English words: a message with hardly any of them and many of another language's is
# read as written in that language (coach.triage.language).
FUNCTION_WORDS = frozenset(
    """
    a about after again all also am an and any are as at back be because been before being both but by can
    cant could couldnt day did didnt do does doesnt dont down feel feels feeling for from get got had has
    have he her him his how i if im in into is it its just keep know last like little made make me more
    morning much my need never night no not now of off oh ok on one only or other our out over pain please
    really right said same see she since so some still such than thanks that the their them then there
    these they thing think this time to today too up us very was way we week well went were what when
    where which while who why will with would yes yesterday you your numb legs leg back pee fever feel
    hurts burning tingling bum sore
    """.split()
)

# Body temperatures (coach.triage.temperature).
TEMPERATURE_WORDS = frozenset("temp temps temperature temperatures fever thermometer feverish".split())
TEMPERATURE_CONTEXT = TEMPERATURE_WORDS | frozenset(
    "running reading reads read spiked spiking hit at of was is".split()
)
NOT_BODY = frozenset(
    """outside outdoors weather bath shower water pad pads setting settings room sauna oven wash sun
    heatwave car house flat office thermostat tub pool sea kettle tea coffee bottle wheat blanket dial level
    forecast today's afternoon beach""".split()
)
OTHER_UNITS = frozenset(
    """kg kgs kilo kilos lb lbs pound pounds stone mg ml g km miles mi m cm mm minutes minute hour hours day days
    week weeks month months year years steps percent bpm calories cals am pm times glasses glass cups litres
    liters seconds sessions reps sets out""".split()
)

# A bare answer that says no to the question before it ("fever? no").
NO_ANSWERS = (
    "no",
    "nope",
    "nah",
    "none",
    "never",
    "not really",
    "no never",
    "no none",
    "nope none",
    "not at all",
    "no no",
)
