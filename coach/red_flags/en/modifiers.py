"""English ConText modifiers: the words that make a mention negated, past, someone else's,
hypothetical or harmless, and the words that end their reach (Chapman et al., ConText, 2009).

A modifier reaches forward, backward or both, for at most `scope` tokens, and never past a
`terminate` phrase, the end of the sentence, or (for negation) "and", "," or "plus" followed by a
new symptom or body part: "no fever and numbness in both legs" still reports the numbness.
"""

from coach.red_flags.rule import Modifier

_PEOPLE = (
    "mum|mom|mummy|mother|mam|ma|dad|father|daddy|pa|sister|sis|brother|bro|aunt|auntie|aunty|uncle|gran"
    "|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|nan|nana|nanna|nanny|cousin|friend"
    "|mate|colleague|coworker|boss|neighbour|neighbor|son|daughter|husband|wife|partner|boyfriend|girlfriend"
    "|family|parents|grandparents|kid|kids|relative|relatives|in laws|father in law|mother in law|flatmate"
    "|roommate|hubby|missus|fiance|fiancee|stepdad|stepmum|stepmom"
)

MODIFIERS: tuple[Modifier, ...] = (
    # ---- negation -----------------------------------------------------------------------------
    Modifier(
        "negated",
        (
            "no|not|never|without|nor|neither|none|zero|nope|nah|nae|aint|isnt|arent|wasnt|werent|dont|doesnt"
            "|didnt|havent|hasnt|hadnt|wont|wouldnt|shouldnt|nothing|free of|no sign of|no signs of|not any"
            "|denies|deny|no more|not really|not a|no longer",
            "(i|he|she) (dont|doesnt|didnt) (have|get|feel|notice)|(havent|hasnt|hadnt) (got|had|noticed|felt)",
            "ruled out|negative for|no history of|no risk of|nothing like|nothing wrong with",
        ),
        direction="forward",
        scope=8,
    ),
    Modifier(
        "negated",
        (
            "fine|ok|okay|normal|normally|alright|all right|all good|no problem|no problems|no issue|no issues"
            "|not a problem|not an issue|as normal|working fine|working normally|under control|perfect|perfectly"
            " fine|totally fine|good|great|unaffected|not affected|all clear|clear|negative|none",
        ),
        direction="backward",
        scope=6,
    ),
    Modifier(
        "resolved",
        (
            "gone now|went away|gone away|cleared up|resolved|settled down|not any more|not anymore|no more|all gone"
            "|disappeared"
            "|eased off|better now|fine now|back to normal|gone completely|completely gone|wore off|wears off|been gone"
            "|gone for (days|a while|weeks|ages)|sorted|nothing now|none now|not now|all fine now|fine since"
            "|worn off|only lasted|lasted a few|came back fine|went back to normal|stopped now",
        ),
        direction="backward",
        scope=8,
    ),
    # A bare "gone" or "stopped" resolves only where its clause ends: "it's gone.", not "it's gone numb".
    Modifier(
        "resolved",
        ("(has|have|s|is|are|had|its|it s)? (gone|stopped|settled|cleared|passed|eased|faded)",),
        direction="backward",
        scope=8,
        final=True,
    ),
    Modifier("resolved", ("no longer|not any more|not anymore|no more|never again",), direction="forward", scope=6),
    # ---- time -----------------------------------------------------------------------------------
    Modifier(
        "historical",
        (
            "years ago|year ago|months ago|decades ago|long time ago|a long time ago|a while ago|a while back|ages ago"
            "|years back|long ago|way back|back in the day|as a (kid|child|teenager|teen|baby|girl|boy|student)"
            "|when (i|he|she|they|we) (was|were) (about|like|around|only|just)? (young|younger|little|a kid|a child|pregnant|a teenager|in my twenties|at school|a baby"
            "|at uni|a student|#|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|a lad|a lass|a girl|a boy)|in the past|used to|use to|previously|in (my|his|her) (teens|twenties|thirties"
            "|forties|fifties|youth)|in my childhood|childhood|history of|a history of|past history|once before"
            "|once had|had (it|that|this|them) before|last year|the year before|last time|the time i had|the"
            " last time|back in #|in #|before (my|the|his|her) (surgery|operation|op|pregnancy|kids|baby)"
            "|years before|in (his|her) day|(#|two|three|four|five|ten|many|several) years ago|turned out to be"
            "|turned out it was|in the (# s|eighties|nineties|seventies|sixties|noughties)|(in|back in|last) (january|february|march|april|may|june|july|august|september|october"
            "|november|december)|at the start|at first|to start with|initially|originally|in the beginning|that was",
        ),
        direction="both",
        scope=10,
    ),
    Modifier(
        "current",
        (
            "now|today|tonight|right now|currently|at the moment|atm|rn|this (morning|afternoon|evening|week)"
            "|again|these days|since (yesterday|this morning|last night|monday|tuesday|wednesday|thursday|friday"
            "|saturday|sunday|lunch|breakfast|dinner|tea|#|#time|(about|around)? (#|one|two|three|four|five|six|seven"
            "|eight|nine|ten|eleven|twelve) (oclock|this morning|this afternoon)?)|started|its back|is back|back again"
            "|this (pain|chest pain|one|time|burning|feeling|tingling|numbness|ache|episode)|new|newly|still|suddenly|yesterday|last night|this morning|tonight|hours ago|an hour ago|#time"
            "|(#|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) oclock|minutes ago|mins ago",
        ),
    ),
    # ---- someone else's past; someone else now counts as the person's own --------------------------
    Modifier(
        "family",
        (
            f"(my|his|her|our|a|the)? (late|dear|poor|old|elderly|own)? ({_PEOPLE}) (s|has|is)? (was told|were told|was diagnosed with|got diagnosed with|died of|died from"
            "|passed away from|passed away with|suffered from|battled|beat|survived|fought|went through"
            "|lost (his|her|their) (life|battle) to)",
            "runs in (the|my|our|his|her) family|family history|in the family|in my family|hereditary|genetic"
            "|(his|her|their) history of",
        ),
        direction="forward",
        scope=10,
    ),
    # "my mum had bowel cancer" is her past; "my wife's had no feeling since four" is now: a bare
    # "had" about someone else counts as the past only in a sentence that says nothing of now.
    Modifier(
        "family_past",
        (
            f"(my|his|her|our|a|the)? (late|dear|poor|old|elderly|own)? ({_PEOPLE}) (s ({_PEOPLE}))? (had|has had|s had"
            "|used to have|once had|went through)",
            f"({_PEOPLE}) of (mine|ours|his|hers) (had|has had|got)",
        ),
        direction="forward",
        scope=16,
    ),
    # ---- not about now: questions, reading, what others say ----------------------------------------
    Modifier(
        "hypothetical",
        (
            "what if|if (i|you|he|she|my|it|the|they|someone|one|a person|your) (ever|did|do|were to)? (get|gets|got|develop"
            "|develops|start|starts|notice|notices|have|has|had|were|was|lose|lost|cant|couldnt|go|goes|feel|feels"
            "|started|develop)|in case|just in case|should i (worry|go|call|be worried|panic|ring) (if|about|when)"
            "|when should i|when do i|when would i|is it (bad|serious|normal|dangerous|an emergency|urgent) (if|when"
            "|to)|how would i know|how do i know if|how do i tell|would it be|could it be|would that be",
            "sign of|signs of|symptom of|symptoms of|warning sign|warning signs|red flag|red flags|watch for"
            "|watch out for|look out for|keep an eye out for|keep an eye on for|on the lookout for|to look for"
            "|to watch for|things like|such as|for example|eg",
            "i read|i have read|i ve read|read that|read online|read somewhere|read up|reading about|googled"
            "|google says|dr google|the internet says|online it says|it says online|apparently|they say|people say"
            "|heard that|heard about|i heard|have heard|someone said|told me (to watch|to look|about|that if|if)"
            "|said to (watch|look|call|ring|go)|said (if|that if)|warned me|warned (us|him|her)|leaflet|article"
            "|the list|your list|on the nhs|nhs website|nhs site|website|the video|documentary|a forum|on reddit"
            "|tiktok|facebook|instagram|someone (~)? (said|says|told)|(learnt|learned|learning|talked|talking|taught)"
            " (all)? about|(asked|ask|asking|wondering|wonder) (what|how|when|whether|if)|what counts as|counts as"
            "|(checked|checking|tested|testing|screened|screening|scanned|looked) (me|him|her)? for|in (my|a) dream"
            "|i dreamt|i dreamed|dreamt that|nightmare|(google|internet|nhs|website|site|doctor|gp|physio) say"
            "|(page|leaflet|site|website|nhs|article|video|guide|booklet|poster) (says|say|said|tells you|mentions)"
            "|(can|could) (it|this|that|back pain|the pain|my pain|a bad back|burning) be",
            "asked (me|him|her)? (if|whether|about)|wanted to know (if|whether)|asking (if|whether|about)"
            "|worried (i|it|he|she|that) (might|will|could|may|ll)|afraid (i|it|he|she) (might|will|could|may|ll)"
            "|scared (of|that) (getting|i might|it might|it ll|it will)|in theory|hypothetically|imagine"
            "|(would|does|could|can) (that|it|this) (mean|be a sign)|(mean|means) (go|going|call|you should|an emergency"
            "|a and e|ae|er)",
        ),
        direction="forward",
        scope=14,
    ),
    Modifier(
        "hypothetical",
        (
            "(is|are)? (a)? (bad|warning|serious|dangerous|worrying) (sign|signs)|(even)? (mean|means)|is a red flag|are red flags|are the"
            " signs|is an emergency|are emergencies|means (a and e|ae|er|hospital|emergency)|is serious right"
            "|would be bad|would be serious|is something to watch",
        ),
        direction="backward",
        scope=10,
    ),
    # "burning in the back means a heart problem": what something means is no report either.
    Modifier(
        "hypothetical",
        ("(can|could|may|might)? (mean|means|indicate|indicates) (a|an)?|(is|can be|could be) a sign of|linked to",),
        direction="both",
        scope=10,
    ),
    # ---- a harmless cause ---------------------------------------------------------------------------
    Modifier(
        "exertion",
        (
            "(after|from|because of|since|with) (the|my|a|all the|that|this)? (gym|workout|work out|run|running"
            "|jog|jogging|squats|squatting|leg day|training|hike|hiking|long walk|walk|cycling|bike ride|ride"
            "|football|rugby|netball|match|game|marathon|exercise|exercising|gardening|lifting|yoga|pilates|swim"
            "|swimming|stairs|session|spin class|class|climb|dancing|digging|moving house|standing all day|being on"
            " my feet|shift|double shift)|leg day|doms",
        ),
        direction="both",
        scope=8,
        applies_to=("weak", "heavy", "pain", "stiff", "odd", "walk_limited"),
    ),
    # ---- phrases that only look like modifiers ------------------------------------------------------
    Modifier(
        "pseudo",
        (
            "not sure|not certain|no idea|dont know (if|whether|why|what|how)|not just|not only|no wonder|no matter"
            "|not to mention|nothing but|cant remember|cant wait|no doubt|not that i know|not like (me|him|her"
            "|them|usual)|not normal|not right|not herself|not himself|not making sense|never had this|never"
            " been like this|never felt|never had anything like|never like this|not usually|no reason|no warning"
            "|not stopping|wont stop|doesnt stop|didnt stop|cant stop|not going away|wont go away|never goes away"
            "|not good|no good|not great|not ok|not okay|not fine|not alright|not normal for me|no better"
            "|not better|not improving|no improvement|no change|no difference|not helping|isnt helping|not easing"
            "|not sure if|no sign of improvement|not gone|hasnt gone|havent gone|not cleared|never went away"
            "|not settled|not stopped|not passing|hasnt stopped|no fine|like never before|never before|like never"
            "|never happened before|never had that|never had it|never like that|never been like that"
            "|never (i|he|she)? (had|have|felt) (it|this|that) (before)?|never (i|he|she)? (had|have|felt) before",
            "never (done|happened|been|does|did) (that|this|it|like this|like that)? (before)?",
            "(weeks|days|months|week|day|time|hours|a week|a fortnight) (have|has)? (passed|gone by|gone)",
            "(i|you) mean|do you mean|what i mean|mean to say|meaning|i meant",
            "(is|s|was|isnt) (that|it|this) (ok|okay|normal|fine|bad|serious|something|anything|a problem|worrying"
            "|common|good|right)|(isnt|is not|s not|aint|not) (normal|right|like (me|him|her|them)|usual|ok|okay)",
            "(s|has|have|is|had|just|now|suddenly)? (gone|went|going|goes) (all|really|very|completely|totally|so|a bit"
            "|bit|kind of|sort of)? (stiff|numb|weak|dead|tingly|funny|weird|heavy|red|hot|cold|grey|gray|pale|blue"
            "|wobbly|like jelly|to jelly|to sleep|into|down|up|through|from|on|off|out|numbish|rigid|limp|floppy|past"
            "|beyond|over|outside"
            "|dodgy|wonky|haywire|on and off|worse|bad)",
            "(hasnt|has not|havent|have not|not|never|didnt|wont) (worn|wearing|gone|going|eased|easing|faded) (off|away)",
            "(wasnt|was not|werent|were not|never was|never been) like (that|this) (before)?",
            "(hasnt|hadnt|havent|has not|never) (done|had) (that|this|it) since (~)? (tiny|little|small|a baby|a child|a kid|a toddler)",
            "(isnt|is not|wasnt|was not|not|aint|its not) (from|because of|due to|caused by) (that|the ice|the cold|it|this"
            "|the ice pack|the pack|the heat|the pad)",
            "(didnt|dont|did not|do not|doesnt|without|aint|never|not) (even)? (know|notice|noticing|realise|realize|realising"
            "|realizing|feel|feeling|knowing) (it|that|i|what|when|anything|till|until|she|he)?",
        ),
        direction="forward",
        scope=0,
    ),
    # ---- where every scope ends ---------------------------------------------------------------------
    Modifier(
        "terminate",
        (
            "but|however|although|though|tho|except|apart from|aside from|other than|yet|whereas|while|whilst"
            "|because|cos|coz|cause|as|so|then|and then|also|plus|instead|anyway|otherwise|until|till|besides"
            "|only|just|which|that is|thats|and now|now|except for|on the other hand|meanwhile|since then|although"
            "|though|still|even so|actually|really though|what i do have|what i have|i do have|i have got|i ve got"
            "|but now",
        ),
    ),
)
