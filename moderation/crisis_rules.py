"""The crisis detector's rules, as data: moderation/crisis.py compiles them once with the words of
moderation/crisis_lexicon.py.

LEXICON (in crisis_lexicon.py) maps a concept tag to the words that carry it. Words are written as people
spell them; the engine
folds them exactly as it folds what members write (case, å/ä/ö to a/a/o, apostrophes dropped, doubled letters
collapsed), so "dö", "do" and "dööö" are one word, and Snowball-stems them, so unlisted inflections of a
listed word ("tabletterna") find it too. A word prefixed "sv:" or "en:" carries its tag only in a sentence
of that language ("do" is "dö" in Swedish, an auxiliary verb in English); one prefixed "=" is matched as
written, never by its stem ("slagen" must not make "slag" a beating). INFIXES tag any word containing a
piece, for Swedish compounds ("sömntabletter", "självmordsplaner").

RULES are (category, signal, pattern, options). A pattern is a sequence over the tokens of one sentence:

    TAG            a token carrying TAG;  A/B  carrying A or B;  A-C  carrying A but not C
    *  *-C         any token;  any token without C
    ~3  ~3-C       up to three tokens (without C); never a comma or other clause separator
    ~3=A/B         up to three tokens, each carrying A or B
    X?  ( .. | .. )  ( .. )?   optional;  alternatives;  an optional group
    a | b          at the top level: either whole sequence
    [! ... ]       not followed by ...
    ^  $           start of the sentence;  end of the sentence or clause
    @NAME          a macro from MACROS

Options:
- `who`: "self" (the default: the writer speaks of themself; a third-person subject such as "hon", "mamma" or
  "min son", or a reflexive "sig"/"sitt liv", turns the finding into `relative`; "du", "vi" drop it),
  "violence" (someone else acts: a first-person, second-person or impersonal subject drops it, as in
  "jag slog mig" or "det slog mig"), or "any" (no subject check).
- `third`: "drop" instead of turning a third-person match into `relative` (where a relative's version is
  ordinary: "pappa vill inte vara här längre" is about a ward, not about dying).
- `negatable` (default True): a negation just before ("inte", "aldrig", "never", "don't") drops it.
- `conflict`: "drop" when the writer wishes something on someone else ("jag önskar att hon var död").
- `unless`: tags that drop it when anywhere in the sentence (accidents, routine medication, games).
- `needs`: tags of which one must be somewhere in the sentence (a time, a weapon, fear); with
  `needs_in: "text"` anywhere in the text ("Den 14:e. Då ska det vara över. Jag har bestämt mig").
- `plan_if`: tags that, anywhere in the sentence, add a `plan` finding (a time, a decision).

Signals are short Swedish labels moderators read ("vill + dö"); keep them stable, tests name some of them.
"""

from __future__ import annotations

from moderation.crisis_lexicon import LEXICON

# Pieces of compound words: any word containing the piece (after folding) carries the tags.
INFIXES: tuple[tuple[str, str], ...] = (
    ("sjalvmord", "SUICIDE"),
    ("sjalmord", "SUICIDE"),
    ("sjelvmord", "SUICIDE"),
    ("selvmord", "SUICIDE"),
    ("suicid", "SUICIDE"),
    ("sjalvmordstank", "SUISTRONG"),
    ("sjalvmordsforsok", "SUISTRONG"),
    ("sjalvmordsben", "SUISTRONG"),
    ("sjalvmordsplan", "SUISTRONG"),
    ("sjalvmordsrisk", "SUISTRONG"),
    ("suicidal", "SUISTRONG"),
    ("linj", "TOPIC"),
    ("prevent", "TOPIC"),
    ("forebyg", "TOPIC"),
    ("sjalvskad", "SELFHARM"),
    ("selfharm", "SELFHARM"),
    ("tablet", "PILLS"),
    ("piler", "PILLS"),
    ("pilren", "PILLS"),
    ("somnmedel", "PILLS"),
    ("overdos", "OVERDOSE"),
    ("avskedsbrev", "LETTER"),
    ("farvalbrev", "LETTER"),
    ("hejdabrev", "LETTER"),
    ("meningslo", "MEANINGLESS"),
    ("hoplos", "MEANINGLESS"),
    ("livslust", "LUST"),
    ("spel", "GAME"),
)

# Function words that tell a Swedish sentence from an English one (for the "sv:"/"en:" words).
SWEDISH_WORDS = (
    "de e o ja mej dej int inge nån nåt va asså typ "
    "jag och att det inte är som på en med har för till av om vill kan ska men så mig vi hon han den var när "
    "bara orkar ett jg ja nån e mamma pappa int inge mej sig min mitt hela allt ingen inget längre mer något "
    "nånting livet leva dö hur vad varför aldrig också nu här där efter sen skulle kunde känner tror vet"
)
ENGLISH_WORDS = (
    "the and to is it that my of you have want not dont cant just he she what was be do this with but am "
    "im ive would will so myself wanna going anymore get feel like mom mum dad all there theres no in living "
    "life point off without if they them his her about been being had has are were when why how really "
    "never no one nobody anyone everyone everything nothing would could should cause because kill die wish"
)

MACROS: dict[str, str] = {
    # "orkar inte", "orkar jag inte", "kan verkligen inte", "(att han) inte orkar", "can't", "cannot".
    "CANT": "( ABLENEG | ABLE ~2-ATT-SEP NEG | NEG ~1=FILLER/P1S ABLE )",
    # "vill inte", "vill jag inte", "(att jag) inte vill", "don't want".
    "NOTWANT": "( WANT ~2-ATT NEG | NEG ~2=FILLER/P1S/THINK WANT | WANT ~2=FILLER SLIPPA )",
    # What makes a following "ta livet av mig" the writer's own act, not "jobbet tar livet av mig".
    "LEAD": "P1S/WANT/WISH/INTEND/THINK/TRY/ATT/TO/ABLE/ABLENEG/DECIDED/PLANW/NEAR/TEMPT/SKULLE/THREAT/SAY",
    # After "leva": where, how or with what one lives ends the signal ("leva på ett boende", "can't live
    # without my coffee"); "leva utan honom" stays one.
    "LIVEOK": "[! PREP-WITHOUT [! ~2=POSS/THIS/IT/FILLER WORLD ] ] [! IDIOMLIVE/ALWAYS ] "
              "[! WITHOUT ~1=POSS/POSS1/FILLER *-KIN-P3OBJ-AMBIGKIN-POSS-POSS1-FILLER ]",
    # Between a verb and its object: a filler, or the subject in Swedish inverted order ("skär jag mig").
    "VO": "~2=FILLER/P1S/P3S/APART",
    # After "dö"/"die": not of laughter or shame, not where or how ("dö hemma", "die at home", "dö i lugn och
    # ro"), not hair ("die my hair": dye).
    "DIEOK": "[! OFAV ~1 IDIOMCAUSE ] [! ~3=PREP/POSS/POSS1/POSS3/REFL3/EGET/FILLER HOME/CALM/PLACE ] "
             "[! POSS/POSS1 ~1 HAIR ]",
    # Quantities that make taking pills an overdose.
    "LOTS": "( ALLQ | CONTAINER | TOO MANY | HANDFUL )",
    "SELFOBJ": "OBJ1/MYSELF/REFL3",
    "SHVERB": "CUT/BURN/HIT/BITE/SCRATCH/BANG/NAILS",
}

Rule = tuple[str, str, str, dict]

TIMED = {"plan_if": ("TIME", "DECIDED", "PLANW")}

RULES: tuple[Rule, ...] = (
    # --- intent: wanting to die, not wanting to live, meaning to kill oneself ---------------------------
    ("intent", "vill + dö",
     "WANT ~3-NEG-P2-P3S-ATT-P3OBJ-KIN-MAY DIE/DEAD @DIEOK "
     "| WANT ~2=COP/FILLER ATT/TO ~1=FILLER/BE DIE/DEAD @DIEOK", TIMED),
    ("intent", "vill inte + leva",
     "@NOTWANT ~2-ATT-IT-P3S-KIN-SEP BE? ( LIVE @LIVEOK | EXIST [! PREP-WITHOUT-TILL ] )",
     {"negatable": False}),
    ("intent", "orkar inte + leva",
     "@CANT ~2=FILLER/P1S/P3S/ANYMORE/CONTINUE/ATT/TO/AV/OFAV BE? "
     "( LIVE @LIVEOK | EXIST [! PREP-WITHOUT-TILL ] ) "
     "[! POSS1/POSS ~2 LIFE ] "
     "| ( HOW ~2 LONG/ANYMORE | KNOW ~1=NEG IF ) ~3-SEP ABLE ~2=FILLER/CONTINUE LIVE @LIVEOK "
     "| @CANT ~2=FILLER/CONTINUE LIVE WITH ~2=IT/THIS/POSS1/PAIN/FILLER ANYMORE",
     {"negatable": False}),
    ("intent", "orkar inte + livet",
     "@CANT ~3=ANYMORE/FILLER/WITH/AV/OFAV/POSS1/SJALV/DOIT LIFE [! *-SEP-CONJ-ANYMORE-FILLER-TIME ]",
     {"negatable": False}),
    ("intent", "ingen lust att leva",
     "NEGQ/NEG ~2=FILLER/ANYMORE LUST ~2=ATT/TO/PREP/FILLER LIVE @LIVEOK | NEGQ ~1=FILLER LUST ~1 LEFT",
     {"negatable": False}),
    ("intent", "vill inte + vara kvar",
     "( @NOTWANT | @CANT ) ~2-ATT-IT BE? "
     "( KVAR [! PREP ] | HERE ~1=FILLER ANYMORE | WITH ~1=FILLER ANYMORE )",
     {"negatable": False, "third": "drop", "unless": ("PLACE", "JOBPLACE")}),
    ("intent", "inte finnas kvar",
     "NEG ~2=FILLER/COND/HAVE/BE/INTEND EXIST/LIVE ~1=FILLER/HERE ( KVAR | ANYMORE ) [! PREP ]",
     {"negatable": False, "third": "drop"}),
    ("intent", "inte finnas imorgon",
     "NEG ~2=FILLER/COND/HAVE/BE/INTEND EXIST/LIVE ~1=FILLER/HERE TIME", {"negatable": False}),
    ("intent", "inte finnas kvar",
     "( OBJ1/ENME ) ~2=TO/ATT/FILLER NEG ~2=BE/FILLER LIVE/EXIST", {"negatable": False}),
    ("intent", "vore enklast att inte finnas",
     "COND ~3=FILLER/BETTER/RELIEF/BE/IT ( ATT/TO NEG | NEG TO ) ~1=BE LIVE/EXIST @LIVEOK",
     {"negatable": False, "third": "drop"}),
    ("intent", "can't go on",
     "@CANT ~1=FILLER ( GO/CONTINUE ) ( ON | VIDARE ) "
     "( $ | ANY? ANYMORE | LIKE THIS [! WITH/PREP ] | LIVE | WITH ~1 LIFE )",
     {"negatable": False}),
    ("intent", "lika gärna + dö", "( LIKA GARNA | MIGHT AS WELL ) ~2 DIE/DEAD", {}),
    ("intent", "känner för att dö",
     "FEEL ~2=LIKE/FOR/ATT/TO/FILLER DIE @DIEOK | ( WISH/WANT ) ~2=PREP/FILLER DEATH "
     "| ( DIE | DEATH ) ~3=FILLER/ANYMORE/CONJ/COP TEMPT | TEMPT ~3=ATT/TO/FILLER/OBJ1/ENME DIE @DIEOK",
     {"third": "drop"}),
    ("intent", "önskar + död",
     "WISH ~3-P2-NEG-SEP-MAY P1S? ~3-P2-SEP-MAY "
     "( DEAD | DIED | DIE | NEG ~1 LIVE/EXIST/BORN/WAKE | NEG ~2 BORN | GONE $ )",
     {"negatable": False, "conflict": "drop"}),
    ("intent", "önskar en dödlig sjukdom",
     "WISH ~4-P3S-P2-SEP P1S ~3-P3S-SEP DEADLY/RUNOVER", {"conflict": "drop"}),
    ("intent", "få dö",
     "( WHY ~2 MAY | MAY ~1=FILLER ( OBJ1/ENME/P1S ) | WANT ~2=FILLER MAY "
     "| WISH ~4=ATT/FILLER/P1S/PREP MAY ) "
     "~2=FILLER/NEG/P1S/TO DIE",
     {"negatable": False, "third": "drop"}),
    ("intent", "vill + dö",
     "( WANT/WISH/THINK/READY/TEMPT/PLANW/DECIDED ) ~5-NEG-P2-P3S-P3OBJ-KIN-IT-SEP DIE/DEAD "
     "@DIEOK [! TO ]",
     {"third": "drop"}),
    ("intent", "inte ha något emot att dö",
     "NEG ~3=HAVE/ALLT/FILLER/COND MINDV ~2=ATT/TO/FILLER/BE DIE/DEAD",
     {"negatable": False, "third": "drop"}),
    ("intent", "redo att dö",
     "READY ~2=ATT/TO/FILLER DIE | RATHER ~2=BE/FILLER DIE/DEAD THAN ~3=FILLER/P1S/CONTINUE/TO/ATT LIVE",
     {"third": "drop"}),
    ("intent", "sluta andas",
     "WANT/WISH/SKULLE/ABLE/COND ~6-SEP-NEG STOP ~1=FILLER BREATHE/LIVE/EXIST",
     {"negatable": False, "third": "drop"}),
    ("intent", "döden vore en lättnad",
     "( DEATH | BE DEAD | DIE | NEG ~1 LIVE | STOP ~1 BREATHE/LIVE | IF ~1 P1S ~1 DIED/DIE ~2 ) ~4-SEP "
     "RELIEF "
     "| RELIEF ~4-SEP ( BE ~1=FILLER DEAD | DIE | NEG ~1=FILLER BE? LIVE ~1=ANYMORE | STOP ~1 BREATHE/LIVE "
     "| DEATH )",
     {"negatable": False, "third": "drop", "needs": ("COND", "BE", "THINK")}),
    ("intent", "varför leva",
     "WHY ~4-SEP-NEG ( CONTINUE | INTEND | SKULLE | COND ) ~2=P1S/FILLER/TO LIVE @LIVEOK",
     {"negatable": False, "third": "drop"}),
    ("intent", "somna + aldrig vakna",
     "WANT/WISH/SKULLE ~6-P2-ATT-P3OBJ SLEEP ~3-P2 ( NEG | SLIPPA ) ~1=FILLER/UP WAKE", {"negatable": False}),
    ("intent", "somna + aldrig vakna",
     "( WANT/WISH/SKULLE ~4-P2-P3OBJ ( NEG | SLIPPA ) | NEG ~1 WANT/WISH ) ~2=FILLER/TO/P1S WAKE "
     "~1=UP/FILLER/I_SV ( AGAIN | TIME | ANYMORE | $ )",
     {"negatable": False}),
    ("intent", "somna + aldrig vakna",
     "( WANT/WISH ~3-P2-ATT-P3OBJ | MAY ) SLEEP ~1=FILLER ( IN [! FRONT ] | FOR? ALWAYS ) "
     "| MAY ~3 SLEEP ~3 SLIPPA ~1 WAKE",
     {"third": "drop"}),
    ("intent", "somna + aldrig vakna",
     "WANT/WISH ~3-P2-ATT-P3OBJ SLEEP ~1=FILLER ( IN [! FRONT ] | FOR? ALWAYS )", {}),
    ("intent", "självmordstankar", "SUISTRONG-TOPIC [! TOPIC ]", {}),
    ("intent", "tänker på + självmord",
     "( THINK/WANT/INTEND/PLANW/TRY/BEGA/DECIDED/TEMPT/SAY/NEAR ) ~3-P2-SEP SUICIDE-TOPIC [! TOPIC ] "
     "| POSS1 SUICIDE-TOPIC | SUICIDE-TOPIC ~2 THINK/PLANW/TRY | ^ SUICIDE-TOPIC $",
     TIMED),
    ("intent", "ta livet av mig",
     "( ^ | @LEAD ~3-NEG-SEP-IT ) TA ~1=FILLER LIFE AV OBJ1", TIMED),
    ("intent", "ta livet av sig", "TA ~2=FILLER/P3S/AMBIGKIN LIFE AV REFL3", {}),
    ("intent", "ta mitt liv",
     "( ^ | @LEAD/P3S/KIN ~3-NEG-SEP-IT ) TA ~1=FILLER ( POSS1/REFL3 ~1=EGET | POSS3 EGET ) LIFE [! BACK ] "
     "[! ~2 HANDS ]",
     TIMED),
    ("intent", "ta mig av daga", "TA OBJ1/REFL3 AV DAGA", {}),
    ("intent", "döda mig själv",
     "KILL ~1=FILLER ( MYSELF | OBJ1 SJALV | REFL3 ) | @LEAD ~3-NEG-SEP KILL OBJ1 | KMS", TIMED),
    ("intent", "avsluta mitt liv",
     "END ~1=FILLER POSS1/REFL3/POSS3 ~1=EGET LIFE "
     "| END ~1=FILLER ( IT? ALLT/ALLQ | THINGS ) ( $ | TIME | CONJ | ANYMORE ) "
     "| @LEAD ~3-NEG-SEP END IT ( $ | TIME | ALLQ ) "
     "| GORA SLUT PA ~1=FILLER ( OBJ1 SJALV | POSS1 ~1=EGET LIFE | REFL3 | ALLT $ )",
     TIMED),
    ("intent", "vill att allt ska ta slut",
     "WANT ~3=ATT/TO/IT/FILLER/P1S ALLT/ALLQ ~2=INTEND/TO/FILLER ( TA SLUT | BE? OVER | END )",
     {"third": "drop"}),
    ("intent", "enda utvägen är att dö",
     "ONLY ~1=FILLER WAYOUT ~8-SEP "
     "( DIE | DEAD | NEG ~2=BE/FILLER LIVE/EXIST | TA ~1 LIFE | KILL ~1 MYSELF )",
     {"third": "drop"}),
    ("intent", "bort från livet", "( GONE | GIVEAWAY ) ~1=FILLER FROM ~1=POSS1 LIFE", {}),
    ("intent", "vill försvinna",
     "WANT/WISH ~3-P2-ATT-P3OBJ GONE ( $ | FOR? ALWAYS | PREP ~1 WORLD/ALLT $ )", {}),
    ("intent", "när jag är borta", "WHEN P1S ~1=COP/FILLER GONE $", {"negatable": False}),
    ("intent", "tänker på att dö",
     "THINK ~4-P2-P3S-KIN-NEG-IT DIE @DIEOK", {}),
    ("intent", "sista gången ni hör från mig",
     "( NEG/LAST ) ~4 HEAR ~1=FILLER PREP OBJ1/ENME", {"who": "any"}),
    ("intent", "röster säger åt mig att dö",
     "SAY ~2=PREP/ATT P3OBJ/OBJ1/ENME ~2=ATT/TO/PREP DIE", {"negatable": False}),
    # --- self_harm -------------------------------------------------------------------------------------
    ("self_harm", "skär mig",
     "CUT/BURN @VO @SELFOBJ [! ~1=FILLER ON *-BODY-PURPOSE ] [! ~2=FILLER/TIME WHEN P1S SKULLE/HOLD ]",
     {"unless": ("ACCIDENT",)}),
    ("self_harm", "skär mig",
     "( P1S/STARTED ~3-NEG-SEP | ^ ) CUT ~1=FILLER ( AGAIN | $ )", {"unless": ("ACCIDENT",)}),
    ("self_harm", "skär mig",
     "CUT/BURN/SCRATCH/BITE @VO POSS1/REFL3/POSS3 ~1 BODY", {"unless": ("ACCIDENT",)}),
    ("self_harm", "skadar mig själv",
     "( HURT/STARVE/@SHVERB ) @VO ( OBJ1 SJALV | MYSELF | REFL3 SJALV )", {"unless": ("ACCIDENT",)}),
    ("self_harm", "slår mig tills det blöder",
     "P1S ~2=FILLER @SHVERB @VO OBJ1 ~4-SEP ( INTENSE | PURPOSE ) "
     "| @SHVERB ~2=FILLER/P1S/UP/PREP ( MYSELF | OBJ1 SJALV | POSS1? ~1 BODY | WOUND ) ~4-SEP "
     "( INTENSE | PURPOSE | AGAIN ) "
     "| P1S ~2=FILLER/CONTINUE/ABLE BANG/HIT ~1=POSS1 HEAD ~3 WALL "
     "| ( ^ | *-LIKE-TO-ATT ) BANG/HIT POSS1 HEAD ~3 WALL | WOUND ~6-SEP SJALV | SCRATCH ~1=UP/FILLER WOUND",
     {"unless": ("ACCIDENT",), "third": "drop"}),
    ("self_harm", "vill skada mig",
     "( WANT/WISH/THINK/TEMPT/TRY/STARTED/INTEND/STOP ~3-NEG-SEP ) HURT ~1=FILLER OBJ1 "
     "| HURT ~1=FILLER OBJ1/REFL3 ~2=FILLER ( AGAIN | WITH PURPOSE | ON PURPOSE | MANY/SEVERAL TIMES ) "
     "| ( WANT/WISH/THINK/TEMPT/TRY/THREAT ~3-NEG-SEP ) HURT REFL3 "
     "| HURT ~1=FILLER OBJ1/REFL3 ~1=FILLER FOR ATT "
     "| HURT REFL3 $",
     {"unless": ("ACCIDENT",)}),
    ("self_harm", "göra mig illa",
     "GORA ~1=FILLER OBJ1/REFL3 ~1=SJALV ILLA | GORA ILLA ~1=FILLER OBJ1/REFL3/MYSELF", {}),
    ("self_harm", "självskada", "SELFHARM-TOPIC | SELFW HURT", {}),
    # --- plan: means, places, letters, times -----------------------------------------------------------
    ("plan", "samlat + tabletter",
     "COLLECT ~4-CONJ-TA-NEG PILLS | PILLS ~6-CONJ COLLECT", {"unless": ("COMPLIANCE",)}),
    ("plan", "tagit alla tabletter",
     "TA/SWALLOW ~3-CONJ ALLQ/ALLT ~3-CONJ PILLS/CONTAINER | PILLS ~6-CONJ TA/SWALLOW ~2=FILLER/P3OBJ ALLQ",
     {"unless": ("COMPLIANCE", "ROUTINE", "ACCIDENT"), "third": "drop"}),
    ("plan", "tagit alla tabletter",
     "TA/SWALLOW ~1=FILLER EVERY ~1=FILLER PILLS ~3=P1S/HAVE/FILLER $", {"third": "drop"}),
    ("plan", "tagit 30 tabletter",
     "TA/SWALLOW ~2=FILLER BIGNUM ~1=FILLER PILLS", {"third": "drop", "unless": ("ROUTINE", "COMPLIANCE")}),
    ("plan", "tagit för många tabletter",
     "TA/SWALLOW ~3-CONJ ( CONTAINER | TOO MANY | HANDFUL ) ~3-CONJ PILLS/CONTAINER "
     "| TA/SWALLOW ~2=FILLER/POSS ALLQ? CONTAINER "
     "| TA/SWALLOW ~6 PILLS ~6 ( PURPOSE | PREP ~1=POSS ATONCE | ALCOHOL ) | ALCOHOL ~6 TA/SWALLOW ~4 PILLS "
     "| ALREADY ~2 TA ~2=POSS/POSS1 PILLS | ( WITH/HAVE ) ~2=POSS ALLQ ~1 PILLS [! PREP ~1=POSS COMPLIANCE ]",
     {"unless": ("COMPLIANCE", "ROUTINE", "ACCIDENT")}),
    ("plan", "överdos",
     "( TA/SWALLOW/WANT/INTEND/THINK/TRY/PLANW ) ~3 OVERDOSE | P1S/P3S/KIN ~2=FILLER OVERDOSE",
     {"unless": ("ACCIDENT",)}),
    ("plan", "hoppa från bron",
     "( WANT/WISH/INTEND/THINK/TEMPT/THREAT/PLANW/DECIDED/NEAR/SAY ) ~3-NEG-SEP JUMP ~3 HEIGHT "
     "| HEIGHT ~6 ( WANT/INTEND/THINK/TEMPT/NEAR ) ~2=FILLER/ATT/TO/P1S/PREP JUMP "
     "| ( WANT/INTEND/THREAT/THINK ) ~2=FILLER/TO/ATT JUMP $",
     {}),
    ("plan", "står på bron",
     "( STAND/COP/IM ) ~2=FILLER ON ~2=POSS/FILLER HEIGHT",
     {"needs": ("NOW", "LOOK", "NEG", "JUMP")}),
    ("plan", "står på bron",
     "( GO/STEP ) ~1=OUT/FILLER ON ~2=POSS/FILLER HEIGHT",
     {"needs": ("TIME", "NOW"), "unless": ("ROUTINE",)}),
    ("plan", "kasta mig framför tåget",
     "( THROW/STEP/JUMP ) ~1=FILLER @SELFOBJ ~3 ( FRONT ~2 VEHICLE | RAIL ) "
     "| ( WANT/WISH/INTEND/THINK/TEMPT/THREAT/PLANW/NEAR ) ~3-NEG-SEP ( THROW/STEP/JUMP ) ~3 "
     "( FRONT ~2 VEHICLE | RAIL | INTO ~1 VEHICLE )",
     {}),
    ("plan", "ut på isen", "( GO/STEP ) ~1=OUT/FILLER ON ICE", {"needs": ("TIME", "FIND", "NEG")}),
    ("plan", "ingen hittar mig",
     "NEGQ ~2=FILLER INTEND/COND/SKULLE ~2=FILLER/ATT/TO/HAVE FIND ~1=FILLER OBJ1/ENME",
     {"negatable": False}),
    ("plan", "tabletterna ligger redo",
     "PILLS ~3 READY | READY ~3 PILLS", {"needs": ("TIME", "DECIDED"), "unless": ("COMPLIANCE",)}),
    ("plan", "köra av vägen",
     "( WANT/WISH/INTEND/THINK/TEMPT/THREAT/PLANW ) ~4-NEG-SEP DRIVE ~3 "
     "( AV ~1 ROAD | OFF ~1 ROAD | INTO ~2 OBSTACLE/VEHICLE ) "
     "| DRIVE ~4 ( WITH PURPOSE | ON PURPOSE ) ",
     {}),
    ("plan", "avskedsbrev",
     "LETTER | SUICIDE LETTERW | FAREWELL LETTERW | WRITE ~3 LAST LETTERW ( $ | PREP ~1=POSS FAMILY/KIN ) "
     "| WRITE ~3 LETTERW ~2=PREP/POSS/POSS1 FAMILY [! PREP ]", {}),
    ("plan", "skrivit brev + förberett",
     "WRITE ~3=POSS/POSS1/FILLER/ALLQ LETTERW | LETTERW ~4-SEP WRITE",
     {"needs": ("DECIDED", "READY", "GIVEAWAY", "GONE", "PLANW", "MIND", "TIME")}),
    ("plan", "allt är förberett",
     "( ALLT | EVERYONE ) ~2=COP/FILLER READY | PLANW ~1=FILLER ALLT | READY ~1=WITH ALLT "
     "| P1S/IM ~1=COP/FILLER READY ~1=FILLER/NOW $",
     {"needs": ("DOIT", "LETTERW", "DECIDED", "MIND", "DATE")}),
    ("plan", "bestämt mig",
     "MAKE ~1=UP UP POSS1 MIND | ( DECIDED/CHOOSE ) ~2=POSS DATE $ | HOW ~6-SEP CONJ WHEN $ "
     "| FIND ~3 HEIGHT ~5-SEP ( ENOUGH ~1 HEIGHT | HEIGHT ~1 ENOUGH )",
     {"third": "drop"}),
    ("plan", "bestämt mig",
     "DECIDED ~1=FILLER OBJ1 $ | P1S ~2=FILLER/HAVE DECIDED $",
     {"third": "drop", "needs_in": "text",
      "needs": ("TIME", "DATE", "OVER", "LETTERW", "READY", "GONE", "DIE", "DEATH", "MIND", "LAST")}),
    ("plan", "rep / snara",
     "BUY ~3 ROPE/NOOSE/SNARA ~1=TODAY/TIME ( $ | CONJ ) | TIE ~3 ROPE/NOOSE/SNARA | NOOSE", {}),
    ("plan", "rep / snara",
     "( HAVE/HIDE ) ~3 ROPE/NOOSE", {"needs": ("READY", "TIME", "DECIDED", "HANG"), "third": "drop"}),
    ("plan", "rakblad och tabletter",
     "BLADE ~4 CONJ ~2=POSS/FILLER PILLS | PILLS ~4 CONJ ~2=POSS/FILLER BLADE | ( HIDE/COLLECT ) ~3 BLADE",
     {}),
    ("plan", "gett bort mina saker",
     "GIVE ~1=FILLER GIVEAWAY ~2=POSS1/ALLQ/FILLER THINGS | GIVE ~3=POSS1/ALLQ/FILLER THINGS ~1 GIVEAWAY",
     {"third": "drop"}),
    ("plan", "tillräckligt med tabletter",
     "ENOUGH ~2=PREP/FILLER PILLS/BLADE ~3=ATT/TO/FILLER/FOR DOIT", {"third": "drop"}),
    ("plan", "rep och en plan",
     "( ROPE/NOOSE/PILLS/BLADE/WEAPON ) ~4-SEP CONJ ~2=POSS/FILLER PLANW [! PREP ] "
     "| P1S/IM ~3 PILLS ~2=FILLER READY $",
     {"third": "drop", "unless": ("COMPLIANCE", "ROUTINE")}),
    ("plan", "gå ut i sjön",
     "( INTEND/WANT/THINK/PLANW ) ~3-NEG-SEP GO/STEP ~2=OUT/INTO/FILLER/PREP/POSS WATER",
     {"needs": ("TIME", "NOW", "DECIDED", "ALWAYS"), "unless": ("SWIM",)}),
    ("plan", "hänga mig", "HANG ~1=FILLER @SELFOBJ [! WITH/KVAR ]", {}),
    ("plan", "skjuta mig", "SHOOT ~1=FILLER @SELFOBJ [! ~3 FOOT ]", {}),
    ("plan", "dränka mig", "DROWN ~1=FILLER @SELFOBJ", {}),
    # --- hopelessness and burden ----------------------------------------------------------------------
    ("hopelessness", "bättre utan mig",
     "BETTER ~3-SEP WITHOUT ( OBJ1/ENME [! PREP ] | POSS KIN REL )", {"who": "any"}),
    ("hopelessness", "bättre död", "BETTER ~2=FILLER/OFF/COP DEAD", {}),
    ("hopelessness", "bättre om jag inte fanns",
     "BETTER ~4 IF ~1=FILLER P1S/P3S/KIN ~3-P3S-KIN-MAY ( NEG ~2 LIVE/EXIST/HERE/KVAR/BORN | DEAD | DIED "
     "| DIE | GONE )",
     {"negatable": False}),
    ("hopelessness", "bättre om de sluppit mig",
     "BETTER ~4 IF ~3 SLIPPA ~1 OBJ1/ENME", {"negatable": False, "who": "any"}),
    ("hopelessness", "förtjänar bättre än mig",
     "DESERVE ~3 BETTER ~1 THAN OBJ1/ENME | PULL ~1=FILLER DOWN ~1=FILLER EVERYONE", {"who": "any"}),
    ("hopelessness", "ingen skulle sakna mig",
     "NEGQ ~3-SEP MISS ~1=FILLER OBJ1/ENME | NEG ~1=FILLER MISS ~1=FILLER LIFE "
     "| NEGQ ~3-SEP NOTICE/CARE/MISS ~3 IF ~1 P1S ~3 ( GONE | DIED | DIE | DEAD | NEG ~1 LIVE/EXIST/HERE )",
     {"negatable": False, "who": "any"}),
    ("hopelessness", "ingen mening",
     "NEGQ ~2=FILLER/COP MEANING ~4-SEP-P3S-KIN-ALLT ( LIFE | LIVE | EXIST | GO ON ) [! PREP-WITHOUT ] "
     "| NEGQ ~2=FILLER/COP MEANING ~3=PREP/FILLER/ATT ALLT ~1=FILLER ANYMORE? $ "
     "| NEGQ ~1=FILLER MEANING ~2=FILLER ANYMORE? $ "
     "| MEANING ~3=PREP/ATT/TO/FILLER/BE LIVE @LIVEOK | WHAT ~2 MEANING ~3=FILLER/PREP/ALLT ANYMORE $ "
     "| MEANING ~2=PREP/ATT LIFE ~1=FILLER ANYMORE | LIFE ~2=HAVE/COP/FILLER NEGQ ~1=FILLER MEANING/WORTH "
     "[! WITHOUT ] "
     "| NEGQ ~1=FILLER MATTER ~2=FILLER/NEGQ ANYMORE "
     "| NEGQ ~2=COP/FILLER WORTH ~2=ALLT/IT/FILLER ANYMORE",
     {"negatable": False}),
    ("hopelessness", "livet är meningslöst",
     "( LIFE | ALLT | EXISTENCE ) ~3=COP/FEEL/FILLER/POSS1/IT/LIKE/ATT MEANINGLESS [! ~1=FILLER WHEN ] "
     "| MEANINGLESS ~1=ATT/TO LIVE | MEANINGLESS ~1=FILLER ALLT "
     "| P1S ~2=FILLER/COP FEEL ~2=OBJ1/FILLER/LIKE MEANINGLESS $",
     {"negatable": False}),
    ("hopelessness", "inget kvar för mig",
     "NEGQ ~1=FILLER LEFT ~1=FILLER FOR/PREP OBJ1/ENME", {"negatable": False, "who": "any"}),
    ("hopelessness", "inget att leva för",
     "NEGQ ~2=LEFT/FILLER ( ATT | TO )? LIVE FOR | WHAT ~3=INTEND/SKULLE/P1S/FILLER LIVE FOR",
     {"negatable": False}),
    ("hopelessness", "trött på livet",
     "TIRED ~2=OF/FILLER/COP ( LIFE | ATT? LIVE | BE ~1 LIVE ) [! PREP-WITHOUT ] [! IDIOMLIVE ]", {}),
    ("hopelessness", "inte värt att leva",
     "NEG ~2 WORTH ~2=ATT/TO LIVE | LIFE ~2=COP/FILLER NEG ~1=FILLER WORTH", {"negatable": False}),
    ("hopelessness", "ingen utväg",
     "NEGQ ~1=FILLER EXIT [! ATT/TO ] | NEGQ ~1=FILLER WAY OUT [! PREP ] "
     "| NEGQ ~1=FILLER HOPE ~1=FILLER LEFT/ANYMORE "
     "| P1S ~3-SEP NEGQ ~1=FILLER HOPE $ | SEE ~1=FILLER NEGQ ~1=FILLER FUTURE [! PREP [! OBJ1/ENME ] ] "
     "| NEGQ ~1=FILLER FUTURE ~1=FILLER FOR/PREP OBJ1/ENME "
     "| @CANT ~1=FILLER SEE ~2=ANY/POSS/FILLER WAY ~3 ( OUT | BETTER ) "
     "| GIVE ~1=FILLER UP HOPE ~2=PREP/FILLER ( ALLT | LIFE | OBJ1 ) [! *-SEP-PREP ] "
     "| ^ ( NEGQ | IT ~3=INTEND/COND/FILLER NEG ) ~4=INTEND/COND/FILLER/ATT/TO/BECOME BETTER $",
     {"negatable": False}),
    ("hopelessness", "jag är en börda",
     "( P1S ~2=FILLER COP/FEEL | IM | POSS1 EXISTENCE ~2=COP/FILLER ) ~4-SEP-BEAR-NEG BURDEN "
     "[! ~1=FILLER WHEN ] [! OFAV ] [! ~1=PREP NEGQ ] | P1S COP ~1=FILLER I_SV ROAD",
     {}),
    ("hopelessness", "gett upp livet", "GIVE ~1=FILLER UP ~2=ON/PREP LIFE/ALLT", {}),
    ("hopelessness", "färdig med livet", "DONE ~2=WITH/FILLER LIFE", {}),
    # --- relative: a relative's danger that the writer reports -----------------------------------------
    ("relative", "avskedsbrev från",
     "( LETTER | SUICIDE LETTERW | FAREWELL LETTERW ) ~1=FILLER ( FROM ~1=POSS KIN/P3OBJ "
     "| PREP ~2=POSS/POSS1 GENITIVE )", {"who": "any"}),
    ("relative", "säger hejdå + svarar inte",
     "FAREWELL ~10-SEP ( NEG ~2=FILLER/P3S ANSWER | ANSWER ~2=FILLER/P3S NEG )", {"who": "any"}),
    ("relative", "hittade honom med ett rep",
     "FIND ~2=POSS/POSS1 KIN/P3OBJ ~2 WITH ~2=POSS ROPE/NOOSE/WEAPON", {"who": "any"}),
    ("relative", "har ett vapen + jag är rädd",
     "KIN/P3S ~3 HAVE ~2=POSS/FILLER ROPE/NOOSE/WEAPON",
     {"who": "any", "needs": ("AFRAID", "SAY", "SUICIDE", "END")}),
    # --- violence and fear for one's life: someone else acts ---------------------------------------------
    ("violence", "slår mig",
     "HIT ~1=FILLER/ON/P3S/KIN/DOWN OBJ1/ENME/KIN/P3OBJ/P1PL [! ATT/TO/UP ] [! IT ] [! ~1 ATT/HOW ]",
     {"who": "violence", "unless": ("GAME",)}),
    ("violence", "blir slagen", "BEATEN", {"who": "any"}),
    ("violence", "våldtog mig", "RAPE ~1 OBJ1/ENME", {"who": "violence"}),
    ("violence", "kastade en stol på mig",
     "THROW ~3 ON/PREP OBJ1/ENME | ( THROW/PUSH ) ~1=FILLER OBJ1/ENME ~1=FILLER PREP/AGAINST/DOWN/INTO",
     {"who": "violence"}),
    ("violence", "rädd för min man",
     "FEAR ~2=FILLER FOR/OFAV ~1=POSS1 KIN/P3OBJ "
     "| P3S/KIN ~2=COP/BECOME/FILLER/HAVE VIOLENT [! PREP-AGAINST ] "
     "| VIOLENT ~1 AGAINST OBJ1/ENME/P1PL", {"who": "any"}),
    ("violence", "rädd för mitt liv",
     "AFRAID ~2=FILLER FOR ~1 POSS1 ~1 LIFE/SAFETY", {"who": "any"}),
    ("violence", "rädd att han ska skada mig",
     "AFRAID ~4-SEP P3S/KIN ~3-SEP ( KILL | HIT | HURT | TA LIFE AV | GORA | SHOOT | STAB ) "
     "~2 OBJ1/ENME/P1PL",
     {"who": "any"}),
    ("violence", "hotar att döda mig",
     "( THREAT/SAY/SHOUT ) ~4 ( KILL | HIT | HURT | TA LIFE AV | SHOOT | STAB ) ~2 OBJ1/ENME/P1PL/KIN/P3OBJ "
     "| THREAT ~1=FILLER OBJ1/ENME/P1PL [! ATT/TO ] [! WITH ATT ]",
     {"who": "violence"}),
    ("violence", "försökte strypa mig",
     "TRY ~2 ( KILL | HIT | STAB ) ~1 OBJ1/ENME", {"who": "violence"}),
    ("violence", "gör mig illa", "GORA ~1=FILLER OBJ1 ~1 ILLA", {"who": "violence"}),
    ("violence", "tog mig i halsen",
     "( TA/GRAB/PUSH ) ~1=FILLER OBJ1/ENME ~3=PREP/FILLER/POSS THROAT "
     "| PUSH ~1=UP/FILLER OBJ1/ENME ~1=UP/FILLER AGAINST ~1=POSS WALL",
     {"who": "violence"}),
    ("violence", "vågar inte gå hem",
     "( DARE ~1=FILLER NEG | AFRAID ~1 TO/ATT ) ~2 GO/BE/SLEEP ~1 HOME", {"who": "any", "negatable": False}),
    ("violence", "gömmer mig, han har en kniv",
     "( P1S ~2=FILLER | IM ) HIDE | HIDE ~1=FILLER OBJ1/MYSELF | LOCK ~1=IN/INTO ~1=IN/INTO @SELFOBJ",
     {"who": "any", "needs": ("KNIFE", "ANGRY", "HIT", "THREAT", "AFRAID")}),
    ("violence", "utsatt för våld", "EXPOSED ~2 VIOLENCEN", {"who": "any"}),
)

# Tags that ordinary text is full of: a rule is looked up by one of its rarer tags instead (its anchor), so a
# sentence tries only the few rules whose anchor it contains.
COMMON_TAGS = (
    "P1S P1PL OBJ1 ENME POSS1 POSS P2 P2S P3S P3OBJ KIN REFL3 POSS3 SJALV EGET IT PREP I_SV ATT TO CONJ "
    "SUBORD "
    "FILLER COP BE COND FEEL LIKE SAY SEE HAVE TILL HOW WHEN WHY NOW TODAY WANT WISH MAY INTEND SKULLE THINK "
    "TRY ABLE NEG NEGQ ANYMORE AGAIN UP DOWN GO STEP TA AV PA ON ALLT ALLQ EVERYONE WITH FROM IF FOR OF OFAV "
    "IN INTO THIS LEFT KVAR HERE TIME DOIT GORA KNOW OTHER REL FAMILY LONG ANY OUT WAY DATE GIVE HOME SLEEP"
)

# Tags a long word can be given despite one letter missing, added or changed ("tablettr", "sjävmord"): the
# words that carry a crisis, not function words, and not words whose typos are other words ("båten" is one
# letter from "beaten", "fungerar" from "funderar").
TYPO_TAGS = "SUICIDE SUISTRONG SELFHARM PILLS OVERDOSE LETTER MEANINGLESS BURDEN COLLECT MYSELF SWALLOW NOOSE"
# Tags any word (of four letters or more) can be given despite two letters swapped ("orakr", "lvea",
# "adlrig"): all but function words and a few whose swaps are common words ("blod"/"bold", "from"/"form").
NOT_SWAPPED = (
    "P1S P1PL IM OBJ1 ENME POSS1 P2 P2S P3S P3OBJ AMBIGKIN REL POSS3 POSS IT PREP I_SV ATT TO CONJ SUBORD "
    "COP BE IN ON PA AV OF OFAV FOR IF WITH OUT WAY AS WELL THIS LIKE HAVE TILL ANY UP DOWN CLAUSE GENERIC "
    "TOPIC BIGNUM INTENSE FROM IDIOMLIVE STEP LOCK"
)
SWAP_TAGS = " ".join(sorted(set(LEXICON) - set(NOT_SWAPPED.split())))
