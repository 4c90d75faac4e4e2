"""English: what people call each concept the red-flag rules read.

Phrases are matched on normalised tokens (``coach.triage.phrases``): lower case, contractions
joined ("can't" -> ``cant``, "I'm" -> ``i am``, "dad's" -> ``dad s``), stretched letters and
misspellings of these words corrected, numbers as ``#``, and a measured temperature as one word:
``hightemp`` (38 °C / 100.4 °F or more), ``normaltemp`` or ``lowtemp`` (under 36 °C).
Emoji arrive as words (``coach.red_flags.en.words.EMOJI``).

Names starting with ``_`` are building blocks used inside other phrases as ``@_name``.
"""

from coach.red_flags.rule import Concept

# Building blocks ------------------------------------------------------------------------------
_BLOCKS: dict[str, tuple[str, ...]] = {
    "_my": ("my|the|his|her|their|your|our|me|mah|both|both my|both his|both her|both of my|a|one|all|whole",),
    "_cant": (
        "cant|couldnt|cnt|unable to|not able to|no longer able to|wasnt able to|havent been able to"
        "|hasnt been able to|can no longer|can hardly|can barely|cant even|couldnt even|cant seem to",
    ),
    "_struggle": (
        "struggl*|hard time|trouble|difficulty|problems|problem|hard to|difficult to|strain*|straining to"
        "|push to|have to push|having to push|takes ages to|taking ages to|cant seem to",
    ),
    "_become": (
        "gone|went|going|goes|turned|turning|got|gotten|getting|gets|feel|feels|felt|feeling|is|are|am|s"
        "|been|has been|have been|was|were|become|became",
    ),
    "_very": ("really|very|so|all|completely|totally|quite|super|proper|a bit|bit|kind of|kinda|sort of|pretty|too",),
    "_pee": (
        "pee|weewee|peepee|wees|pees|peeing|wee|weeing|urinate|urinating|urination|urine|piss|pissing|pipi|slash|tinkle|number one"
        "|number 1|pass water|pass urine|passing water|passing urine|empty (my)? bladder|emptying (my)? bladder"
        "|spend a penny|spent a penny|spending a penny|take a leak|have a leak",
    ),
    "_poo": ("poo|poop|pooing|pooping|stool|stools|number two|number 2|number twos|number 2s|bowel movement|bm|crap",),
    "_minutes": ("minutes|minute|mins|min|hours|hour|hrs|hr",),
}

CONCEPTS: dict[str, Concept] = {
    # ---- sensations --------------------------------------------------------------------------
    "numb": Concept(
        "symptom",
        (
            "(@_cant) feel (nothing|nothin|nuttin|notting)",
            "(the)? (feeling|sensation) (in|of|round|around|down) (~)? (has|have|is|s|had)? (gone|went|disappeared|vanished)",
            "(the|all)? (feeling|sensation) (has|have|is|s|had)? (gone|went|disappeared|vanished) (from|out of|in)",
            "numb|numbness|numbed|numbish|numbing|numbly",
            "(@_become)? (@_very)? numb",
            "(no|lost|loss of|lack of|lacking|reduced|less|without|zero|not much|hardly any|barely any)"
            " (all|any|the|some|of)? (feeling|feelin|sensation|sensations)",
            "@_cant (really)? feel (it|them|anything|a thing|much|properly|right)?",
            "(dont|doesnt|didnt) (really|even)? feel (it|them|anything|a thing|much|properly)?",
            "(feel|felt|feeling|feels) nothing",
            "(@_become)? (@_very)? dead",
            "(gone|went|fallen|fell|is) (to)? asleep|gone to sleep|went to sleep",
            "like (they|it) (are|is|s)? (not|dont|doesnt|isnt|arent) (mine|my own|belong to me|his|hers|part of me)",
            "(dont|doesnt) belong to (me|him|her)|(belong|belongs) to someone else|not mine",
            "like (two|2)? (logs|wood|planks|cardboard)|pins and no needles",
            "like after the dentist|like novocaine|anaesthetic|anesthetic",
            "deadened|dulled|like cotton wool|like wood|wooden|like rubber|cant feel a thing|lost (all)? feeling"
            "|no sensation",
        ),
        net=True,
    ),
    "tingle": Concept(
        "symptom",
        (
            "tingl*|tinglin|tinglies|tingy",
            "pins and needles|pins n needles|pins & needles|pins n needle|pins and needle|pins and noodles|pins and needs",
            "prickl*|buzzing|fizzing|crawling|creepy crawly|electric (shock|shocks|feeling|zap|zaps|buzz)",
            "(@_become)? (@_very)? tingly",
            "tinkling|tinkly",
            "fizzy|buzzy|zingy|zinging|like ants|ants crawling|like (bugs|insects) crawling|electric shocks",
        ),
        net=True,
    ),
    "weak": Concept(
        "symptom",
        (
            "weak|weakness|weaker|weakening|weakened|wobbly|wobbling|wonky",
            "(@_become)? (@_very)? weak",
            "(like|to|gone to|turned to)? jelly|jelly like|like jello|like noodles|spaghetti",
            "no strength|lost (my|all|his|her)? strength|zero strength",
            "(arent|isnt|not|no longer|werent|wasnt) strong enough (any more|anymore)?",
            "(gave|give|giving|gives|given) (way|out)|buckl*|collaps*",
            "(wont|wouldnt|dont|didnt|cant|arent|isnt|not) (hold|holding|support|supporting|carry|carrying)"
            " (me|my weight|his weight|her weight|him|her)",
            "(not|isnt|arent|aint) working|stopped working|(wont|wouldnt|dont|didnt) (work|wrk|move|do what)|useless|floppy",
            "paralys*|paralyz*|cant move (them|it)|cant lift (them|it)",
            "(gone|really|so|very|feel|feels|are|is|feeling|bit) week",
            "no (get)? power|no power|lost (all)? power|(like)? (wet)? (noodles|spaghetti)|like rubber|rubbery"
            "|bilateral (leg|legs)? weakness",
            "weak as a kitten|unsteady|giving way|give way|keep giving way|keeps giving way|limp|flaccid"
            "|cant lift (my|them|it)|wont move",
        ),
        net=True,
    ),
    "heavy": Concept("symptom", ("heavy|heaviness|like lead|lead like|leaden|like concrete|like bricks|like stone",)),
    "odd": Concept(
        "symptom",
        (
            "weird|wierd|strange|funny|odd|(feels|feel|feeling|felt|bit|a bit) off|different|wrong|unusual|not right|not normal|not quite right"
            "|not themselves|peculiar|problem|problems|issue|issues|trouble|changes|changed",
        ),
    ),
    "pain": Concept(
        "symptom",
        (
            "pain|pains|painful|ache|aches|aching|achy|sore|soreness|hurt|hurts|hurting|hurtin|throb*|stabbing"
            "|agony|killing (me|him|her)|burn|burns|burning|burnin|on fire|tight|tightness|pressure|cramp*"
            "|spasm*|squeez*|crushing|heavy feeling|discomfort|twinge*|stitch",
        ),
    ),
    "other_symptom": Concept(
        "symptom",
        (
            "tired|fatigued|exhausted|worn out|knackered|cold|chilly|warm|itchy|itch|swollen|bruised|bruise"
            "|twitchy|twitching|restless|cramps|sweaty|achey|bruising|raw",
        ),
    ),
    "stiff": Concept(
        "symptom",
        (
            "stiff|stiffness|rigid|locked|locked up|seized|seized up|stiff as a board|like a board|like wood",
            "(wont|doesnt|didnt|cant|not|isnt) (bend|bending|move|moving|turn|turning|nod)",
            "@_cant (bend|move|turn|nod|lower|touch) (it|my head|my chin|his head|her head)?",
            "hurts to (bend|move|turn|nod)",
        ),
    ),
    "tearing": Concept(
        "symptom",
        (
            "tearing|ripping|ripped|tore|torn|tear|shredding|splitting open|ripping me open|ripped open",
            "like (something|someone|a knife) (is|was|s)? (tearing|ripping|tore|ripped|torn|snapped|splitting)",
        ),
    ),
    # ---- where ---------------------------------------------------------------------------------
    "both_legs": Concept(
        "place",
        (
            "legs|leggs|legz|feet|thighs|calves|shins|lower limbs|lower body|lower half|both sides of my body",
            "both (@_my)? (legs|feet|thighs|calves|knees|shins|ankles|sides|limbs|of them|pins|hips)",
            "both (my|his|her) (legs|feet|thighs|calves|knees|shins|ankles|pins)",
            "(both)? (@_my)? (foot|feet|leg|legs|knee|knees) dem|both (@_my)? (foot|leg)",  # Caribbean plurals: "mi foot dem"
            "(my|both|his|her|both my) pins|pair of them|the both|the two of them",
            "either (leg|foot|side)",
            "(left|right) and (left|right)|the left and the right|(the)? (left|right|other) (one|leg|foot|side)? (too|as well|also|now too)",
            "the other one|other leg too|other leg as well",
            "(the)? (left|right|other) (one|leg|foot|side) (has|is|s|feels|got|went|gone|now)? (got)? (it|that|them|the same|numb|tingly|weak) (too|as well|also)",
            "waist down|hips down|belly button down|bellybutton down|navel down|chest down|neck down|tummy down",
            "stomach down|below the waist|below my waist|from the waist|up to my waist|to my waist|up my legs",
            "leg leg|foot foot",
            "(left|right) (leg|foot|side) (,|and)? (left|right) (leg|foot|side)",
            "(in|into|to|affecting|affects|down) both (now|sides|of them|of em)?|both of (them|em)|bilateral (leg"
            "|legs|lower limb|lower limbs)?|bilaterally|feats|both feats",
            "lower legs|both knees|both thighs|both calves|both feet|soles of (both|my) feet|bottom half"
            "|legs and feet|feet and legs|each leg|the legs|(from|below) (the|my)? knees down|hips down|(my"
            "|the) lower half|both my pins|me legs",
        ),
    ),
    "one_leg": Concept(
        "place",
        (
            "leg|foot|thigh|calf|shin|knee|ankle|toe|toes|big toe|heel|sole|instep",
            "(left|right|one) (leg|foot|thigh|calf|knee|side)",
            "(the)? (left|right) one|only the (left|right)|(l|r|are) (leg|foot)",
        ),
    ),
    "arm": Concept(
        "place", ("arm|arms|hand|hands|finger|fingers|thumb|thumbs|wrist|forearm|elbow|palm|palms|fingertips",)
    ),
    "saddle": Concept(
        "place",
        (
            "groin|crotch|genital|genitals|genital area|privates|private|private parts|private area"
            "|private bits|private part|down there|down below|downstairs|nether regions|nethers|undercarriage",
            "(my|lady|man|me) bits|bits and bobs",
            "between (my|the|his|her|me) legs|inner thigh|inner thighs|inside (of)? (my|the|his|her)? thighs"
            "|insides of (my|the)? thighs|tops of (my|his|her)? (inner)? thighs",
            "perineum|perineal|perinium|taint|gooch|bum|bums|bumcheeks|butt|butts|buttock|buttocks|butt cheeks"
            "|bum cheeks|bottom|backside|arse|ass|anus|rectum|back passage|tush|tushy|booty|rear end",
            "vagina|vaginal|vag|vajayjay|vulva|labia|fanny|penis|dick|cock|willy|testicles|balls|scrotum",
            "saddle|saddle area|saddle region|where (i|you|ya|he|she) sit|sit bones|sitting bones|seat area",
            "when (i|he|she) (wipe|wipes|wiped)|(am|when) wiping|toilet paper|loo roll|toilet roll"
            "|toilet seat|loo seat|the seat|bike seat|saddle area",
            "pelvic|pelvis|pubic|pubic area",
            "groan|groin area|inner ties|inner thighs|nether|under carriage|lady garden|front bottom|bits down there",
            "perineal area|pelvic floor|crotch area|private region|genital region|genitalia|vaginal area"
            "|front passage|bumhole|butthole|arsehole|asshole|anal area|anal region|bottom area|buttock area|rump"
            "|derriere|tushie|heinie|keister|bahookie|doup|botty|jacksie|lady parts|girly bits|man parts|manhood"
            "|todger|scrotum|testes|clitoris|minge|sit spot|sitting area|seat of my pants|johnson|(my|his|her) behind",
            "(where|were) (you|ya|i|u) (sit|sat)|between the legs|inner leg|inner legs|inside (my|of my)? legs",
            "(like)? (i m|i am|im)? (sitting|sat) on (a)? (cushion|pillow|ice|nothing|cotton wool|something)",
            "(cant|couldnt|cannot|dont|didnt) (really)? feel (the)? (seat|loo seat|toilet seat|loo roll"
            "|toilet paper|paper|tissue|bog roll) (when|as)?",
        ),
    ),
    "chest": Concept("place", ("chest|chests|breastbone|sternum|ticker|heart|rib cage|ribcage|pecs",)),
    "neck": Concept("place", ("neck|necks|kneck|nek|neckk|back of (my|the|his|her) neck",)),
    "head": Concept("place", ("head|heads|skull|forehead|temples",)),
    "back": Concept("place", ("back|spine|lower back|upper back|mid back|middle of my back|backbone|lumbar",)),
    "shoulder_blades": Concept(
        "place",
        (
            "shoulder blades|shoulderblades|shoulder blade|between (my|the|his|her|me) shoulders|upper back",
            "soldier blades|shoulder blades|shoulder blade",
        ),
    ),
    "flank": Concept(
        "place",
        (
            "(left|right|one)? (side|sides|flank|flanks|loin|loins|kidney|kidneys|kidney area)",
            "(under|below|beneath|underneath|just under|just below) (my|the|his|her)? (left|right)? "
            "(ribs|rib cage|ribcage|bottom ribs|lower ribs|rib)",
        ),
    ),
    "bladder_bowel": Concept(
        "place",
        (
            "bladder|bladdder|bowels|bowel|@_pee|@_poo|toilet|loo|bathroom|restroom|lavatory|dunny|potty"
            "|pee pee|waterworks|number twos|it in",
        ),
        net=True,
    ),
    # ---- qualifiers ----------------------------------------------------------------------------
    "fast": Concept(
        "qualifier",
        (
            "sudden|suddenly|all of a sudden|out of nowhere|out of the blue|without warning|from nowhere",
            "fast|quickly|rapidly|quick|rapid|racing|racin|so fast|really fast|very fast|speeding",
            "by the hour|by the minute|every hour|within minutes|in minutes|within (an|the|one|1) hour"
            "|in (an|one|1|half an) hour|in (like|about|under|less than)? (half an|an|one|1) hour",
            "(in|within) (like|about|under|just|less than)? (a|few|couple of|a few|#|ten|twenty|thirty|five"
            "|fifteen|forty) (@_minutes)",
            "(#|ten|twenty|thirty|five|fifteen|forty|an|half an|a few|few) (@_minutes) ago",
            "keeps spreading|spreading up|moving up fast|getting higher",
            "in the space of (a|an|the|one)? (afternoon|morning|evening|hour|few hours|couple of hours|day|night)"
            "|within (hours|a few hours|the day|the afternoon|the morning)|(this morning|an hour ago|earlier|at lunch"
            "|lunchtime|last night) (and|but)? now",
            "(spread|spreading|spreads|gone|moved|moving|creeping|climbing|crept|reached|now|it s|it is"
            "|its) (~)? (up)? (to|into|onto|on|at|over) (my|the|his|her)? (stomach|belly|tummy|waist|chest"
            "|abdomen|ribs|hips|bellybutton|belly button)",
        ),
    ),
    "spreading": Concept(
        "qualifier",
        (
            "spreading|spreads|spread|creeping|creeps|crept|climbing|travelling|traveling|travel*",
            "(moving|moved|moves|going|gone|went|goes|shooting|spread|spreading|creeping|crept|climbing|racing)"
            " (up|down|into|to|over|across|along|round|around|through)",
            "reached|reaching|now at|up to|getting bigger|growing",
        ),
    ),
    "night": Concept(
        "qualifier",
        (
            "at night|in the night|all night|every night|nightly|during the night|overnight|middle of the night"
            "|night time|nighttime|at 2am|at 3am|at 4am|tonight|in bed at night|when i sleep|when im asleep",
            "(wakes|woke|waking|wakening|woken|keeps waking|kept waking|wake|wakin) (me|him|her|us)? (up)?",
            "(kept|keeps|keeping|keep) (me|him|her|us) (up|awake)|kept awake|keeps awake|up all night|awake all night|(lie|lying|lay) awake"
            "|sleepless|(@_cant|@_struggle) (to)? (sleep|sleeping|get to sleep|get back to sleep|fall asleep|stay asleep"
            "|get comfortable at night|lie down|lie flat|lie on my back)|(no|little|hardly any|barely any|zero|not much) sleep",
        ),
    ),
    "long_time": Concept(
        "qualifier",
        (
            "(#|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|a couple of|couple of|couple"
            "|many|a|one) (weeks|wks|months|month|years|year)",
            "(#|one|two|three|a couple|couple) and a (half|bit) (weeks|months)|(nearly|almost|over|about)"
            " (a|one|#|two|three) (month|months|weeks|fortnight)|#big days|month now|months now|a month|(a|one|#) fortnight|fortnight|second week|2nd week|third week|3rd week|fourth week|week two"
            "|week three|week 2|week 3|weeks now|for weeks|for ages|ages now|over a week|more than a week"
            "|10 days|ten days|twelve days|12 days|14 days|fourteen days|#teen days|since last month",
            "day #big|day (fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)|(fifteenth|sixteenth|seventeenth"
            "|eighteenth|nineteenth|twentieth) day",
            "(#big|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty) days",
        ),
    ),
    "short_time": Concept(
        "qualifier",
        (
            "(#|one|two|three|four|five|six|a|a few|few|a couple of|couple of|couple) (day|days) (in|now|ago|old)?",
            "day (#|one|two|three|four|five)|yesterday|last night|this morning|(a|one|#) week|a few hours|hours",
        ),
    ),
    # ---- events that stand alone -------------------------------------------------------------
    "accident": Concept(
        "event",
        (
            "(had|having|have had|has had|had a bit of|there was) (an|a|a little|little|another|an embarrassing"
            "|a bit of an|an awful)? (accident|accidents)",
        ),
    ),
    "incontinence": Concept(
        "event",
        (
            "(lost|losing|lose|loss of|no|no more|poor|zero|cant|couldnt|cnt|unable to|not able to|trouble with"
            "|problems with|difficulty with|no longer have|dont have|cant get) (any|the|my|his|her)? control (of|over|with)?"
            " (@_my)? (bladder|bowels|bowel|pee|wee|poo|urine|stool|stools|toilet|waterworks|water|waters|number twos|number 2s)",
            "(lost|losing|lose|loss of|no|no more|poor) (my|all|any|his|her)? (bladder|bowel|bowels) control",
            "(bladder|bowel|bowels) control (has|is|s)? (gone|went|lost|going|bad)",
            "(@_cant|cant|couldnt) (to)? control (@_my)? (bladder|bowels|bowel|pee|wee|poo|urine|toilet|it)",
            "(peed|pissed|wet|weed|pooped|pood|pooed|soiled|shat|shit|messed|crapped|wetted|leaked)"
            " (myself|my self|himself|herself|themselves|ourselves|the bed|my|his|her|in my|in his|in her)"
            " (pants|trousers|knickers|undies|underwear|jeans|bed|nappy|pad|self|shorts|leggings|sheets)?",
            "(peeing|pooing|pooping|soiling|wetting|weeing|pissing|leaking) (myself|himself|herself|the bed|my pants"
            "|his pants|her pants|a bit|everywhere)",
            "bed ?wetting|bedwetting|wetting the bed|wet the bed|wet bed",
            "incontinen*|incontinant",
            "(leak*|dribbl*) (a bit of|a little|some)? (pee|urine|wee|poo|stool|number twos)",
            "(pee|urine|wee|poo|stool) (is|s|keeps|has been)? (just|still|constantly|always)? (leak*|dribbl*|came out|comes out"
            "|coming out|escaped|escaping) (out)? (on its own|by itself|without|and i|i didnt)?",
            "(bladder|bowels|bowel) (is|are|has|have|keeps|keep|just|s)? (leak*|let go|lets go|gave way|gives way"
            "|gave out|emptied|went|gone|opened)",
            "(didnt|did not|couldnt|not|never|cant) (make it|get) (to the)? (toilet|loo|bathroom|restroom|lavatory"
            "|in time|dunny)",
            "(i|he|she) (keep|keeps|kept|am|is|have been|has been|started|start)? leaking|leakage|leaky bladder",
            "(@_cant|cant|couldnt) hold (it|it in|my pee|my wee|my poo|my bladder|my bowels|my water|my urine"
            "|my number twos|my number 2s|number twos|number 2s|it any more|it anymore|on)",
            "(cant|couldnt|dont|didnt|no longer|cannot) (even)? (feel|notice|tell|know|sense|realise|realize)"
            " (when|if|that) (i|he|she) (need|needs|have|has|want|wants|got|am|is|was|had) (to|a)? (@_pee|@_poo|go)",
            "(cant|couldnt|didnt|dont) (even)? feel (myself|it when i am|it when i was|it when i)? (@_pee|@_poo)",
            "(accident|accidents) (in|on) (my|the|his|her|me) (pants|bed|trousers|knickers|underwear|sleep|chair|sofa)",
            "(knickers|pants|underwear|trousers|undies|pad) (were|was|are|is|s|got)? (all)? (wet|soaked|soiled) (and)? (i|he|she)?"
            " (hadnt|didnt|never|had not|did not) (felt|feel|notice|noticed|know|realise|realize)",
            "(cant|couldnt|didnt|dont|cannot) (even)? feel (myself|himself|herself|themselves|it) (when|as) (i|he|she|they)"
            " (go|goes|went|wipe|wipes|pee|pees|wee|wees|poo|poos|sit|sits)",
            "(toilet|bladder|bowel|poo|pee|wee) (accident|accidents)|accident with (my|his|her)? (bowels|bladder|bowel|pee|poo)",
            "(had|having|have had|has had) (a|an) accident (with (my|his|her)? (bowels|bladder)|in (my|his|her) pants)",
            "(cant|couldnt|cnt) (hold|control) (my|his|her)? (number (2s|twos|2|two|ones|1s))",
            "(@_cant|cant|couldnt) (hold|control) (@_my)? (bowels|bowel|bladder|pee|poo|wee|urine|stools)",
            "(@_cant|cant|couldnt) control when (i|he|she) (need|needs|has|have) to (go|open|pee|poo|wee)",
            "(opened|open|opening) (my|his|her) bowels (without|and didnt|on (my|his|her) own)",
            "(passed|pass|passing|done|did) (motion|motions|stool|stools|poo|pee|urine) (in|on) (my|his"
            "|her)? (pant|pants|bed|clothes|trousers|sheets|underwear)",
            "(poo|pee|piss|shit|crap|poop|wee) (myself|himself|herself|meself|masel)",
            "(i|he|she) (have|has|had|ve|just)? (leaked|wet|soiled|peed|pooed) (myself|twice|again|a bit|without"
            "|on the)",
            "(cant|couldnt|cannot) stop (my|his|her)? (bowels|bladder|pee|poo|wee|urine|it coming)",
            "(accident|accidents) in (my|his|her|ma) (pants|trousers|knickers|underwear|undies|bed|sleep|jeans)",
            "(had to|have to|having to) (wear|use) (a)? (pad|pads|nappy|nappies|incontinence pad)",
            "(didnt|did not|never) (know|realise|realize|notice|feel) (i had|i d|id|that i had|i was) (been|gone"
            "|wet|peed|pooed|soiled)",
            "(bowels|bowel) (just)? (opened|open|went|gone|let go) (on (their|its) own|without (me|warning)"
            "|by (themselves|itself))",
            "(wetting|wet|peeing|pooing|soiling) (myself|himself|herself|the bed|my pants|his pants|her pants)",
        ),
        net=True,
    ),
    "retention": Concept(
        "event",
        (
            "(@_cant|@_struggle) (to)? (start|get|go|properly|even|really)? (@_pee)",
            "(@_cant|@_struggle) (to)? (go|get) (to)? (for)? (a)? (pee|wee|slash)",
            "(havent|hasnt|not|didnt|cant|have not|has not|hvnt|havnt) (been able to)? (peed|pee|weed|wee|urinated"
            "|urinate|passed urine|passed water|pass urine|pass water|been for a pee|been for a wee|had a pee"
            "|had a wee|gone for a pee|had a slash) (since|for|all|in|today|yet|at all|properly|in ages)",
            "(pee|wee|urine|nothing|pipi|it|water) (just)? (wont|doesnt|didnt|cant|is not|isnt|not|wouldnt|will not|nah|nuh|nah a)"
            " (come|coming|start|flow|flowing|come out)",
            "nothing (comes|came|will come|is coming|coming|come|came out|happens|happened) (out)?",
            "nothin (comes|came|coming|come)",
            "(only|barely|just) (a|some)? (dribble|dribbles|trickle|drop|few drops|drops|tiny bit|little bit)"
            " (comes|came|of pee|of wee)?",
            "(barely|hardly) (anything|any|anythin) (comes|came|coming) (out)?",
            "it (barely|hardly) (comes|came) out",
            "(need|needing|want|wanting|urge|gotta|have to|desperate|dying|bursting) (to)? (@_pee|go) (so bad|really"
            " bad|badly)? but (i)? (cant|couldnt|nothing|it wont|it doesnt|cnt)",
            "(wont|doesnt|didnt|wouldnt) let me (pee|wee|urinate|go|empty)",
            "(weak|slow|poor|feeble) (pee|wee|urine)? (stream|flow)|urinary retention|retention",
            "(trying|tried|try|tries|straining|strained|pushing|pushed) ~ (to)? (@_pee|go) ~ (nothing|no luck"
            "|wont come|cant|not coming)",
            "(sat|sitting|been|was) on the (toilet|loo|dunny) ~ (nothing|and nothing|for ages)",
            "bladder (feels|is|s)? (so)? full (but|and) (nothing|i cant|it wont|cant)",
            "(pee|wee) (takes|taking|took) (forever|ages|a long time|so long)",
            "(@_pee|urine) (is|s)? (not coming|stuck|blocked)",
            "(urine|pee|wee|water) (is|s)? not (passing|coming|going|flowing)|not passing (urine|water)",
            "(@_cant) (do|go|have) (a)? (@_pee|wee wee|number one)",
            "(takes|taking|took) (me)? (forever|ages|a long time|so long) (to)? (get started|start|get going"
            "|go) (peeing|to pee|to wee)?",
            "(stops|stopping|cuts off) (halfway|half way|and starts|mid stream)|stop start|stops and starts",
            "(bladder|it) (is|s|feels)? (stuck|blocked)|no (urine|pee|wee) (since|for|all|today)|(need|needing"
            "|have|got) to (go|pee|wee) but (cant|nothing|it wont)",
            "(nothing|not a drop|not a thing) (is)? (happening|coming out)|(cant|couldnt) (get|make) (it|the pee"
            "|myself) (to)? (start|come|go)",
            "(havent|hasnt|not|didnt|couldnt|cant|have not|has not|hvnt|havnt|never) (managed|been able|able) to (@_pee|go)",
            "(@_cant) (pea|pees)|(@_cant) (push|force|squeeze|get) (the|my|any)? (@_pee|it) out",
            "(waterworks|bladder|plumbing) (have|has|s|are|is)? (stopped|packed up|packed in|given up|quit|shut down"
            "|stopped working|not working|seized up|blocked up|nah work|nuh work|nah working|wont work|dont work)",
            "nothing (a|is|nah)? (come|coming|comin) (out)? (from|since|all)",
            "not a (drop|drip|dribble) (since|all|for|today|this|in)",
        ),
        net=True,
    ),
    "trying_to_pee": Concept(
        "symptom",
        (
            "(trying|tried|try|tries|tryin|straining|strained|pushing|pushed|sat|sitting|been) (~)? (to)? (@_pee|go)",
            "(went|go|going|gone|been|goes|keep going) to the (toilet|loo|bathroom|lav|lavatory|restroom|dunny)",
            "(need|needing|want|wanting|urge|got to|have to|desperate|dying|bursting) (to)? (@_pee)|(desperate|bursting|dying) (to)? go",
            "(bladder|it) (feels|is|s)? (so|really|very)? full",
        ),
    ),
    "no_result": Concept(
        "qualifier",
        (
            "cant|couldnt|cnt|nothing|nothin|no luck|wont come|wont|not coming|doesnt come|didnt come|still nothing"
            "|barely|only a dribble|only drops|it wont|nothing happens|nothing happened|no go|not a drop|zilch|zip"
            "|(just|they|it|legs)? (gave up|gave way|gave out|buckled|collapsed|folded)",
        ),
    ),
    "control_loss": Concept(
        "symptom",
        (
            "(lost|losing|lose|no) (the|all|any)? control|control (has)? (gone|went)",
            "(@_cant|cant|couldnt) (hold|control|stop) (it|it in|them)?|leak*|dribbl*|(came|comes|coming) out on (its|their) own",
            "(lost|losing) it|gone twice|(it)? just happening|happening on its own",
        ),
    ),
    "nothing_out": Concept(
        "symptom",
        (
            "nothing (since|for|all) (last night|this morning|yesterday|the morning|lunch|lunchtime|hours|ages|then|#|#time"
            "|breakfast|i got up|i woke up)|since then nothing",
            "(@_cant|cant|couldnt) go (at all|properly)?|nothing (came|comes|coming|happens|happened|will come)|nothin (came|comes)|no luck|still nothing"
            "|and nothing|but nothing|nothing at all",
            "(it|that) (wont|doesnt|didnt) (come|start|flow)|barely anything",
            "(wont|doesnt|didnt|cant|will not) (empty|drain)|not emptying|still full after",
        ),
    ),
    "cannot_walk": Concept(
        "event",
        (
            "(legs|knees) (just|keep|keeps|kept)? (fold|folding|folded|buckle|buckling|buckled|collapse|collapsing|collapsed)|had to crawl",
            "(my|his|her|me|both|the)? (legs|pins) (have|has|had|s|just|both)? (gone|went) (from under (me|him|her)|on (me|him|her))?",
            "(legs|knees|pins) (are|is|feel|feels|like)? (cotton|cotton wool|jelly|rubber|spaghetti|noodles) (~)? (fall|fell|falling|collapse|collapsed|cant stand|gave way)",
            "(fall|fell|falling|collapse|collapsed|go down|went down|drop|dropped) (when|as soon as|every time) (i|he|she) (stand|stood|try to stand|get up|got up)",
            "@_cant (to)? (stand|stand up|stnd|walk|wlk|bear weight|take a step|take steps|move my legs|lift my legs"
            "|put (any)? weight on (my|either|both|his|her)? (legs|feet|leg|foot)|get my legs to move"
            "|get (my)? legs to work|use my legs|walk at all|stand at all)",
            "(legs|leg|knees|he|she|i) (just|suddenly|have|had|keep|kept|keeps|then|completely|both)? (just|suddenly|then)? (gave|give"
            "|giving|gives|given) (way|out|up)",
            "(legs|knees) (just|suddenly|have|had|keep|keeps|then|completely)? (just|suddenly|then|completely)? (buckled|collapsed|went from under"
            " me|gone from under me|going from under me|stopped working|wont hold me|wouldnt hold me|wont work"
            "|wouldnt work|dont work|arent working|not working|went)",
            "paralys*|paralyz*",
            "(on|stuck on|lying on) the (~)? floor (and)? (i|he|she)? (cant|couldnt|unable to) get up",
            "collapsed|collapse|keeled over|fell down and cant get up",
            "(couldnt|cant) (walk|stand) (to|into|across|up)",
            "(no fit|cannot|cant|cnt) (waka|walk|stand) (again)?|unable to weight bear|(cant|cannot"
            "|unable to) weight bear|non weight bearing|cannot bear weight",
            "(cant|couldnt|cannot|unable to) (put|get) one foot in front of the other|(cant|couldnt) get up (off"
            "|from) the (floor|ground)|(legs|leg) (wont|will not|wouldnt) (move|hold|carry)"
            "|stuck in bed (and)? (cant|couldnt) move (my)? legs",
        ),
        net=True,
    ),
    "trying_to_walk": Concept(
        "symptom",
        ("(tried|trying|try|tries|tryin) (~)? (to)? (walk|stand|stand up|get up|take a step|move (my|his|her) legs)",),
    ),
    "walk_limited": Concept(
        "event",
        hides=("cannot_walk",),
        phrases=(
            "(can hardly|can barely|hardly|barely|struggl*|hard to|difficult to|difficulty|trouble|problems"
            "|hard time) (to)? (walk|walking|stand|standing|stand up|standing up|get up|getting up|get out of bed"
            "|getting out of bed|bear weight|move my legs)",
            "(cant|couldnt|unable to|not able to) (get up|get out of bed|get off the (sofa|couch|floor))",
            "(cant|couldnt|unable to|not able to) (walk|stand|stand up) (far|very far|for long|long|much|properly"
            "|fast|quickly|straight|upright|up straight|without|as far|more than|too long|for more|very long|normally"
            "|well|the dog|to work|very well)",
            "(walking|standing) (is|has become|s)? (hard|difficult|a struggle|agony|painful|tough)",
        ),
    ),
    "stiff_neck": Concept(
        "event",
        (
            "stiff neck|stiff kneck|neck stiffness|stiffness in (my|the|his|her)? neck|rigid neck|crick in my neck",
            "neck (is|feels|has gone|went|s|has been|got|gone)? (so|really|very|too|quite|bit|a bit|proper|all)?"
            " (stiff|rigid|locked|seized|stiff as a board)",
            "(chin|head) (to|on|onto) (my|his|her)? chest",
            "@_cant (bend|move|turn|touch|lower|nod) (my|his|her)? (neck|head|chin)",
            "neck (wont|doesnt|cant|is not|isnt|not) (bend|bending|move|moving|turn|turning)",
            "(cant|couldnt|cannot) (look|bend) down|(cant|couldnt|cannot) (put|get|touch) (my)? chin (on"
            "|to) (my)? chest|neck (is|s)? (locked|rigid|seized)",
        ),
        net=True,
    ),
    "severe_headache": Concept(
        "event",
        (
            "(severe|bad|terrible|awful|splitting|splittin|pounding|poundin|thumping|blinding|horrible|excruciating"
            "|unbearable|massive|killer|really bad|worst|horrendous|intense|crushing|banging|thunderclap|raging"
            "|strong|stonking|cracking|monster|very bad|so bad|huge|insane|shocking) (~)? (headache|head ache"
            "|head|migraine)",
            "(headache|head ache|head) (is|s|has been)? (@_very|absolutely|literally|bloody|fucking|just)? (severe|terrible|awful|unbearable|so bad|excruciating"
            "|the worst|like never before|worst ever|pounding|poundin|splitting|killing me|exploding|banging"
            "|thumping|throbbing like)",
            "worst headache|headache of my life|head of my life|thunderclap|migraine",
            "(headache|head ache|head) (~)? worse than (any|anything|ever|any other) (~)? (had|felt|known)",
            "not (a|my|your|the) (normal|usual|ordinary|regular) (headache|head ache)",
            "head (like)? (never before|its going to explode|about to explode)|head is killing me",
            "(head|heads) (is|s)? (hurting|hurtin|pounding|banging|throbbing|aching|killing) (~)? (bad bad|so bad|real bad|really bad|terrible|the worst|worst ever)",
        ),
        net=True,
    ),
    "headache": Concept(
        "symptom", ("headache|headaches|head ache|head aches|sore head|migraine|(@_very)? (sore|achy) head",)
    ),
    "photophobia": Concept(
        "event",
        (
            "(bright)? (light|lights|sunlight) (hurts|hurting|bothers|bothering|is hurting|kills|killing) (my|his"
            "|her)? (eyes|eye|head)",
            "@_cant (look at|stand|bear|handle|take) (the|any)? (light|lights|brightness|sunlight)",
            "(sensitive|sensitivity) to light|light sensitive|photophobia|hurts (my eyes)? to look at (the)? light",
        ),
    ),
    "confusion": Concept(
        "event",
        (
            "confused|confusion|muddled|muddle headed|muddleheaded|disorientated|disoriented|delirious|befuddled"
            "|dazed|doolally|away with the fairies|all over the shop in (me|my) head|mixed up|jumbled|scrambled",
            "(feel|feeling|feels|am|is|im|i m|get|getting) (so|all|well|real)? confuse",
            "(cant|cannot|couldnt|doesnt|dont|cyaan) (remember|recall|know|tell) (where|weh|what|wha|who|which) (~)? (i am|he is|she is|my deh|i was|day it is|day|year)",
            "(talking|talks|talked|talk|speaking|speaks|mumbling|saying) (nonsense|gibberish|rubbish|strange|funny|weird|odd"
            "|things that dont make sense)",
            "not (making|makes) (any)? sense|making no sense|doesnt make sense when (he|she) talks",
            "(cant|can hardly|cannot|cnt) think (straight|clearly|properly)?",
            "out of it|not with it|not (herself|himself|themselves)|acting (strange|weird|odd|funny|confused)",
            "(doesnt|dont|didnt|do not|does not|cant) (know|recogni*|remember) (where|who|what day|what year|me"
            "|his own|her own)",
            "(what day it is|where i am|where he is|where she is|who i am|who he is|who she is)",
            "(keep|keeps|kept) (forgetting|losing track|losing my words|getting lost)|losing track|lost track"
            "|forgetting where|got lost (driving|walking|on)",
            "cant find (my|the) words|words (come out|coming out) wrong|slurr*",
            "spaced out|zoned out|away with it|not all there|cant string (words|a sentence|two words) together"
            "|(keeps|keep|been|kept) repeating (myself|himself|herself|themselves)|repeating (himself"
            "|herself) over and over|talking rubbish|gibberish",
            "(isnt|is not|s not|aint|not|arent|wasnt) (making|makes) (any)? sense",
        ),
        net=True,
    ),
    "drowsy": Concept(
        "event",
        (
            "(keeps|keep|kept|keeping) (falling|dropping|nodding) (asleep|off) (in the middle of|mid|while|when) (talking|a sentence|speaking|eating|conversation)",
            "(cant|cannot|couldnt|can hardly|can barely|struggling to|struggle to) (get|keep) (him|her|them|me) (to)? (wake up|awake|woken|to wake)",
            "drowsy|drowsiness|(@_very) sleepy|sleepy all the time|sleepy since|(keep|keeps) dozing|dozing off"
            "|nodding off|(keep|keeps) nodding|keeps falling asleep|keep falling asleep|kept falling asleep",
            "@_cant (stay awake|keep (my|his|her)? eyes open|wake (him|her|them|up))",
            "(hard|difficult|impossible) to wake|wont wake (up)?|wouldnt wake (up)?|barely awake|barely conscious"
            "|cant rouse|hard to rouse|semi conscious|passing out|passed out|unconscious|fainted|fainting",
        ),
        net=True,
    ),
    "chest_pain": Concept(
        "event",
        (
            "chest pain|chest pains|chestpain|heart attack|angina",
            "(elephant|weight|something heavy|a brick) (sitting|sat|standing)? on (my|his|her|the)? chest",
            "clutching (his|her|my|at)? (his|her|my)? chest",
            "chest (feel|feels|feeling|is|s)? like (a|an)? (elephant|something heavy|a brick|a weight|someone) (is)? (sitting|sittin|sat|standing|stood|pressing|kneeling) (on it|on me)",
            "chest (is|s|feels|has been|got)? (so|really|very)? (tight|heavy|crushing|squeezing|painful|sore|hurting"
            "|killing me|pain)",
            "(tight|heavy|painful|sore|crushing|squeezing) chest",
            "(chess|chest) (pain|pains|is|feels|hurts|hurting|tight|tightness)",
            "(elephant|something heavy|a brick) (s|is|has|has been)? (sitting|sat|standing|sitting on|on) (on)?"
            " (my|his|her|the)? (chest)?",
            "weight (s|is|has|has been)? (sitting|sat|standing|pressing|pushing)? (on|down on) (my|his|her|the) chest",
            "(had|having) (a)? heart attack|angina attack|crushing (pain|feeling)",
            "(suspected|silent|massive|having an|had an|an acute|stemi|nstemi) my",  # "an MI": "mi" is read as "my"
            "heart pain|pain in (my|his|her) heart|(pain|ache) (down|in|into) (my|his|her) left arm (and"
            "|with)? (chest)?|chest (is)? (killing|crushing) (me|him|her)",
        ),
        net=True,
    ),
    "breathing": Concept(
        "event",
        (
            "@_cant (to)? (breathe|breath|breathing|catch my breath|get my breath|get (enough)? air)",
            "(@_struggle) (to)? (breathe|breath|breathing|catch my breath|get my breath|get (enough)? air)",
            "short of breath|shortness of breath|breathless|gasping for (air|breath)|out of breath and",
        ),
        net=True,
    ),
    "fever": Concept(
        "event",
        (
            "fever|fevers|feverish|fevery|feverishness|febrile|pyrexi*|hightemp|fevr",
            "(high|raised|raging|sky high|big|huge|slight|mild|low grade|low|bit of a|little|small|bad|roaring"
            "|massive|stinking) (temperature|temp|temps|fever)",
            "(and|plus|with) (a|an)? (temperature|temp|fever)",
            "(have|has|had|got|running|run|runs|with|spiking|spiked|developed|getting|get|gotten|running a)"
            " (a|an)? (high|slight|bit of a|bit of|little|small|low grade|mild|raised|bad|raging|huge)?"
            " (temperature|temp)",
            "(temperature|temp) (is|s|was|has been|keeps|going)? (high|up|raised|spiking|going up|through the roof"
            "|sky high|rising|climbing)",
            "chills|chilly and shaking|rigors|rigor|shivers|shivering|shivery|shiver|shivered|the shakes"
            "|shaking all over|shaking uncontrollably|(shaking|shakin|trembling|shaky) like a leaf|shaking and"
            " (cold|freezing)|freezing and shaking",
            "(cant|couldnt) stop (shaking|shivering|trembling)|teeth (are)? chattering|chattering teeth",
            "hot and cold|hot then cold|cold then hot|hot one minute|cold sweat|cold sweats|night sweats|sweats"
            "|sweating (at night|all night|buckets)|drenched in sweat|burning up|boiling up|roasting and freezing",
            "temperature (and|,|with|plus) (pain|chills|shivers|shaking|sweats|headache|aches|a headache)",
            "(pain|chills|shivers|aches|headache|sweats) (and|,|with|plus) (a)? (temperature|temp)",
            "fevered|hot and shivery|(shaking|shakin|shivering|trembling|shuddering) (with|wi|from) (the)? cold|sweating and shivering"
            "|shivering and sweating|roasting (hot)? and (freezing|shivering)",
        ),
        net=True,
    ),
    "feeling_hot": Concept(
        "event",
        (
            "(i|i am|i feel|i felt|i was|i have been|i keep feeling|i get|i got|he is|she is|he feels|she feels"
            "|feel|feeling|felt) (@_very)? (hot|clammy|flushed|boiling|flushy)",
            "hot all over|(whole body|forehead|skin) (is|feels|felt|s) (@_very)? (hot|boiling)",
            "flu|the flu|flu like|fluey|flu ish|covid|coronavirus|a bug|a virus|viral",
        ),
    ),
    "feeling_cold": Concept(
        "event",
        (
            "(feel|feeling|felt|am|i am|so|really|very) (@_very)? (cold|freezing|frozen|icy)|cant get warm"
            "|cannot get warm|cold all over",
        ),
    ),
    "low_temperature": Concept("event", ("lowtemp",)),
    "flank_pain": Concept(
        "event", ("flank pain|kidney pain|loin pain|side pain|kidney area pain|pain in (my)? kidneys",)
    ),
    "urine_infection": Concept(
        "event",
        (
            "(burn*|sting*|hurts|hurt|hurting|pain|painful|sore|agony|stabbing|scalding) (~)? (when|while|as|after"
            "|to|whenever|every time|if) (i|he|she)? (@_pee|go for a (pee|wee)|go to the (toilet|loo))",
            "(@_pee) (is|that is|feels|has been|looks|keeps|s|smells)? (~)? (burn*|sting*|painful|cloudy|murky"
            "|bloody|pink|red|brown|dark|smelly|smells|foul|strong smelling)",
            "(cloudy|murky|bloody|pink|red|brown|smelly|foul|dark) (pee|urine|wee)",
            "(blood|bloody|bleeding) (~)? (in|when|while) (my|the)? (@_pee)|(peeing|weeing|pissing) blood",
            "uti|utis|urine infection|urinary infection|urinary tract infection|water infection|bladder infection"
            "|kidney infection|kidney infections|kidney stone|kidney stones|cystitis|pyelonephritis",
        ),
    ),
    "urinary_frequency": Concept(
        "event",
        (
            "(peeing|weeing|urinating|going for a (pee|wee)|going to the (toilet|loo)|need to (pee|wee)|needing to"
            " (pee|wee)|have to (pee|wee)|having to (pee|wee)|need a (pee|wee)) ~ (all the time|constantly|a lot"
            "|loads|every hour|every half hour|more often|so often|more than usual|frequently|non stop|nonstop"
            "|every # minutes)",
            "frequent (urination|peeing|weeing|pee|wees)|(peeing|weeing) (so)? (often|much)|urgency",
        ),
    ),
    "rash": Concept(
        "event",
        (
            "rash|rashes|blister|blisters|blistering|blistered|blistery|shingles|hives|welt|welts|mottled",
            "(red|raised|itchy|angry|weepy|crusty|fluid filled|painful|tiny) (~)? (spots|bumps|pimples|blotches"
            "|dots|lumps|patches)",
            "(stripe|band|belt|strip|line|row|cluster|clusters|ring|patch) of (~)? (spots|rash|blisters|bumps"
            "|redness|pimples)",
            "(spots|bumps|blisters|pimples) (~)? in (a)? (line|row|band|stripe|strip|cluster|lines|belt|ring)",
            "spotty (stripe|band|strip|line|patch|bit|rash)",
        ),
    ),
    "skin_sign": Concept(
        "symptom",
        (
            "red|redness|reddening|reddish|swelling|swollen|inflamed|puffy|puffed up|angry|hot to touch|warm to touch"
            "|red patch|red area|red mark|red raw|blotch|blotchy",
        ),
    ),
    "growing": Concept(
        "qualifier",
        (
            "spreading|spreads|spread|getting bigger|got bigger|gotten bigger|grown|growing|growin|bigger|larger"
            "|expanding|creeping|past the line|over the line|beyond the line|more each hour|more every hour|by the hour"
            "|(twice|double|three times|triple) (the|its) size|doubled (in size)?|bigger than (yesterday|this morning|before)"
            "|(gone|going|went|spread|spreading|grown) (past|beyond|over|outside) (the)? (line|pen|mark|edge|circle)",
        ),
    ),
    "red_skin": Concept(
        "event",
        (
            "(red|redness|reddening|swelling|swollen|inflamed|red patch|red area|red mark|hot patch) (~)?"
            " (spreading|spreads|spread|getting bigger|got bigger|gotten bigger|grown|growing|bigger|larger"
            "|expanding|creeping)",
            "red (streak|streaks)|red (line|lines) (spreading|going|running)",
            "(red|hot|swollen|angry) (and|,)? (red|hot|swollen|angry) (and|,)? (red|hot|swollen|angry|to touch)",
            "cellulitis|infected (skin|cut|wound|spot|area|bite|patch)|skin infection|abscess|(a|an) boil",
        ),
    ),
    "swollen_red": Concept("event", ("(red|hot) (and|,)? swollen|swollen (and|,)? (red|hot)",)),
    "dragging": Concept(
        "symptom",
        (
            "drag|drags|dragging|dragged|slap|slaps|slapping|flop|flops|flopping|scuff*|catching|catches|catch"
            "|tripping|trips|clipping",
        ),
    ),
    "foot_drop": Concept(
        "event",
        (
            "foot drop|drop foot|dropfoot",
            "(foot|toes|toe) (is|keeps|has been|has started|started|on|s|keep)? (started|been|on)? (drag*|slap*|flop*|catch* on"
            "|catching|scuff*)",
            "drag* (my)? (left|right)? (foot|leg)",
            "(@_cant|@_struggle) (to)? (lift|raise|pull up|flex|bend up) (@_my)? (foot|toes|ankle|front of my foot)",
            "trip* over my (own)? (foot|toes|feet)|(cant|unable to) walk on my (heels|tiptoes|toes)",
        ),
    ),
    "trauma": Concept(
        "event",
        (
            "fell|fallen|slipped|tripped|stumbled|tumbled|stacked it|took a tumble|came a cropper|wiped out",
            "(arse|ass|head|bum|base) over (tit|tits|heels|elbow|teakettle|apex)|went flying|hit the (deck|ground|floor)"
            "|(went|came|come|go|going) down (hard|heavily|badly|on it|on my back)",
            "(a|an|the|my|bad|nasty|big|hard|heavy|little|small|minor|another|actual|proper|real|serious|horrible)"
            " (actual|proper|real|bad|nasty)? (fall|tumble|spill|stack|crash|prang)",
            "(went|came|fell|tumbled|slid|slipped|rolled|bounced) down (the|some|a few|a|a flight of)? (~)? (steps|stairs|staircase|step|hill|bank)",
            "(hit|struck|whacked|smacked|caught|copped|cracked|got|took|smashed) (me|him|her)? (~)? (in|on|across) the (back|spine|lower back|ribs|side|kidneys)",
            "(ball|football|cricket ball|puck|bat|stick|door|car|bike|branch|brick|box) (hit|struck|smacked|whacked|slammed|knocked|caught) (me|him|her|my|his|her)",
            "(jumped|landed|fell|sat|stood|trod) on (my|his|her) (back|spine)|copped (a|one|it)",
            "(sat|sit|came|landed|dropped) down (really|very|so)? (hard|heavily|awkwardly|badly)",
            "(fall|falling|falls) (down|off|over|from|backwards|onto|on my|on the|out of)",
            "(had|have had|took|has had) a (~)? (fall|tumble|spill|crash|hit|blow|knock|bang|prang|bingle)",
            "(car|road|bike|cycling|motorbike|motorcycle|work|skiing|ski|sports|sport|sporting|traffic|rta|rugby"
            "|football|horse|riding|scooter|bus|train|trampoline|climbing|workplace|quad|ute|truck) (accident|crash"
            "|collision|injury|incident|smash|prang|pileup|bingle|spill)",
            "accident at work|car crash|in a crash|was in an accident|crash|crashed|collision|pile up|pileup",
            "rear ended|shunted|hit from behind|t boned|side swiped|whiplash|knocked off",
            "(came|come|coming|fell|flew|thrown) off (my|the|his|her|a)? (bike|horse|motorbike|scooter|skateboard"
            "|board|ladder|roof|trampoline|quad|wall|chair)",
            "(was|got|been|get|gets|getting|being) (~)? (hit|struck|kicked|punched|tackled|thrown|knocked over"
            "|knocked down|knocked off|knocked out|run over|attacked|assaulted|beaten up|rammed|crushed|kneed"
            "|elbowed|speared|smashed)",
            "(kicked|hit|struck|knocked|knocked over|knocked down|trampled|bitten|rammed|run over) by (a|an|the|my|his|her)",
            "(kicked|hit|struck|knocked|kneed|elbowed|punched|whacked|speared) (me|him|her)? (in|on) the (back|spine"
            "|side|ribs|kidneys|lower back)",
            "(knee|knees|boot|elbow|kick|whack|blow|hit|bang|knock|smack) (in|to|on) (my|the|his|her) (back|spine"
            "|side|ribs|kidneys|lower back|tailbone)",
            "landed (hard|heavily|badly|awkwardly|flat|right)? (on|onto) (my|the|his|her)? (back|bum|butt|bottom"
            "|tailbone|coccyx|side|spine|hip|arse|ass)",
            "blow to (my|the|his|her) (back|spine|head|neck|side)",
            "(hit|banged|smashed|bumped|whacked|cracked) (my|his|her) (head|back|spine|tailbone)",
            "(hit|banged|bumped|knocked|whacked|smacked|caught|cracked|slammed) (it|my back|myself|him|her|his back|her back)"
            " (on|against|into) (the|a|my|his|her)? (~)? (door|car door|car|table|corner|edge|wall|cupboard|shelf|railing"
            "|step|steps|stairs|post|frame|doorframe|bed|ground|floor|bath|radiator|counter|worktop)",
        ),
    ),
    "not_better": Concept(
        "symptom",
        (
            "(not|isnt|hasnt|havent|aint|never|no|nothing|zero|s not|is not) (~)? (better|improv*|eased|easing"
            "|settled|settling|gone away|going away|cleared|clearing|shifted|shifting|change|changed|changing"
            "|difference|progress|relief|budged|budging)",
            "(not|isnt|arent|nothing|nothing is|nothings|none of it) (~)? (helping|helps|helped|works|worked"
            "|working|touching it)",
            "still (the same|no better|not better|bad|hurts|burning|there|going on|sore|painful|same)|same as ever"
            "|no change|no improvement|no better|not improving|not getting better|as bad as ever|stuck|still stuck"
            "|no further forward|not any better|hasnt budged|havent budged|exactly the same|(is|s|been|stayed) the same"
            "|not improved|hasnt improved|like in (the)? beginning|same as (day 1|day one|the start|when i started"
            "|the first day|the beginning|the start of it)"
            "|still (a|at)? #|(been|stayed|stuck) (at)? (a)? # for|hasnt shifted|not shifted|not budging",
        ),
    ),
    "worse": Concept(
        "symptom",
        (
            "(getting|gets|got|gotten|going|keeps getting|keep getting|become|becoming|grown|growing) (~)? worse"
            "|worse and worse|worse every day|worse each day|worse by the day|worse day by day|worse every week",
            "(each|every) day (it is|its|is|gets|it gets|s)? (a little|a bit|slightly|even)? worse|worsening|deteriorat*|going downhill|downhill",
            "(steadily|progressively|gradually) (getting)? worse|more and more (painful|sore|intense|burning"
            "|tingly|numb)",
            "worse than (last week|a week ago|when i started|the day before|at the start|last month|the week before)"
            "|worse over the (last|past) (few)? (days|week|weeks)",
            "worse (again)? (,)? (the|a)? (third|fourth|fifth|sixth|3rd|4th|5th|6th) day (running|in a row)"
            "|worse (~)? (three|four|five|six|#) days (running|in a row)",
        ),
    ),
    "worse_when": Concept(
        "event",
        hides=("worse",),
        phrases=(
            "(getting|gets|got|worse|going|is|s) (worse)? (when|if|whenever|while|after|with|during|as|from|towards"
            "|toward|in bed|lying|sitting|standing|on|by the end|in the evening|in the morning|first thing"
            "|at the end|in (the)? (fall|winter|autumn|summer|cold|heat|damp|rain|evenings|mornings))",
            "(always|usually|often|sometimes) (gets|get|goes|is) worse",
        ),
    ),
    "wakes_at_night": Concept(
        "event",
        (
            "(wakes|woke|waking|wakening|woken|keeps waking|kept waking|keep waking|wakin|keeps wakin) (me|him|her) (up)?"
            "|(waking|wake|woke|wakin) (up)? (in|during) the night|awake at (#time|#|night)|awake (~)? because of (my|the)"
            " (back|pain)|(waking|wake|woke) (~)? because of (my|the) (back|pain)",
            "(worse|bad|worst|awful|terrible) (at night|in the night|overnight|at bedtime|in bed)|sleepless nights"
            "|woke (up)? (~)? (in agony|in pain|with pain|screaming|crying|because of the pain)|night pain|pain at night"
            "|night time pain|(cant|couldnt) sleep (because of|for|with|from) (the)? (pain|burning|ache|aching)",
            "(pain|burning|ache|aching|it) (wakes|woke|keeps waking|kept waking|is waking) me (up)?",
        ),
    ),
    "severe_pain": Concept(
        "qualifier",
        (
            "severe|excruciating|unbearable|agony|agonising|agonizing|intolerable|horrendous|crippling|worst pain"
            "|screaming (in|with) pain|in tears|crying (in|with|from|because of) (the)? pain|cant bear (it|the"
            " pain)|cannot bear|through the roof|off the charts|off the scale",
            "(10|7|8|9|seven|eight|nine|ten) (/|out of|outta|on a scale of) (10|ten)",
            "(pain|it|its|s|is|score|level|rating|about|around|a solid) (is|s|at|of|about|around|like|a|an|maybe"
            "|probably|today|now|rn|has been|was)? (about|around|a|an|like)? (10|7|8|9|seven|eight|nine|ten)"
            " (today|now|rn|tonight|this morning|again)?",
            "(can barely|can hardly|cant|struggl* to|hard to|difficult to) (walk|move|stand|get up|get out of bed"
            "|bend|sit) (~)? (because of|from|with|due to|for) (the)? (pain|agony)",
            "(too|so) painful to (walk|move|stand|sit)",
            "(pain|it|burning|back|ache) (is|s|has been|was)? (so|really|very|that|too|super|soo)? (bad|awful|terrible"
            "|horrible) (that)? (i|it|to)",
            "(can barely|can hardly|cant|couldnt) (get dressed|get myself dressed|dress myself|put my socks on"
            "|tie my shoes|tie my laces|put my shoes on|wash my hair|sit down|sit up|roll over)",
            "(the)? worst (one|pain)? (i have|ive|i ve|i)? ever (had|felt|been)|a bad one|very severe|so severe"
            "|really severe|worst ever",
        ),
    ),
    "weight_loss": Concept(
        "event",
        (
            "(down|lost|losing|lose|dropped|dropping|shed|shedding) (~)? (weight|kilos|kilo|kgs|kg|pounds|lbs|lb|stone"
            "|dress size|dress sizes)",
            "weight ?loss|weightloss|weight (is)? (dropping|falling|going down|falling off)",
            "(clothes|trousers|jeans|belt|rings|ring|pants) (~)? (looser|falling off|hanging off|too big)",
            "(getting|gotten|got|gone|looking) (@_very)? (thin|skinny|gaunt|bony)|skin and bone",
            "(clothes|trousers|jeans|belt|pants) (~)? (falling|fallin) off (me|him|her)",
        ),
    ),
    "dieting": Concept(
        "event",
        (
            "diet*|on purpose|trying to lose|intentional*|slimming|weight watchers|calorie*|fasting|ozempic|wegovy"
            "|mounjaro|semaglutide|tirzepatide|gym|working out|been trying|was trying|am trying|keto",
        ),
    ),
    "lump": Concept(
        "event",
        (
            "lump|lumps|lumpy bit|new lump",
            "swelling (on|in|over|along) (my|the)? (spine|backbone|vertebra*|tailbone)",
            "(hard|new|strange|weird|odd|big|small)? (bump|growth|mass|knob|bulge) (thing|bit)? (on|in|near|by|over|along"
            "|at|sticking out of) (my|the)? (~)? (spine|back|vertebra|vertebrae|backbone|tailbone)",
            "(spine|back|backbone) (~)? (shape|crooked|curved|curving|hunched|sticking out|sticks out|deformed"
            "|deformity|out of line|not straight|changed shape|bent)|(shape|curve) of my (back|spine)",
            "(getting|becoming|more|look|looks|looking) (~)? (hunched|stooped|bent over|crooked)|hump|new bulge",
        ),
    ),
    "cancer": Concept(
        "event",
        (
            "cancer|cancers|tumour|tumor|tumours|tumors|chemo|chemotherapy|radiotherapy|radiation therapy"
            "|radiation treatment|oncolog*|metasta*|leukaemia|leukemia|lymphoma|myeloma|melanoma|sarcoma"
            "|carcinoma|malignan*|in remission|mastectomy|the big c",
        ),
    ),
    "heat": Concept(
        "place",
        (
            "heat|heating|heat pad|heat pads|heating pad|heating pads|heat pack|heat packs|heat wrap|heat wraps"
            "|heat patch|heat patches|heat lamp|heat therapy|hot water bottle|hot water bottles|hot pack|hot packs"
            "|hot bath|hot baths|hot shower|hot showers|warm bath|warm baths|hot compress|warm compress|sauna"
            "|saunas|electric blanket|wheat bag|wheat bags|the pad|infrared|deep heat|warmth|hottie|heatpad",
        ),
    ),
    "made_worse": Concept(
        "symptom",
        (
            "(makes|make|making|made|aggravates|aggravating|aggravated|irritates|irritating|flares|flared|inflames"
            "|worsens|worsened|sets|set|setting) (~)? (worse|flare|flare up|off|hurt more|burn more|sorer)",
            "(worse|flares up|flared up|burns more|hurts more|sorer) (~)? (with|from|after|when i use|whenever i"
            " use|after using)",
            "worse|worse afterwards|worse after|hurts more|hurting more|hurt more|flare*|flared (it|the|my)? (~)? up"
            "|goes up|went up|go up|burns more|burning more|sorer|more sore|more pain|aggravat*|irritat*|set off"
            "|sets off|worse again|pain up|tingling up|(=|equals) worse|no good|doesnt agree|disagrees",
        ),
    ),
    "again": Concept(
        "qualifier",
        (
            "again|every time|everytime|evry time|each time|every single time|evry single time|every day|repeatedly"
            "|twice|always|(#|three|four|five|six) (times|days) (in a row|running|straight)?|as usual|yet again|keeps"
            "|keep|each and every|(third|fourth|fifth|sixth|3rd|4th|5th|second|2nd) (time|day|night)|# x|loads"
            "|all week|every night|in a row|each night|so far|whenever|every time i|anytime",
        ),
    ),
    "new_symptom": Concept(
        "qualifier",
        (
            "new|brand new|thats new|that is new|is new|newly|never had (it|this|that|anything like it)? before"
            "|first time|never (i|he|she)? (had|felt) (it|this|that)?|not normal for (me|him|her)|out of character",
            "(isnt|is not|not|s not|aint) (normal|usual|like) (for)? (me|him|her|them)|not (my|his|her) usual"
            "|never (done|happened|been|had|felt) (that|this|it|like this|like that)? before",
        ),
    ),
    "counted": Concept(
        "qualifier",
        hides=("severe_pain",),
        phrases=(
            "(#|seven|eight|nine|ten) (years|year|months|weeks|days|hours|minutes|mins|times|kg|kilos|glasses|am|pm"
            "|oclock|stone|pounds|lbs|hrs|sessions|reps|miles|km|k|steps|cups)|day (#|seven|eight|nine|ten)"
            "|(#|seven|eight|nine|ten) (of|out of) (my|the|them|these)",
        ),
    ),
    "not_new": Concept(
        "qualifier", ("nothing new|not new|no new|nothing is new|nothing s new",), hides=("new_symptom",)
    ),
    "chronic": Concept(
        "qualifier",
        (
            "as usual|same as (always|usual|before|ever)|(always|usually) (have|had|get|do)|(for|since) (years|ages)"
            "|(my|the) usual (pain|ache|aches|back|backache|thing|sciatica|flare|flareup|burning|tingling|numbness|symptoms|stiffness|niggle|self|one|twinge)|nothing new|not new|old injury|like always|normal for me|every day for (years|months)"
            "|(#|two|three|four|five|many|several) years|on and off for|for years|sciatica|dementia|alzheimers"
            "|parkinsons|ms|multiple sclerosis|neuropathy|diabetic|nothing new|since my disc|since then",
        ),
    ),
    # ---- harmless look-alikes: a match inside one of these does not count -------------------
    "look_alike": Concept(
        "event",
        hides=("*",),
        phrases=(
            "(numbness|tingling|tingles|pain|feeling|burning|ache|aching|weakness|heaviness|cramp) (in|of|down) (my|his|her"
            "|the|both)? (legs|leg) (has|have|s|is|had)? (gone|went) (now|away|completely)?",
            "(fell|fall|falling|falls) (back)? (asleep|for|in love|behind|apart|through|ill|sick|pregnant|short"
            "|silent|out with|into a routine)",
            "(nearly|almost) (fell|fall|fallen|slipped|tripped)|slipped (a)? (disc|disk|discs|disks)|slipped my mind"
            "|tripped (out|the switch)",
            "(the|this|last|next|in|early|late) fall|fall (leaves|colours|colors|season|weather|semester|term)|autumn",
            "(hay|cabin|spring|football|election|world cup) fever|fever (pitch|dream)|saturday night fever",
            "shingles (vaccine|vaccination|jab|shot|injection|vax)|(flu|covid) (jab|shot|vaccine|vaccination)",
            "(ice|ice pack|icepack|cold pack|frozen peas|the cold|ice pad) (pack)? (~)? (numbs|numbed|numbing|made"
            " (it|the area|my back) numb|makes (it|the area|my back) numb)",
            "numb (~)? (from|after|with) (the)? (ice|cold|ice pack|cold pack|frozen peas|icepack)|(numb|numbs) (the|my)"
            " pain|numbing (cream|gel|spray|patch|effect)",
            "confused (about|by|with|as to|whether|if|which|how|why|on) (the|my|your|this|these|which|how|when"
            "|what to|whether|if|it|all)",
            "(drowsy|sleepy) (from|after|because of|on) (the|my)? (tablets|pills|painkillers|meds|medication"
            "|medicine|codeine|amitriptyline|gabapentin|pregabalin|tramadol|antihistamine|antihistamines|lunch"
            "|bath|hot bath|warm bath)",
            "lump in (my|the) throat|lump sum",
            "(clothes|trousers|jeans|pants|belt|hair) (~)? (falling|fall|fell) (off|out|down)",
            "(back|spine|skin|shoulders|shoulder blades|neck|side|area|patch) (~)? burning up",
            "hot and cold (packs|pack|therapy|compress*|treatment|water|showers|shower|contrast)|(alternat*"
            "|switching|swapping|contrast) (~)? (between)? hot and cold",
            "(shiver|shivers|chill|chills) (down|up) (my)? (spine|back)|chill out|chilled out|chilling",
            "dead (tired|set|serious|easy|good|nice|handy|right)|weak (point|spot|link|tea|coffee)",
            "(heart|chest) (rate|monitor|of gold|felt|warming)|heart (is|s) in|warms my heart|broke my heart",
            "(fell|fall|slipped|tripped) (~)? (asleep|for it)|knee (deep|jerk)",
            "no control over (my|the) (schedule|diary|hours|shifts|work)|control (freak|panel|the pain)",
            "pain in the (neck|bum|butt|arse|ass)|wear and tear|tear up|tears up|in tears|tear jerker",
            "(the)? bottom of (my|the|his|her|me) (back|spine|stairs|garden|bed|ribs)|balls of (my|the|his|her) (feet|foot)",
            "(baby|babies|cat|dog|puppy|kids|kid|noise|alarm|husband|wife|partner|neighbours|neighbors|storm|phone|son"
            "|daughter|toddler|twins|snoring|bin men|party) (~)? (woke|wakes|waking|kept|keeps|keeping) (me|us) (up)?",
            "(cant|couldnt|can not|cannot) stand (the|it|that|this|him|her|them|sitting|being|waiting|lying|doing|how"
            "|when|people|standing|watching|the taste|the smell|the heat|the cold|anything)",
            "(cant|couldnt|can not|cannot) stand (my|his|her|our|your) (chair|office chair|desk|job|boss|work|office"
            "|commute|husband|wife|partner|neighbours|neighbors|colleague|colleagues|manager|mattress|bed|pillow|car)",
            "chest (of drawers|freezer|of treasure)|(treasure|tool|toy|blanket|ice) chest",
            "rash (decision|decisions|of|move|thing|choice|promise|purchase)|blister (pack|packs|packet|packaging)",
            "(cant|cannot|couldnt) (pee|wee|poo|go to the toilet|go to the loo) in peace",
            "confused (the|my|his|her|a|an|them|it|him|me) (~)? (with|for)",
            "(keep|kept|keeps|keeping) forgetting (to|about|my|the)|forgot (to|about) (do|my|the)",
            "(minutes|mins|min|hour|while) (of|with|under) (the)? (ice|ice pack|icepack|cold pack|frozen peas|ice bag"
            "|cold compress) (~)? (numb|numbness|tingly|tingling|dead)",
            "(went|gone|goes|fell|go) to sleep (because|from|after|when|while|sitting|sat|kneeling|lying|crossed|on)"
            "|(sitting|sat|kneeling|lying|lay) (on it|on my (leg|foot|feet|arm|hand)|cross legged|crossed legged"
            "|with my legs crossed|on the loo too long|on the toilet too long)",
            "(pain|it|score|number) (~)? (fell|dropped|went down|came down|fall|falls) (from|to)",
            "(gave|give|gives|giving) me (the)? (chills|shivers|creeps)|(chills|goosebumps) (watching|listening)"
            "|in a cold sweat (~)? (watching|about|over|thinking)|(cold sweat|chills) (~)? (watching|over) (the)?"
            " (football|footy|match|game|film|movie|news|final)",
            "hot and cold (~)? (alternat*|thing|method|routine|trick)",
            "(dead|like jelly|jelly|wobbly|weak|heavy|destroyed|wrecked|killing me|sore) (from|after) (leg day|the gym"
            "|squats|running|a run|training|the workout|the hike|my run|the run|football|the match|netball|rugby)",
            "(covid|flu) (booster|jab|shot|vaccine|vaccination|test|negative|season)|covid test",
            "(drawers|shelf|shelves|box|boxes|vase|tree|picture|lamp|cup|glass|phone|book|books|bag|plant|pot|tv"
            "|stuff|things|chest of drawers) (~)? (fell|fall|falls|fallen|tipped) (over|off|down)|it (fell|fall|falls|tipped) (over|off)",
            "(after|from|with) (the)? (ice|ice pack|icepack|cold pack|frozen peas|ice bag|cold compress|ice packs)"
            " (~)? (numb|numbness|tingly|tingling|dead)",
            "cancer (research|charity|shop|fundraiser|run|walk|awareness|uk|council)|macmillan|race for life",
            "(blister|blisters) (on|from) (my|the|his|her)? (heel|heels|toe|toes|foot|feet|hand|hands|finger|fingers"
            "|new boots|shoes|boots|thumb|palm|palms)",
            "(forecast|weather) (~)? (shivery|chilly|cold|freezing)|(shivery|chilly|cold|freezing) (weather|wind|winds"
            "|southerlies|snap|out|outside|front|spell|breeze)",
            "(nearly|almost) (wet|peed|pissed|weed) (myself|himself|herself)|(wet|peed|pissed|weed) (myself|himself"
            "|herself|ourselves) (laughing|with laughter)",
            "(gets|get|always|usually|often|sometimes) (a bit|a little)? (confused|muddled|forgetful|mixed up)"
            "|(feels|feel|felt) nothing like (it|that|this|before)|nothing like (it|that|this)",
            "wee (bit|while|one|ones|lad|lass|hours|dram|drop)",
        ),
    ),
}

BLOCKS = _BLOCKS
