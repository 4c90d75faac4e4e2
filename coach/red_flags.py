"""Red flags: what people write, and how soon they need help.

Everything a clinician needs to review is here, as data (CLINICAL.md is the
source; the engine that applies it is ``coach.triage``):

* ``RULES``: one entry per trigger, with its tier, a plain label shown to the
  person, and the phrases that report it.
* ``AMBIGUITIES``: vague reports ("my legs feel weird"): the tier used meanwhile
  and one direct yes/no question that settles it.
* ``CHECKLIST``: the tap-to-answer red-flag items of the daily check-in.
* Word lists: negation, harmless look-alikes ("fell asleep", "hay fever") and
  typo handling.

How phrases are written. They are regular expressions matched within one
sentence of normalised text: lower case, one space between words and before a
comma, no other punctuation, contractions joined ("can't" -> "cant",
"I'm" -> "i am", "bladder's" -> "bladder is"), and a measured temperature
replaced by one word: ``hightemp`` (38 °C / 100.4 °F or more), ``normaltemp`` or
``lowtemp`` (under 36 °C). A phrase always starts and ends on whole words.
``{name}`` inserts a word list from ``TERMS``; `` ~ `` allows up to three other
words in between, but never across "and", "but", a comma or a negation.

A negated mention ("no fever", "bladder is fine", "I never lost control") does
not count; phrases that carry their own negative word ("can't pee", "no feeling
down there") are listed in ``SYMPTOM_NEGATIVES`` so that word is not read as a
negation.
"""

from __future__ import annotations

from dataclasses import dataclass

EMERGENCY, URGENT, SOON = "emergency", "urgent", "soon"


@dataclass(frozen=True)
class Rule:
    """A trigger (or, in ``AMBIGUITIES``, a vague report) and how people say it."""

    id: str
    tier: str
    label: str  # shown to the person: "loss of bladder or bowel control"
    says: tuple[str, ...]  # phrases that report it
    also: tuple[str, ...] = ()  # counts only if one of these ids was reported too
    unless: tuple[str, ...] = ()  # dropped when one of these (more specific) fired
    except_with: tuple[str, ...] = ()  # ignored if the same sentence says one of these
    question: str | None = None  # direct yes/no question that settles what was meant


@dataclass(frozen=True)
class ChecklistItem:
    """One tap-to-answer item of the daily check-in."""

    id: str
    label: str  # button text, at most 40 characters
    tier: str
    covers: tuple[str, ...]  # ids of the RULES this item asks about


# --------------------------------------------------------------------------
# Word lists used inside phrases as {name}; an entry may use other entries.
# --------------------------------------------------------------------------
TERMS: dict[str, str] = {
    # Little words between a symptom and a body part: "down the back of my".
    "det": r"(?:(?:my|the|both|his|her|their|your|a|an|one|all|whole|entire|left|right|two|2|each"
    r"|either|upper|lower|outer|front|back|side|top|bottom|sole|soles|of|part|parts) )*",
    "into": r"(?:(?:patch|spot|area|bit|feeling|feelings|sensation|sensations|band|strip) )?"
    r"(?:(?:is|has|have|keeps|keep|been|now|also|started|starting) )*"
    r"(?:(?:gone|going|goes|went|spread|spreads|spreading|moved|moving|moves|travelled|travelling"
    r"|traveling|creeping|creeps|crept|shooting|shoots|radiating|radiates|running|runs|coming"
    r"|comes|climbing) )?"
    r"(?:(?:in|into|down|through|throughout|on|along|around|round|across|to|at|under|over|inside"
    r"|from|up|all) )*",
    # Linking words between a body part and a symptom: "my legs have gone all ..."
    "be": r"(?:(?:is|are|am|feel|feels|felt|feeling|went|go|goes|going|gone|have|has|had|keep|keeps"
    r"|kept|getting|get|gets|got|were|was|been|seem|seems|became|become|becoming|turned|turning"
    r"|both|also|still|now|just|totally|completely|really|very|so|quite|a|bit|little|kind|of"
    r"|kinda|sort|all|like|slightly|more|pretty|super|always|suddenly|started|starting|to|being"
    r"|and|ache|aching|achy|hurt|hurts|hurting|sore|burning|burn|burns|tired|stiff|cold|hot"
    r"|extremely|incredibly|then|on|off|heavy|weird|strange|funny|odd) )*",
    "feel": r"(?:feel|feels|felt|feeling|are|is|am|have been|has been|keep feeling|keeps feeling"
    r"|going|gone|went|seem|seems|look|looks|acting)",
    # Symptoms
    "numb_only": r"numb|numbness|numbed|numbs|numbish|(?:no|lost|loss of|lack of|reduced|less"
    r"|no more|without) (?:all |the |any |some )?(?:feeling|sensation)|(?:cant|couldnt|can hardly"
    r"|can barely|barely|hardly|unable to|not able to) feel|can only feel (?:half|part|some)|dead",
    "numb": r"{numb_only}|tingl\w*|pins and needles|pins n needles|prickl\w*|asleep",
    "weak": r"weak|weakness|weaker|weakening|weakened|wobbly|like jelly|jelly|jelly like"
    r"|no strength|lost (?:my |all )?strength|(?:gave|give|giving|gives|given) (?:way|out)"
    r"|buckl\w*|not working|stopped working|(?:wont|wouldnt) work|(?:wont|wouldnt|dont|didnt) hold"
    r" (?:me|my weight)|paralys\w*|paralyz\w*|(?:cant|couldnt) move",
    "neuro": r"{numb}|{weak}",
    "odd": r"weird|wierd|strange|funny|odd|off|different|heavy|wrong|not right|not normal|unusual",
    "speed": r"sudden|suddenly|all of a sudden|out of nowhere|out of the blue|without warning|fast"
    r"|quickly|rapidly|quick|by the hour|by the minute|within minutes|in minutes|within an hour"
    r"|in an hour|every hour|so fast",
    "not_mine": r"(?:isnt|is not|arent|are not|doesnt|dont) (?:feel like )?(?:mine|my own|his|hers"
    r"|belong to me)",
    "spreading": r"spreading|spreads|spread|creeping|creeps|moving up|climbing|travelling|traveling"
    r"|going up|getting bigger|growing",
    # Body parts
    "legs": r"legs|leggs|feet|thighs|calves|shins|knees|ankles|lower body|lower half|waist down"
    r"|below the waist|lower limbs|(?:left|right) and (?:left|right) (?:legs?|feet|foot)"
    r"|(?:waist|belly button|bellybutton|navel|hips?|chest|neck|tummy|stomach) down",
    "leg": r"leg|foot|thigh|calf|shin|knee|ankle|toe|toes|big toe|heel|sole|instep",
    "arm": r"arm|arms|hand|hands|finger|fingers|thumb|wrist|forearm|elbow|palm",
    "limb": r"{leg}|{arm}",
    "saddle": r"groin|crotch|genitals?|genital area|privates|private (?:parts|area|bits)"
    r"|(?:my|lady|man) bits|down there|down below|between (?:my|the|his|her) legs|inner thighs?"
    r"|inside of (?:my|the) thighs?|perineum|perineal|taint|bum|bums|butt|buttocks?"
    r"|(?:butt|bum) cheeks?|bottom(?! of)|backside|arse|ass|anus|rectum|back passage|vagina"
    r"|vaginal|vag|vajayjay|vulva|labia|fanny|penis|dick|cock|willy|testicles|balls|scrotum"
    r"|saddle(?: area| region)?|where i sit|sit bones|sitting bones|rear end",
    "others": r"(?:(?:back|lower back|spine|bum|butt|buttocks|bottom|hips?|groin|arms?|hands?|neck"
    r"|shoulders?|side|tummy|stomach|belly|feet|legs|arm|leg|foot|toes|knees?) (?:and|or|,|plus) {det})*",
    "chest": r"chest|chestpain|breastbone|sternum",
    "pee": r"pee|peeing|wee(?! bit)|weeing|urinate|urinating|urination|urine|piss|pissing"
    r"|pass (?:water|urine)|passing (?:water|urine)|empty (?:my )?bladder|emptying (?:my )?bladder",
    "flank": r"(?:left |right )?(?:side|sides|flank|flanks|loin|loins|kidney|kidneys|kidney area)",
    "ribs": r"(?:under|below|beneath|underneath|just under|just below) (?:my |the )?(?:left |right )?"
    r"(?:ribs|rib cage|ribcage|bottom ribs|lower ribs)",
    # Time
    "long_time": r"(?:[2-9]|1[0-9]|two|three|four|five|six|seven|eight|several|a few|few|a couple of"
    r"|couple of|couple) weeks|(?:a|one|\d+|two|three|four|five|six|few|several|many|couple of)"
    r" months?|months|years?|ages|a fortnight|fortnight|(?:1[0-9]|[2-9][0-9]) days",
    "short_time": r"(?:[1-9]|one|two|three|four|five|six|seven|eight|nine|a|a few|few|a couple of"
    r"|couple of|couple) days?|yesterday|last night|this morning|day (?:[1-9]|one|two|three|four"
    r"|five)|(?:a|one|1) week|(?:a few |few |\d+ )?hours?",
    "heat": r"heat|heating|heat pads?|heating pads?|heat packs?|heat wraps?|heat patch(?:es)?"
    r"|heat lamp|heat therapy|hot water bottles?|hot packs?|hot baths?|hot showers?|warm baths?"
    r"|hot compress|warm compress|saunas?|electric blanket|wheat bags?|the pad|infrared|deep heat"
    r"|warmth|hottie",
    "again": r"again|every time|each time|every single time|every day|repeatedly|twice|always"
    r"|(?:3|three|4|four) times|as usual|yet again",
    "not_better": r"(?:not|isnt|hasnt|havent|aint|never|no|nothing|zero) (?:\w+ ){0,2}?"
    r"(?:better(?! to| if| for)|improv\w*|eas(?:ed|ing)|settl(?:ed|ing)|gone away|going away"
    r"|cleared|clearing|shifted|shifting|change|changed|changing|difference|progress|relief)"
    r"|(?:not|isnt|arent|nothing) (?:\w+ )?(?:helping|helps|helped)|nothing (?:\w+ )?(?:works|worked"
    r"|working)",
}

# --------------------------------------------------------------------------
# Triggers, most urgent first (CLINICAL.md "Escalation tiers").
# --------------------------------------------------------------------------
_CHRONIC = (
    r"as usual|same as (?:always|usual|before|ever)|(?:always|usually) (?:have|had|get|do)"
    r"|(?:for|since) (?:years|ages)|(?:my|the) usual|nothing new|not new|old injury|like always"
    r"|normal for me|every day for (?:years|months)|(?:\d+|two|three|four|five|many|several) years",
)

_MENINGISM = (
    r"stiff neck\w*|neck (?:is |feels |has been |so |really |very |too |quite |bit |a )*"
    r"(?:stiff|rigid)|neck stiffness|stiffness in (?:my |the )?neck",
    r"(?:cant|can hardly|can barely|unable to|hard to|hurts to) (?:bend|move|turn|touch|lower)"
    r" (?:my )?(?:neck|head|chin)|neck (?:\w+ )?(?:hurts|painful|agony) to (?:move|bend|turn)",
    r"(?:severe|bad|terrible|awful|splitting|pounding|thumping|blinding|horrible|excruciating"
    r"|unbearable|massive|killer|really bad|worst|horrendous|intense|crushing|banging)"
    r" (?:\w+ )?headache",
    r"headache (?:is |has been )?(?:severe|terrible|awful|unbearable|really bad|so bad"
    r"|excruciating|horrendous|the worst)|head is (?:pounding|killing me|splitting)|migraine",
    r"confused|confusion|disorientated|disoriented|delirious|nonsense|not making (?:any )?sense"
    r"|making no sense|(?:cant|can hardly) think(?: straight)?|out of it|not with it",
    r"drowsy|drowsiness|(?:very|so|really|extremely|super) sleepy|sleepy|(?:cant|can hardly|can barely)"
    r" (?:stay awake|keep (?:my )?eyes open)|hard to wake|wont wake up|barely awake",
    r"(?:bright )?lights? (?:hurts?|hurting|bothers|bothering) (?:my )?eyes|(?:cant|can hardly"
    r"|can barely) (?:look at|stand|bear|handle) (?:the |any )?(?:light|lights|brightness|sunlight)",
    r"(?:doesnt|dont|didnt|does not|do not) (?:know|recogni[sz]e) (?:where|who|what day)"
    r"|gibberish|not (?:herself|himself|themselves|making sense)",
)

_FLANK = (
    r"(?:pain|pains|ache|aching|achy|sore|soreness|hurts|hurting|tender|stabbing|throbbing)"
    r" (?:\w+ )?(?:in|on|at|down|along) (?:my |the )?(?:lower |upper )?{flank}"
    r"(?! of (?:my |the )?(?:lower |upper )?back)",
    r"(?:my |the )?{flank} (?:\w+ )?(?:hurts|hurt|is sore|are sore|aches|ache|is aching|are aching"
    r"|is painful|is killing me|is tender|pain)",
    r"{ribs}",
    r"flank pain|kidney pain|loin pain|side pain|flanks?",
)

RULES: tuple[Rule, ...] = (
    # ---- emergency: call the emergency number now ----
    Rule(
        "bladder_bowel_control",
        EMERGENCY,
        "loss of bladder or bowel control",
        says=(
            r"(?:lost|losing|lose|loss of|no|no more|not in|out of|trouble|problems?|difficulty)"
            r" (?:with )?(?:any |the |my )?control (?:(?:of|over|with) )?{det}"
            r"(?:bladder|bowels?|pee|wee|poo|poop|urine|water|stools?|toilet)",
            r"(?:lost|losing|lose|loss of|no|no more|poor) (?:my |all |any )?(?:bladder|bowel|bowels)"
            r" control",
            r"(?:cant|couldnt|unable to|not able to|can hardly|can barely) (?:to )?control {det}"
            r"(?:bladder|bowels?|pee|wee|poo|urine|toilet)",
            r"(?:peed|pissed|wet|weed|pooped|pood|pooed|soiled|shat|shit|messed|crapped)"
            r" (?:myself|my self|himself|herself|themselves|the bed|(?:my|his|her) (?:pants|trousers"
            r"|knickers|undies|underwear|jeans|bed|nappy|pad|self))",
            r"bed ?wetting|wetting the bed|(?:peeing|pooing|pooping|soiling|wetting) (?:myself|my pants"
            r"|my bed)",
            r"incontinen\w*",
            r"(?:leak\w*|dribbl\w*) (?:\w+ )?(?:pee|urine|wee|poo|stool)",
            r"(?:pee|urine|wee|poo) (?:\w+ )?(?:leak\w*|came out|comes out|escaped|dribbl\w*)",
            r"(?:bladder|bowels?) (?:is |are |keeps |has |have |just )*(?:leak\w*|let go|lets go"
            r"|gave way|gives way|gave out|emptied)",
            r"(?:didnt|did not|couldnt|could not|not|never) (?:make it|get) (?:to the )?"
            r"(?:toilet|loo|bathroom|restroom|lavatory|in time)",
            r"(?:toilet|loo|bathroom) (?:[^ ]+ ){0,5}?(?:dont|didnt|do not|did not|couldnt|cant|not)"
            r" (?:always )?make it",
            r"(?:i |i am |i keep |i have been |keep |been |started )leak(?:ing|s)?(?! (?:water|oil))"
            r"|leakage|leaky bladder",
            r"(?:cant|couldnt|can hardly|unable to|not able to) hold (?:it in|in my (?:pee|wee|poo)"
            r"|my (?:pee|wee|poo|bladder|bowels?|urine|water)(?: in)?)",
            r"(?:cant|couldnt|dont|didnt|do not|did not|no longer) (?:even )?(?:feel|notice|tell|know"
            r"|sense) (?:when|if|that) i (?:need|have|want|got|am|was|had) (?:to )?(?:pee|wee|poo"
            r"|go|urinate|peeing|weeing)",
            r"(?:cant|couldnt|didnt|did not|dont) (?:even )?feel (?:myself |it when i (?:am |was )?)?"
            r"(?:peeing|weeing|pooing|urinating)",
            r"accidents? (?:in|on) (?:my|the|his|her) (?:pants|bed|trousers|knickers|underwear|sleep"
            r"|chair|sofa)|toilet accidents?|(?:bladder|bowel) accidents?",
        ),
    ),
    Rule(
        "urinary_retention",
        EMERGENCY,
        "difficulty peeing or not able to pee",
        says=(
            r"(?:cant|couldnt|unable to|not able to|havent been able to|wasnt able to|can hardly"
            r"|can barely|struggl\w* to|hard to|difficult to|difficulty|trouble|problems?|issues?"
            r"|(?:having to |have to )?strain(?:ing)? to|takes ages to|taking ages to|cant seem to)"
            r" (?:to )?(?:start |get |go |properly )?(?:{pee})",
            r"(?:havent|have not|hasnt|has not|not|didnt|did not) (?:been able to )?(?:peed|pee|weed"
            r"|wee|urinated|been for a (?:pee|wee)|passed (?:urine|water)|had a (?:pee|wee))"
            r" (?:since|for|all|in|today|yet)",
            r"(?:pee|wee|urine|nothing) (?:just )?(?:wont|will not|doesnt|does not|didnt|did not"
            r"|cant) (?:come|coming|start|flow)",
            r"nothing (?:comes|came|will come|is coming) out|only (?:a )?(?:dribble|dribbles|trickle"
            r"|drop|few drops)",
            r"(?:need|needing|want|wanting|urge) to (?:pee|wee|go) but (?:i )?(?:cant|couldnt|nothing"
            r"|it wont)|(?:wont|will not|doesnt|didnt|wouldnt) let me (?:pee|wee|urinate|go|empty)",
            r"(?:weak|slow|poor) (?:pee |wee |urine )?(?:stream|flow)|urinary retention",
            r"(?:trying|tried|try|tries|straining|strained) (?:\w+ ){0,2}?to (?:pee|wee|urinate|go)"
            r" (?:[^ ]+ ){0,6}?(?:nothing|no luck|(?:it )?(?:wont|will not) come|cant)",
            r"(?:sat|sitting|been) on the (?:toilet|loo) (?:[^ ]+ ){0,6}?nothing",
            r"(?:toilet|loo|pee|wee) (?:[^ ]+ ){0,4}?nothing (?:happens|happened|comes|came)"
            r"|(?:pee|wee|urine) (?:\w+ ){0,2}?(?:takes|taking|took) (?:forever|ages|a long time"
            r"|so long)",
        ),
    ),
    Rule(
        "saddle_numbness",
        EMERGENCY,
        "numbness or tingling around the genitals, bottom or inner thighs",
        says=(
            r"{numb} {into}{det}{others}{saddle}",
            r"{saddle} {be}{numb}",
            r"{saddle} (?:and|or|,) {det}{legs} {be}{numb}",
            r"(?:feel|feeling|felt) nothing {into}{det}{saddle}",
            r"(?:cant|couldnt|can hardly|can barely|dont|didnt) (?:really )?feel (?:anything |much"
            r" |the (?:toilet )?paper |the tissue |it |myself )?when i (?:wipe|am wiping|wiped)",
            r"(?:numb|no feeling|strange|weird|different|odd) when i (?:wipe|am wiping|wiped)",
            r"(?:cant|couldnt|can hardly|can barely|dont|didnt) (?:really )?feel (?:the )?(?:toilet"
            r" (?:paper|roll)|loo roll|tissue)",
            r"wiping (?:\w+ )?(?:feels|felt) (?:numb|different|weird|strange|odd)",
            r"saddle (?:anaesthesia|anesthesia|numbness)",
        ),
    ),
    Rule(
        "both_legs_neuro",
        EMERGENCY,
        "numbness, tingling or weakness in both legs",
        says=(
            r"{neuro} {into}{det}{others}{legs}",
            r"{legs} {be}{neuro}",
            r"{neuro} {into}{det}{leg} (?:on|of|in) both (?:{legs}|sides)",
        ),
    ),
    Rule(
        "cannot_stand_or_walk",
        EMERGENCY,
        "suddenly not able to stand or walk",
        says=(
            r"(?:cant|couldnt|unable to|not able to|no longer able to|wasnt able to"
            r"|havent been able to|can no longer) (?:to )?(?:stand|stand up|walk|bear weight"
            r"|put (?:any )?weight on (?:my |either |both )?(?:legs|feet)|take a step|take steps"
            r"|move my legs|lift my legs)(?! (?:far|very far|for long|long|much|properly|fast"
            r"|quickly|straight|upright|up straight|without|as far|more than|too long|for more|on it"
            r"|on my|the|it|this|that|him|her|around|very|any|sitting|for))",
            r"{legs} (?:just |suddenly |have |had |keep |kept |keeps |then )*(?:gave|give|giving|gives"
            r"|given) (?:way|out|up)",
            r"{legs} (?:just |suddenly |have |had |keep |keeps |then |completely )*(?:buckled|collapsed"
            r"|(?:went|go|goes|going|gone) (?:out )?from (?:under|underneath) me|stopped working"
            r"|went(?= ,| and|$)"
            r"|(?:wont|wouldnt) (?:hold me|work)|dont work|arent working|not working)",
            r"paralys\w*|paralyz\w*|(?:cant|couldnt|unable to) (?:get )?(?:my )?legs to (?:move|work)",
            r"(?:on|stuck on) the (?:\w+ )?floor (?:and )?(?:i )?(?:cant|couldnt|unable to) get up",
            r"collapsed(?! (?:on|onto|into|in) (?:the |my |a )?(?:sofa|couch|bed|chair|settee))",
        ),
    ),
    Rule(
        "rapid_spreading_numbness",
        EMERGENCY,
        "sudden or rapidly spreading numbness",
        says=(
            r"{speed} ~ {numb_only}",
            r"{numb_only} ~ (?:came on|started|began|hit|happened|appeared) ~ {speed}",
            r"{numb} ~ {spreading} ~ {speed}",
        ),
    ),
    Rule(
        "fever_with_meningism",
        EMERGENCY,
        "fever with a stiff neck, severe headache, confusion or drowsiness",
        says=_MENINGISM,
        also=("fever", "possible_fever"),
    ),
    Rule(
        "chest_or_tearing_pain",
        EMERGENCY,
        "chest pain, or sudden tearing pain in the upper back",
        says=(
            r"{chest} (?:is |feels |has been )*(?:pain|pains|ache|aches|hurts|hurting|sore|tightness"
            r"|tight|pressure|heavy|heaviness|crushing|burning|squeez\w*)",
            r"(?:pain|pains|ache|tightness|pressure|heaviness|crushing|squeezing|burning|hurts|hurting"
            r"|heavy|tight) (?:feeling |sensation )?(?:in|on|across|around|through|to|into) {det}"
            r"(?:middle of |centre of |center of )?(?:my |the )?{chest}",
            r"(?:tight|heavy|painful|sore|crushing) {chest}",
            r"(?:tearing|ripping|shredding) (?:\w+ )?(?:pain|feeling|sensation)|(?:tore|ripped|ripping"
            r"|tearing) (?:\w+ )?(?:through|into|across|up|down|with pain)",
            r"like (?:something |someone )?(?:is |was )?(?:tearing|ripping|tore|ripped|torn)",
            r"sudden(?:ly)? ~ (?:severe|excruciating|agonising|agonizing|intense|worst|unbearable"
            r"|horrendous|crushing) ~ (?:between|across|in) ~ shoulder ?blades",
            r"heart attack",
        ),
    ),
    Rule(
        "breathing_difficulty",
        EMERGENCY,
        "struggling to breathe",
        says=(
            r"(?:cant|couldnt|can hardly|can barely|struggl\w* to|hard to|difficult to|trouble"
            r"|difficulty|unable to) (?:to )?(?:breathe|breath|breathing|catch my breath"
            r"|get my breath|get (?:enough )?air)",
            r"short(?:ness)? of breath|breathless|gasping for (?:air|breath)",
        ),
    ),
    # ---- urgent: get medical help today ----
    Rule(
        "fever",
        URGENT,
        "fever, chills or shivering",
        says=(
            r"fever|fevers|feverish|fevery|feverishness|febrile|pyrexi\w*|hightemp"
            r"|(?:high|raised) (?:temperature|temp)",
            r"(?:have|has|had|got|running|run|runs|with|spiking|spiked|developed|getting) (?:a |an )?"
            r"(?:high |slight |bit of a |bit of |little |small |low grade |mild |raised |bad )?"
            r"(?:temperature|temp)(?! (?:of )?(?:normaltemp|lowtemp))",
            r"(?:bit of a|slight|little|mild|low grade|small) (?:temperature|temp)",
            r"(?:temperature|temp) (?:is |was |has been |keeps )?(?:high|up|raised|spiking|going up"
            r"|through the roof|sky high)",
            r"chills|rigors?|shivers|shivering|shivery|shiver|shivered|the shakes|shaking all over"
            r"|(?:cant|couldnt) stop (?:shaking|shivering|trembling)|teeth (?:are )?chattering"
            r"|chattering teeth",
            r"hot and cold|hot then cold|cold then hot|hot one minute|cold sweats?|night sweats"
            r"|sweating (?:at night|all night|buckets)|drenched in sweat|burning up",
        ),
        unless=("low_temperature_shivering",),
    ),
    Rule(
        "low_temperature_shivering",
        URGENT,
        "a temperature below 36 °C with shivering",
        says=(r"lowtemp",),
        also=("fever", "feeling_cold"),
    ),
    Rule(
        "flank_pain_with_fever_or_urinary",
        URGENT,
        "pain at the side under the ribs with fever or pee symptoms",
        says=_FLANK,
        also=("fever", "possible_fever", "urinary_infection_signs", "urinary_frequency"),
    ),
    Rule(
        "urinary_infection_signs",
        URGENT,
        "burning, cloudy or bloody pee, or a urine or kidney infection",
        says=(
            r"(?:burn\w*|sting\w*|hurts?|hurting|pain|painful|sore|agony|stabbing) (?:\w+ )?"
            r"(?:when|while|as|after|to|whenever|every time) (?:i )?(?:pee|wee|urinate|piss|peeing"
            r"|weeing|urinating|pass water|go for a (?:pee|wee))",
            r"(?:pee|peeing|wee|weeing|urine|urinating|urination) (?:is |that is |feels |has been"
            r" |looks |keeps )?(?:\w+ )?(?:burn\w*|sting\w*|painful)",
            r"(?:cloudy|murky|bloody|pink|red) (?:pee|urine|wee)|(?:pee|urine|wee) (?:[^ ]+ ){0,4}?"
            r"(?:cloudy|murky|bloody|blood|pink|red)",
            r"(?:blood|bloody|bleeding) (?:\w+ ){0,2}?(?:in|when|while) (?:my |the )?(?:pee|urine|wee"
            r"|peeing)|(?:peeing|weeing|pissing) blood",
            r"uti|utis|urine infection|urinary (?:tract )?infection|water infection|bladder infection"
            r"|kidney infections?|kidney stones?|cystitis|pyelonephritis",
        ),
    ),
    Rule(
        "rash_or_blisters",
        URGENT,
        "a rash or blisters",
        says=(
            r"rash|rashes|blister|blisters|blistering|blistered|blistery|shingles|hives|welts?"
            r"|mottled",
            r"(?:red|raised|itchy|angry|weepy|crusty|fluid filled) (?:\w+ )?(?:spots|bumps|pimples"
            r"|blotches|dots)",
            r"(?:stripe|band|belt|strip|line|row|cluster|clusters|ring) of (?:\w+ )?(?:spots|rash"
            r"|blisters|bumps)|(?:spots|bumps) (?:\w+ ){0,4}?in (?:a )?(?:line|row|band|stripe|strip"
            r"|cluster|lines)",
        ),
    ),
    Rule(
        "spreading_red_skin",
        URGENT,
        "red, hot, swollen skin that is spreading",
        says=(
            r"(?:red|redness|reddening|swelling|swollen|inflamed|red patch|red area|red mark)"
            r" (?:[^ ]+ ){0,8}?(?:spreading|spreads|spread|getting bigger|got bigger"
            r"|gotten bigger|grown|growing|bigger|larger|expanding)",
            r"red streaks?|red lines? (?:spreading|going|running)",
            r"(?:red|hot|swollen) (?:(?:and|,) )?(?:red|hot|swollen) (?:(?:and|,) )?(?:red|hot|swollen)",
            r"cellulitis|infected (?:skin|cut|wound|spot|area|bite)|skin infection|abscess|an? boil",
        ),
    ),
    Rule(
        "new_one_limb_neuro",
        URGENT,
        "new numbness, tingling or weakness in an arm or leg",
        says=(
            r"{neuro} {into}{det}{others}{limb}",
            r"{limb} {be}{neuro}",
            r"{limb} (?:\w+ )?, (?:it|they) {be}{neuro}",
            r"(?:keep|keeps|kept|been|am|started) dropping things",
        ),
        except_with=_CHRONIC,
        question="Do you also have numbness, tingling or weakness in both legs, "
        "or around your genitals or bottom?",
    ),
    Rule(
        "foot_drop",
        URGENT,
        "a foot that drags or slaps",
        says=(
            r"foot drop|drop foot",
            r"(?:foot|toes?) (?:is |keeps |has been |has started |started |on )*(?:drag\w*|slap\w*"
            r"|flop\w*|catch\w* on|scuff\w*)",
            r"drag\w* (?:my )?(?:left |right )?(?:foot|leg)",
            r"(?:cant|couldnt|unable to|not able to|hard to|struggl\w* to|trouble|difficulty)"
            r" (?:to )?(?:lift|raise|pull up|flex|bend up) {det}(?:foot|toes|ankle)",
            r"trip\w* over my (?:own )?(?:foot|toes)|(?:cant|unable to) walk on my (?:heels|tiptoes)",
        ),
    ),
    Rule(
        "trauma",
        URGENT,
        "pain that started after a fall, accident or blow",
        says=(
            r"(?:fell|fallen|slipped|tripped|stumbled|tumbled)(?! (?:asleep|ill|apart|for|in love"
            r"|behind|short|silent|pregnant|sick|back to sleep))",
            r"(?:a|the|my|bad|nasty|big|hard|heavy|little|small|minor) (?:fall|tumble|spill)"
            r"|(?:fall|falling) (?:down|off|over|from|backwards|onto|on my)",
            r"(?:had|have had|took) a (?:\w+ )?(?:fall|tumble|spill|crash|hit|blow)",
            r"(?:car|road|bike|cycling|motorbike|motorcycle|work|skiing|ski|sports?|sporting|traffic"
            r"|rta|rugby|football|horse|riding|scooter|bus|train|trampoline|climbing|workplace)"
            r" (?:accident|crash|collision|injury|incident|smash)|accident at work",
            r"rear ended|shunted|hit from behind|t boned|side swiped|whiplash",
            r"(?:was|got|been|get|gets|getting|being) (?:\w+ )?(?:hit|struck|kicked|punched|tackled"
            r"|thrown|knocked (?:over|down|off|out)|run over|attacked|assaulted|beaten up|rammed"
            r"|crushed)|(?:kicked|hit|struck|knocked (?:off|over|down)|run over|tackled) by",
            r"(?:punched|kicked|hit|struck|elbowed|kneed|shoved|pushed|tackled) (?:me|him|her)"
            r"|knocked (?:me|him|her) (?:over|down|off)",
            r"landed (?:hard |heavily |badly |awkwardly |right |flat )?on (?:my |the )?(?:back|bum|butt"
            r"|bottom|tailbone|coccyx|side|spine|hip)",
            r"blow to (?:my|the) (?:back|spine|head|neck|side)|crashed (?:my )?(?:car|bike)"
            r"|(?:hit|banged|smashed) my head",
        ),
    ),
    # ---- soon: book a GP appointment in the next few days ----
    Rule(
        "no_improvement_two_weeks",
        SOON,
        "no improvement after about two weeks",
        says=(
            r"{not_better}",
            r"{long_time} (?:[^ ]+ ){0,6}?(?:the same|still|{not_better})",
            r"(?:still|the same|{not_better}) (?:[^ ]+ ){0,6}?{long_time}",
        ),
        except_with=(r"{short_time}",),
    ),
    Rule(
        "worsening_over_days",
        SOON,
        "pain getting worse over days",
        says=(
            r"(?:getting|gets|got|gotten|going|keeps getting|keep getting) (?:\w+ )?worse"
            r"(?! (?:when|if|whenever|while|after|with|at|during|as|towards|toward|from|in bed"
            r"|lying|sitting|standing|on|by the end|in the (?:evening|morning)))",
            r"worse and worse|worse (?:every|each|by the) days?|worse day by day|(?:each|every) day"
            r" (?:it is |its |is |gets )?worse|worsening|deteriorat\w*|going downhill",
            r"(?:steadily|progressively) worse|more and more (?:painful|sore|intense|burning|tingly)",
            r"worse than (?:last week|a week ago|before|when i started|it was|the day before)"
            r"|worse over the"
            r" (?:last|past) (?:few )?(?:days|week|weeks)",
        ),
    ),
    Rule(
        "night_or_severe_pain",
        SOON,
        "pain that wakes you at night or is severe",
        says=(
            r"(?:pain|it|burning|tingling|back|ache|aching|throbbing|agony|spasms?) (?:\w+ ){0,2}?"
            r"(?:wakes|woke|waking|wakening|woken|keeps waking|kept waking|gets|got|keeps getting)"
            r" (?:me|him|her)(?: up)?",
            r"(?:wakes|woke|waking|wakening|woken|keeps waking|kept waking|gets|got) (?:me|him|her)"
            r" (?:up )?(?:\w+ ){0,3}?(?:at night|in the night|every night|nightly|at \d+|around \d+"
            r"|all night|middle of the night|during the night)",
            r"woke (?:up )?(?:\w+ ){0,4}?(?:in agony|in pain|with pain|screaming|crying)",
            r"(?:cant|couldnt|unable to|not able to|can hardly|can barely|struggl\w* to|hard to"
            r"|difficult to|trouble|difficulty) (?:to )?(?:sleep|sleeping|get to sleep"
            r"|get back to sleep|fall asleep|stay asleep|get comfortable at night|lie down|lie flat)",
            r"(?:no|little|hardly any|barely any|zero) sleep|up all night|awake all night"
            r"|(?:kept|keeps|keeping) (?:me )?(?:up|awake)|(?:lie|lying|lay) awake|sleepless"
            r"|night pain|pain at night",
            r"(?:pain|hurts|burning|aching|throbbing|bad|worse|worst|terrible|awful) (?:\w+ ){0,3}?"
            r"(?:at night|in the night|all night|during the night|overnight)",
            r"(?:wake|waking|woke|wakes) (?:up )?(?:in the night|at night|during the night|every night"
            r"|in the middle of the night)",
            r"severe|excruciating|unbearable|agony|agonising|agonizing|intolerable|horrendous"
            r"|crippling|worst pain|screaming (?:in|with) pain|in tears|crying (?:in|with|from"
            r"|because of) (?:the )?pain|(?:cant|cannot) bear (?:it|the pain)",
            r"(?:10|[7-9](?:\.5)?) (?:/|out of) 10|pain (?:is |level |score |at |of |about |around"
            r" |like |a |an |maybe |probably |today |now )*(?:[7-9]|10)(?:\.5)?"
            r"(?! (?:days|weeks|months|years|hours|minutes|mins|times|am|pm|/ [1-9]))",
            r"(?:can barely|can hardly|cant|struggl\w* to|hard to|difficult to) (?:walk|move|stand"
            r"|get up|get out of bed|bend) (?:\w+ ){0,2}?(?:because of|from|with|due to) (?:the )?"
            r"(?:pain|agony)|(?:too|so) painful to (?:walk|move|stand)",
        ),
    ),
    Rule(
        "weight_loss",
        SOON,
        "weight loss without trying",
        says=(
            r"(?:lost|losing|lose|dropped|dropping|shed|shedding) (?:\w+ ){0,3}?(?:weight|kilos?"
            r"|kgs?|pounds|lbs?|stone|dress sizes?)",
            r"weight ?loss|weight (?:is )?(?:dropping|falling|going down)",
            r"(?:clothes|trousers|jeans|belt|rings?) (?:\w+ ){0,2}?(?:looser|falling off|hanging off"
            r"|too big)",
            r"(?:getting|gotten|got|gone|looking) (?:really |so |very |too )?(?:thin|skinny|gaunt"
            r"|bony)",
        ),
        except_with=(
            r"diet\w*|on purpose|trying to lose|intentional\w*|slimming|weight watchers|calorie\w*"
            r"|fasting|ozempic|wegovy|mounjaro|semaglutide|tirzepatide|gym|working out"
            r"|(?:been|am|was) trying",
        ),
    ),
    Rule(
        "lump_or_shape_change",
        SOON,
        "a lump or a change in the shape of the back",
        says=(
            r"lumps?|lumpy bit",
            r"swelling (?:on|in|over|along) (?:my |the )?(?:spine|backbone|vertebra\w*|tailbone)",
            r"(?:hard |new |strange |weird |odd |big |small )?(?:bump|growth|mass|knob|bulge)"
            r" (?:on|in|near|by|over|along|at) (?:my |the )?(?:\w+ )?(?:spine|back|vertebra"
            r"|vertebrae|backbone|tailbone)",
            r"(?:spine|back|backbone) (?:(?:is|looks|has|have|seems|got|gone|become|becoming|now"
            r"|getting|more|really|a|bit) )*(?:shape|crooked|curved|curving|hunched|sticking out"
            r"|sticks out|deformed|deformity|different|out of line|not straight|changed shape)"
            r"|(?:shape|curve) of my (?:back|spine)",
            r"(?:getting|becoming|more|look|looks|looking) (?:\w+ )?(?:hunched|stooped|bent over"
            r"|crooked)|hump",
        ),
    ),
    Rule(
        "cancer_history",
        SOON,
        "a history of cancer",
        says=(
            r"cancer|cancers|tumou?rs?|chemo|chemotherapy|radiotherapy|radiation (?:therapy|treatment)"
            r"|oncolog\w*|metasta\w*|leuka?emia|lymphoma|myeloma|melanoma|sarcoma|carcinoma"
            r"|malignan\w*|in remission|mastectomy",
        ),
    ),
    Rule(
        "heat_repeatedly_worse",
        SOON,
        "heat keeps making the pain worse",
        says=(
            r"{heat} ~ (?:always |still |just |only |really |also |seems to |seem to |keeps |keep |is"
            r" |are )*(?:makes|make|making|aggravates|aggravating|irritates|irritating|flares"
            r"|inflames|worsens) (?:\w+ ){0,3}?(?:worse|flare|flare up|hurt more|burn more|sorer)",
            r"{heat} ~ (?:always |still |just |only |really |also |seems to |keeps |is )*(?:sets|setting)"
            r" (?:\w+ )?off",
            r"{heat} ~ (?:made|make) (?:\w+ ){0,3}?(?:worse|flare up|flare) (?:\w+ ){0,3}?{again}",
            r"(?:every ?time|each time|whenever|every single time|anytime|any time) (?:\w+ ){0,3}?"
            r"{heat} (?:\w+ ){0,5}?(?:worse|flares?|burns more|hurts more|flare up|burn more)",
            r"(?:worse|flares? up|burns more|hurts more) (?:\w+ ){0,2}?(?:with|from|when i use"
            r"|whenever i use) (?:the |any |a )?{heat}",
        ),
    ),
)

# --------------------------------------------------------------------------
# Vague reports: what to ask, and the tier to use until it is answered.
# Each is dropped when a definite trigger of a higher tier is found.
# --------------------------------------------------------------------------
_NEURO_RULES = (
    "saddle_numbness",
    "both_legs_neuro",
    "cannot_stand_or_walk",
    "rapid_spreading_numbness",
    "new_one_limb_neuro",
    "foot_drop",
)

AMBIGUITIES: tuple[Rule, ...] = (
    Rule(
        "possible_numbness",
        URGENT,
        "numbness (where is not clear)",
        says=(r"{numb_only}",),
        except_with=_CHRONIC,
        unless=_NEURO_RULES
        + ("back_numbness", "possible_spreading_numbness", "possible_leg_change",
           "bladder_bowel_control"),
        question="Is the numbness or tingling in both legs, or around your genitals or buttocks?",
    ),
    Rule(
        "possible_leg_change",
        URGENT,
        "legs feel strange",
        says=(
            r"(?:{legs}|{leg}) {feel} {be}{odd}",
            r"(?:{odd}) (?:feeling|feelings|sensation|sensations) {into}{det}{others}(?:{legs}|{leg})",
            r"something (?:is )?wrong with (?:my |his |her )?(?:{legs}|{leg})",
            r"(?:{legs}|{leg}) {feel} like (?:they|it) (?:belongs? to someone else|{not_mine})",
            r"like (?:my |his |her )?(?:{legs}|{leg}) {not_mine}",
        ),
        unless=_NEURO_RULES,
        question="Do your legs feel numb, tingly or weak?",
    ),
    Rule(
        "possible_cannot_walk",
        URGENT,
        "hard to stand or walk",
        says=(
            r"(?:can hardly|can barely|hardly|barely|struggl\w* to|hard to|difficult to|difficulty"
            r"|trouble|problems?) (?:to )?(?:walk|walking|stand|standing|stand up|standing up|get up"
            r"|getting up|get out of bed|getting out of bed|bear weight|move my legs)",
            r"(?:cant|couldnt|unable to|not able to) (?:get up|get out of bed)",
            r"(?:cant|couldnt|unable to|not able to) (?:walk|stand|stand up)(?= (?:far|very far"
            r"|for long|long|much|properly|fast|quickly|straight|upright|up straight|without|as far"
            r"|more than|too long|for more))",
            r"(?:walking|standing) (?:is |has become )?(?:hard|difficult|a struggle)",
        ),
        unless=_NEURO_RULES,
        question="Are you suddenly unable to stand or walk, or are your legs weak or numb?",
    ),
    Rule(
        "possible_bladder_change",
        URGENT,
        "a change in bladder or bowel habits",
        says=(
            r"(?:bladder|bowels?|peeing|weeing|toilet habits) {feel} {be}(?:{odd})",
            r"(?:bladder|bowel|toilet|peeing|weeing) (?:problems?|issues?|trouble|changes?)",
            r"(?:problems?|issues?|trouble|something wrong|changes?) with (?:my )?(?:bladder|bowels?"
            r"|peeing|weeing)",
            r"(?:bladder|bowels?) (?:isnt|is not|arent|are not|not) (?:working|right|normal)",
            r"(?:cant|couldnt|havent been able to) (?:poo|poop|have a poo)",
        ),
        unless=("bladder_bowel_control", "urinary_retention", "urinary_infection_signs"),
        question="Have you lost any control of your bladder or bowels, or is it hard to pee?",
    ),
    Rule(
        "possible_saddle_change",
        URGENT,
        "an odd feeling around the genitals or bottom",
        says=(
            r"{saddle} {feel} {be}{odd}",
            r"(?:{odd}) (?:feeling|feelings|sensation|sensations) {into}{det}{saddle}",
            r"(?:feels?|feeling|felt) (?:\w+ )?(?:{odd}) (?:down there|down below)",
            r"when i (?:wipe|am wiping|wiped) (?:\w+ ){0,3}?(?:feels|felt|is) (?:{odd}|numb|like)",
            r"(?:sitting on )?(?:the )?(?:toilet|loo|toilet seat) (?:\w+ ){0,2}?(?:feels|felt)"
            r" (?:{odd}|numb)",
        ),
        unless=("saddle_numbness",),
        question="Is there numbness or tingling around your genitals, bottom or inner thighs?",
    ),
    Rule(
        "possible_accident",
        URGENT,
        "an accident (not clear what kind)",
        says=(
            r"(?:had|have had|having|has had) (?:an |a |a little |little |another |an embarrassing"
            r" |a bit of an )?accidents?",
        ),
        unless=("bladder_bowel_control", "trauma"),
        question="Do you mean you lost control of your bladder or bowels?",
    ),
    Rule(
        "possible_spreading_numbness",
        URGENT,
        "numbness that is spreading",
        says=(r"{numb_only} ~ {spreading}", r"{spreading} {numb_only}"),
        unless=("rapid_spreading_numbness",),
        question="Did the numbness come on suddenly, or is it spreading quickly?",
    ),
    Rule(
        "possible_tearing_pain",
        URGENT,
        "sudden pain between the shoulder blades",
        says=(
            r"sudden(?:ly)? ~ (?:pain|ache) ~ (?:between|across) (?:my |the )?shoulder ?blades",
            r"(?:pain|ache) (?:between|across) (?:my |the )?shoulder ?blades ~ (?:sudden|suddenly"
            r"|out of nowhere|all of a sudden)",
        ),
        unless=("chest_or_tearing_pain",),
        question="Is it a sudden tearing or ripping pain, or do you have chest pain?",
    ),
    Rule(
        "possible_meningism",
        URGENT,
        "headache or sore neck with a fever",
        says=(
            r"headaches?|head ache|head (?:hurts|is sore|is hurting|is throbbing)|sore head"
            r"|(?:sore|achy|aching) neck|neck (?:is |feels )?(?:sore|hurts|tight|achy|aching)",
        ),
        also=("fever", "possible_fever"),
        unless=("fever_with_meningism",),
        question="Is the headache severe, or do you have a stiff neck, or feel confused or very drowsy?",
    ),
    Rule(
        "possible_fever",
        SOON,
        "feeling hot (temperature not measured)",
        says=(
            r"(?:^(?:feeling|feel|felt)|i|i am|i feel|i felt|i was|i have been|i keep feeling|i get"
            r"|i got|i think i am|he is|she is|he feels|she feels) (?:really |very |so |quite |a bit |a"
            r" little |kinda |kind of |all |super |too |extremely |pretty )?(?:hot|clammy|flushed"
            r"|boiling)(?! (?:in|on|across|along|around|at|under|between|down|up|where|spot|patch"
            r"|area|water|bath|shower|pad|tub|pack|compress|towel|drink|tea|back|spine|skin))",
            r"hot all over|(?:whole body|forehead) (?:is |feels |felt )(?:\w+ )?(?:hot|boiling)",
            r"flu|the flu|flu like|fluey|covid|coronavirus",
        ),
        unless=("fever", "low_temperature_shivering"),
        question="Is your temperature 38 °C (100.4 °F) or higher, or do you have chills or shivering?",
    ),
    Rule(
        "possible_weakness",
        SOON,
        "feeling weak",
        says=(r"weak|weakness|weaker|weakened|no strength|lost (?:my |all )?strength",),
        unless=_NEURO_RULES + ("possible_leg_change", "possible_cannot_walk"),
        question="Are your legs weak or numb, or is it hard to stand or walk?",
    ),
    Rule(
        "possible_low_temperature",
        SOON,
        "a low temperature",
        says=(r"lowtemp",),
        unless=("low_temperature_shivering",),
        question="Are you shivering or feeling very cold?",
    ),
    Rule(
        "possible_flank_infection",
        SOON,
        "pain at the side under the ribs",
        says=_FLANK,
        unless=("flank_pain_with_fever_or_urinary",),
        question="Do you have a fever or chills, or burning, cloudy or bloody pee?",
    ),
    Rule(
        "possible_red_skin",
        SOON,
        "red, swollen skin",
        says=(r"(?:red|hot) (?:(?:and|,) )?swollen|swollen (?:(?:and|,) )?(?:red|hot)",),
        unless=("spreading_red_skin", "rash_or_blisters"),
        question="Is the red, swollen area spreading or getting bigger?",
    ),
)

# Reported things that are not triggers themselves but complete or rule out one.
SIGNALS: dict[str, tuple[str, ...]] = {
    "urinary_frequency": (
        r"(?:peeing|weeing|urinating|going for a (?:pee|wee)|going to the (?:toilet|loo)"
        r"|(?:need|needing|have|having) to (?:pee|wee)|need a (?:pee|wee)) ~ (?:all the time"
        r"|constantly|a lot|loads|every hour|every half hour|more often|so often|more than usual"
        r"|frequently|non stop|nonstop|every \d+ minutes)",
        r"frequent (?:urination|peeing|weeing|pee|wees?)|(?:pee|wee)ing (?:so )?(?:often|much)"
        r"|urgency",
    ),
    "feeling_cold": (
        r"(?:feel|feeling|felt|am|i am|so|really|very) (?:\w+ )?(?:cold|freezing|frozen)"
        r"|(?:cant|cannot) get warm|cold all over",
    ),
    "back_numbness": (
        r"(?:back|spine|shoulder ?blades|between my shoulders) {be}{numb_only}",
        r"{numb_only} {into}{det}(?:lower |upper |mid |middle )?(?:back|spine|shoulder ?blades)",
    ),
}

# Look-alikes that are not triggers; a match lying wholly inside one is ignored.
BENIGN: tuple[str, ...] = (
    r"(?:fell|fall|falling|falls) (?:back )?asleep|(?:nearly|almost) (?:fell|fall|fallen|slipped"
    r"|tripped)|slipped (?:a )?dis[ck]s?",
    r"(?:hay|cabin|spring) fever|fever (?:pitch|dream)",
    r"(?:ice|ice pack|icepack|cold pack|frozen peas|the cold) (?:pack )?(?:numbs|numbed|numbing"
    r"|makes (?:it|the area|my back) numb|made (?:it|the area|my back) numb)",
    r"numb(?:ed|s)? (?:\w+ )?(?:from|after|with) (?:the )?(?:ice|cold|ice pack|cold pack"
    r"|frozen peas)|numbs? (?:the|my) pain|numbing (?:cream|gel|spray|patch|effect)",
    r"confused (?:about|by|with|as to|whether|if|what|which|how|why|on)",
    r"(?:drowsy|sleepy) (?:from|after|because of|on) (?:the |my )?(?:tablets|pills|painkillers"
    r"|meds|medication|medicine|codeine|amitriptyline|gabapentin|pregabalin|tramadol)",
    r"lump in (?:my|the) throat|lump sum",
    r"(?:clothes|trousers|jeans|pants|belt|hair) (?:\w+ )?(?:falling|fall|fell) (?:off|out|down)",
    r"(?:back|spine|skin|shoulders?|shoulder blades|neck|side|area|patch) (?:\w+ ){0,5}?burning up",
    r"hot and cold (?:packs?|therapy|compress\w*|treatment|water|showers?|contrast)"
    r"|(?:alternat\w*|switching|swapping|contrast) (?:\w+ )?(?:between )?hot and cold",
    r"(?:shiver|shivers|chill|chills) (?:down|up) (?:my )?spine",
    r"(?:last|this|next) fall|dead (?:tired|set|serious|easy)|weak (?:point|spot|link)",
)

# --------------------------------------------------------------------------
# Negation.
# --------------------------------------------------------------------------
# Words that negate what follows, up to the end of the clause.
NEGATION_WORDS = frozenset(
    "no not never without nor neither none nothing zero cant couldnt dont doesnt didnt isnt arent"
    " wasnt werent havent hasnt hadnt wont wouldnt shouldnt aint nope".split()
)
# Words that end a negation's reach: "no fever but I can't pee".
SCOPE_ENDS = frozenset(
    "but however though although except apart besides yet just only still whereas because cause"
    " now then until till otherwise anyway instead also plus".split()
)
# After "and", "or" or a comma, these start a new clause: "no fever and my legs are numb".
CLAUSE_STARTS = frozenset(
    "i me my it its there theres he she his her they their we our you your this that the now"
    " then also still today".split()
)
# Negative words that are not negations; the first group reports a symptom.
SYMPTOM_NEGATIVES: tuple[str, ...] = (
    r"(?:cant|couldnt|unable to|not able to|no longer able to|havent been able to|wasnt able to)"
    r" (?:even )?(?:feel|pee|wee|urinate|walk|stand|move|control|hold|lift|get up|sleep|breathe"
    r"|stop|bend|pass|empty|tell|poo|raise|put|take|seem|start|get|catch|think|stay|keep)",
    r"no (?:feeling|sensation|strength|control|more control)",
    r"(?:isnt|is not|arent|are not|not) (?:working|right|normal|making sense|herself|himself)",
    r"(?:wont|wouldnt|doesnt|didnt|dont) (?:work|come|hold|start|flow|wake|let me)",
    r"nothing (?:comes|came|will come|is coming|helps|works|helped|worked|is helping|is working)",
    r"(?:havent|hasnt|not|didnt) (?:been able to )?(?:peed|pee|weed|wee|urinated|been for a"
    r" (?:pee|wee)|passed (?:urine|water)|had a (?:pee|wee)) (?:since|for|all|in|today|yet)",
    r"(?:didnt|did not|couldnt) (?:make it|get) to",
    r"(?:didnt|did not|dont|do not) (?:even )?(?:notice|realise|realize|know)(?! (?:about )?it)",
    r"(?:didnt|did not) (?:even )?feel (?:it|a thing|anything)",
    r"without (?:noticing|realising|realizing|knowing|feeling it|warning|meaning to|trying)",
)
PSEUDO_NEGATIONS: tuple[str, ...] = (
    r"not sure|not certain|no idea|(?:dont|do not) know (?:if|whether|why|what|how)|not just"
    r"|not only|no wonder|no matter|not to mention|nothing but|cant remember|cant wait"
    r"|is (?:that|it|this) (?:ok|okay|normal|fine|bad)|not (?:too |that )?bad",
) + SYMPTOM_NEGATIVES
# Words that negate what comes before them: "my bladder is fine".
POST_NEGATIONS: tuple[str, ...] = (
    r"fine|ok|okay|normal|normally|alright|all right|all good|gone|went away|gone away|cleared up"
    r"|cleared|resolved|settled|no problems?|no issues?|not a problem|as normal|under control"
    r"|working fine|perfect|great",
)
# Hypothetical questions: "what if I get a fever?" reports nothing.
HYPOTHETICAL: tuple[str, ...] = (
    r"what if|in case|if i (?:ever )?(?:get|develop|start getting)|signs of|symptoms of"
    r"|watch out for|look out for",
)

# --------------------------------------------------------------------------
# Spelling.
# --------------------------------------------------------------------------
# Typos more than one letter off, and short words.
SPELLINGS: dict[str, str] = {
    "fevr": "fever",
    "feva": "fever",
    "fevar": "fever",
    "tempreture": "temperature",
    "temprature": "temperature",
    "tempature": "temperature",
    "nunb": "numb",
    "numm": "numb",
    "numbb": "numb",
    "wierd": "weird",
    "bak": "back",
    "legz": "legs",
    "cnt": "cant",
    "dnt": "dont",
    "didn": "didnt",
    "dint": "didnt",
    "havnt": "havent",
    "isn": "isnt",
    "cannot": "cant",
    "im": "i am",
    "ive": "i have",
    "u": "you",
    "r": "are",
    "n": "and",
    "ur": "your",
    "bc": "because",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
}
# Words of 5+ letters that a one-letter typo is corrected to ("feaver" -> "fever").
TYPO_TARGETS = frozenset(
    "numbness tingling tingly tingle weakness bladder bowels bowel fever feverish shivering shivery"
    " shivers shiver temperature headache confused confusion drowsy blisters blister shingles"
    " incontinent incontinence urinate urinating urine buttocks genitals groin cancer paralysed"
    " paralyzed collapsed chills swollen spreading redness urinary control accident".split()
)
# Real words one letter away from a target, never "corrected".
NOT_TYPOS = frozenset(
    "never fewer lever levers sever fiver ladder ladders gladder towel towels vowel vowels dowel"
    " dowels bowls bowed bower bowers bowen tinkling jingling mingling tangling singling single"
    " singles jingle mingle tangle tinkle tinge tinges singly jingly tinkly dumbness slivering sliver"
    " slivers shaver shavers shiner chilis chiles chilly chill dancer dancers canter cancel cancels"
    " lancer canker groan groans grown grain grains brine contusion contusions contused blaster"
    " blasters bluster glister shingle controls".split()
)

# --------------------------------------------------------------------------
# Daily check-in: tap every item that applies (CLINICAL.md: ask directly).
# --------------------------------------------------------------------------
CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("bladder_bowel_or_cannot_pee", "Can't pee, or lost bladder/bowel control",
                  EMERGENCY, ("bladder_bowel_control", "urinary_retention")),
    ChecklistItem("saddle_numbness", "Numb or tingly bum, groin or genitals", EMERGENCY,
                  ("saddle_numbness",)),
    ChecklistItem("both_legs_neuro", "Both legs numb, tingly or weak", EMERGENCY,
                  ("both_legs_neuro",)),
    ChecklistItem("cannot_stand_or_walk", "Suddenly can't stand or walk", EMERGENCY,
                  ("cannot_stand_or_walk",)),
    ChecklistItem("rapid_spreading_numbness", "Sudden or fast-spreading numbness", EMERGENCY,
                  ("rapid_spreading_numbness",)),
    ChecklistItem("fever_with_meningism", "Fever + stiff neck/headache/confusion", EMERGENCY,
                  ("fever_with_meningism",)),
    ChecklistItem("chest_or_tearing_pain", "Chest/tearing back pain or can't breathe", EMERGENCY,
                  ("chest_or_tearing_pain", "breathing_difficulty")),
    ChecklistItem("fever", "Fever, chills or shivering", URGENT,
                  ("fever", "low_temperature_shivering", "flank_pain_with_fever_or_urinary")),
    ChecklistItem("urinary_infection_signs", "Burning, cloudy or bloody pee", URGENT,
                  ("urinary_infection_signs", "flank_pain_with_fever_or_urinary")),
    ChecklistItem("skin_rash_or_redness", "New rash, blisters or spreading red skin", URGENT,
                  ("rash_or_blisters", "spreading_red_skin")),
    ChecklistItem("one_limb_neuro", "New numb/weak arm or leg, or foot drags", URGENT,
                  ("new_one_limb_neuro", "foot_drop")),
    ChecklistItem("trauma", "Pain after a fall, accident or blow", URGENT, ("trauma",)),
)
