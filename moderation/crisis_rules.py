"""The crisis detector's vocabulary and rules, as data: moderation/crisis.py compiles them once.

LEXICON maps a concept tag to the words that carry it. Words are written as people spell them; the engine
folds them exactly as it folds what members write (case, å/ä/ö to a/a/o, apostrophes dropped, doubled letters
collapsed), so "dö", "do" and "dööö" are one word, and Snowball-stems them, so unlisted inflections of a
listed word ("tabletterna") find it too. A word prefixed "sv:" or "en:" carries its tag only in a sentence
of that language ("do" is "dö" in Swedish, an auxiliary verb in English). INFIXES tag any word containing
a piece, for Swedish compounds ("sömntabletter", "självmordsplaner").

RULES are (category, signal, pattern, options). A pattern is a sequence over the tokens of one sentence:

    TAG            a token carrying TAG;  A/B  carrying A or B;  A-C  carrying A but not C
    *  *-C         any token;  any token without C
    ~3  ~3-C       up to three tokens (without C); never a comma or other clause separator
    ~3=A/B         up to three tokens, each carrying A or B
    X?  ( .. | .. )?   optional;  alternatives
    [! ... ]       not followed by ...
    ^  $           start of the sentence;  end of the sentence or clause
    @NAME          a macro from MACROS

Options: `who` - "self" (the default: the writer speaks of themself; a third-person subject such as "hon",
"mamma" or "min son" turns the finding into `relative`, "du"/"vi" drop it), "violence" (someone else
acts: a first-person or impersonal subject drops it, as in "jag slog mig" or "det slog mig"), or "any".
`negatable` (default True): a negation just before ("inte", "aldrig", "never", "don't") drops the
finding. `unless`: tags that, anywhere in the sentence, drop it (accidents, routine medication). `plan_if`:
tags that, anywhere in the sentence, add a `plan` finding (a time, a decision).

Signals are short Swedish labels moderators read ("vill + dö"); keep them stable, tests name some of them.
"""

from __future__ import annotations

# fmt: off
LEXICON: dict[str, str] = {
    # People. Subject forms decide whose crisis it is; object forms are what an action is done to.
    "P1S": "jag ja jg jagg iag vi en:i en:im en:ive en:id en:we",
    "P1PL": "vi en:we oss us",
    "IM": "en:im",
    "OBJ1": "sv:mig sv:mej sv:mg",
    "ENME": "en:me",
    "MYSELF": "myself mysef",
    "POSS1": "mitt min mina my mine",
    "P2": "du ni dig dej ditt din dina er era en:you en:u en:ya yourself your yourselves",
    "P2S": "du ni en:you en:u en:ya",
    "P3S": "han hon hen de dom en:he en:she en:they hn",
    "P3OBJ": "henne honom dem en:him en:her en:them",
    "KIN": (
        "mamma mamman mammor mor modern morsan morsa mams mamsen pappa pappan far fadern farsan "
        "farsa son sonen söner dotter dottern döttrar barnet barnen bror brodern brorsan brorsa syster "
        "systern syrran syrra make maken mannen fru frun hustru hustrun sambo sambon partner partnern "
        "pojkvän pojkvännen flickvän flickvännen killen tjejen mormor morfar farmor farfar svärmor svärfar "
        "moster faster morbror farbror kusin kusinen vän vännen väninna väninnan kompis kompisen bästis "
        "tonåring tonåringen mom mum mother mommy mummy mama dad daddy father daughter kid child brother "
        "sister husband wife boyfriend girlfriend grandma grandmother granny grandpa grandfather friend "
        "teenager teen fiance fiancee hubby aunt uncle cousin nephew niece stepson stepdaughter"
    ),
    # Nouns that are a relative only after a possessive or article: "min man" is a husband, "man" is "one".
    "AMBIGKIN": "sv:man en:far",
    "REFL3": "sig sej sitt sin sina himself herself themselves themself",
    "POSS3": "hans hennes deras his en:her their",
    "POSS": "min mitt mina din ditt dina hans hennes deras vår vårt våra sin sitt sina my your his en:her our their "
            "en:a sv:en en:the",
    "SJALV": "själv själva självaste myself himself herself themselves themself yourself",
    "EGET": "eget egen egna own",
    "IT": "det den detta denna it this that tanken tanke thought",
    "PREP": "om med sv:me för till åt hos av på från mot efter utan bredvid vid sv:i about with for to at of from "
            "without after by on en:in into",
    "ATT": "sv:att",
    "TO": "en:to",
    "CONJ": "och men sv:o sv:å eller fast and but or",
    "SUBORD": "sv:att om varför när hur eftersom that if why when how because",
    "FILLER": (
        "bara typ liksom ju ändå verkligen helt riktigt egentligen ens heller nog så sv:sa just really even "
        "honestly literally simply only kinda fucking jävla jävligt fan faktiskt nu sv:nt ngt mest also "
        "actually seriously totally completely sometimes ibland ofta often still fortfarande helst gärna"
    ),
    "COP": "är e var vore blir blev am en:m was were is be vara being",
    "BE": "vara be being sv:va",
    "FEEL": "känner känns kändes kände feel feels felt feeling",
    "LIKE": "som like",
    "SAY": "säger sa sade sagt säga says said say tells told pratar pratade pratat prata talks talked talking "
           "talk skriver skrev writes wrote",
    "SEE": "ser see",
    "HEAR": "hör höra hört hear",
    # Wanting, intending, thinking, being unable.
    "WANT": "vill ville velat vilja villa want wants wanted wanna wnt vll",
    "WISH": "önskar önskade önskat önska hoppas hoppades hoppats wish wished wishing hope hoping hoped pray "
            "prays längtar längtade",
    "INTEND": "ska skall sk tänker tänkte planerar planerat planera planerade ämnar kommer en:going gonna gona "
              "en:will intend intending intends",
    "SKULLE": "skulle would",
    "THINK": "tänker tänkt tänkte tänka tankar tanke tankarna funderar funderat funderade fundera funderingar "
             "grubblar grubblat överväger övervägt överväga think thinks thinking thought thoughts considering "
             "considered consider contemplating contemplated drömmer drömt dreaming dream dreams fantiserar "
             "fantasize fantasizing",
    "TRY": "försöka försöker försökte försökt försök try tries tried trying attempt attempted attempting",
    "TEMPT": "frestad frestande lockar lockad tempted urge urges",
    "NEAR": "nära nästan almost close",
    "DECIDED": "bestämt bestämde bestämmer decided",
    "PLANW": "plan planen planer planerna planerat planerar planera planerade plans planning planned",
    "STARTED": "börjat började börja started start starting begun began",
    "STOP": "sluta slutar slutat stop stopping quit bli help",
    "ABLE": "orkar orka orkade orkat orkr okar pallar palla pallade klarar klara klarade kan kunde can could "
            "manage",
    "ABLENEG": "cant cannot couldnt cnt",
    "NEG": "inte int inge ite ej icke aldrig not never dont doesnt didnt wont wouldnt isnt aint nt",
    "NEGQ": "ingen inget inga ingenting ingn nobody noone nothing none en:no",
    "ANYMORE": "längre mer mera anymore longer",
    "ANY": "en:any",
    "AGAIN": "igen again",
    "ALWAYS": "alltid forever evigt gott",
    "EARLY": "tidigt early",
    "UP": "upp up",
    # Death, life, existing.
    "DIE": "sv:dö sv:dör sv:döö die dies dying",
    "DEAD": "död döda dead",
    "DIED": "sv:dog dött died",
    "BORN": "född födds fötts född born",
    "LIVE": "leva lever levt levde live living lived alive levande",
    "EXIST": "finnas finns fanns funnits existera existerar existerat exist exists existing",
    "LIFE": "liv livet life livets",
    "KVAR": "kvar",
    "HERE": "här here around",
    "GONE": "borta gone försvann försvinner försvinna försvunnen disappear disappeared disappearing vanish "
            "vanished",
    "WORLD": "jorden världen world earth",
    "SLEEP": "somna somnar somnade sova sover sleep sleeping asleep",
    "WAKE": "vakna vaknar vaknade väcks wake waking woke wakes",
    "IN": "sv:in",
    "HOME": "hem hemma home hemmet",
    "CALM": "lugn lugnt stilla fridfullt peacefully peace värdigt värdighet dignity",
    "IDIOMCAUSE": "skratt skratta skam pinsamhet tristess tråkighet nyfikenhet längtan värme hunger laughter "
                  "laughing embarrassment boredom curiosity shame heat cuteness",
    "OFAV": "sv:av of",
    # Killing oneself.
    "KILL": "döda dödar dödade dödat kill kills killing killed murder mörda mördar unalive",
    "KMS": "kms",
    "IHJAL": "ihjäl",
    "TA": "ta tar tog tagit tas take takes took taking taken",
    "AV": "sv:av",
    "DAGA": "daga",
    "END": "avsluta avslutar avslutade avslutat end ends ending ended",
    "GORA": "göra gör gjorde gjort",
    "SLUT": "slut",
    "PA": "sv:på",
    "ON": "sv:på en:on",
    "ALLT": "allt allting everything anything något nånting nåt",
    "ALLQ": "alla allihop hela en:all whole entire",
    "THINGS": "things",
    "WITH": "med sv:me with",
    "BACK": "tillbaka back",
    "HANDS": "händer hands",
    "FOOT": "foten foot",
    "HANG": "hänga hänger hängde hängt hang hanging hanged",
    "SHOOT": "skjuta skjuter sköt skjutit shoot shooting",
    "DROWN": "dränka dränker dränkte drown drowning",
    "BEGA": "begå begår begick begått commit commits committed commiting",
    "SUICIDE": "suicide suicides självmord självmordet självmorden",
    "SUISTRONG": "suicidal självmordstankar självmordstanke självmordsförsök självmordsbenägen",
    "SELFW": "en:self",
    "SELFHARM": "självskada självskadar självskadade självskadat självskadebeteende selfharm",
    # Harming oneself.
    "CUT": "skära skär skar skurit skuren rispa rispar rispade rispat karva cut cuts cutting en:slit slice "
           "slicing carve carving",
    "BURN": "bränna bränner brände bränt burn burns burning burned burnt",
    "HURT": "skada skadar skadade skadat hurt hurts hurting harm harms harming harmed injure injuring",
    "ILLA": "illa",
    "STARVE": "svälta svälter svalt starve starving",
    "PURPOSE": "flit avsiktligt medvetet purpose deliberately",
    "BODY": "arm armen armar armarna handled handleden handlederna lår låren sv:ben benen mage magen hud huden "
            "wrist wrists arms thigh thighs legs skin stomach",
    "ACCIDENT": (
        "råkade råka råkat misstag olycka olyckan accident accidentally mistake lagade laga lagar matlagning "
        "köket kök diskade diska disken grönsaker lök löken tomat tomaten bröd brödet papper papperet rakade "
        "raka rakning fingret finger fingrar tummen tumme ramlade ramla ramlar ramlat föll faller trillade trilla "
        "trillat snubblade halkade lyfte lyft lyfta lyfter ryggen rygg cooking kitchen chopping peeling onion "
        "bread shaving shave thumb fell falling fall tripped slipped lifting lifted trädgården garden spisen "
        "stove ugnen oven strykjärn glaset glas sax saxen kastrull kastrullen"
    ),
    # Plans and means.
    "PILLS": (
        "tablett tabletter tabletterna tabletten piller pillren pillret pills pill tablets tablet medicin "
        "mediciner medicinerna medicinen medication medications meds sömnmedel lugnande painkillers opioider "
        "morfin insulin sobril propavan stesolid imovane zopiklon oxascand paracetamol alvedon panodil citodon "
        "tramadol oxycodone oxykodon xanax valium benso bensodiazepiner"
    ),
    "COLLECT": "samla samlar samlat samlade sparat sparar spara sparade hamstra hamstrat hamstrar gömt gömmer "
               "gömde stockpile stockpiled stockpiling saving saved save hoard hoarding hoarded collecting "
               "collected collect",
    "COMPLIANCE": "istället instead glömmer glömt glömde glömmer forgets forgot forgetting spottar dosett "
                  "dosetten apodos",
    "ROUTINE": "varje every dagligen daily morgonen morgnarna frukost frukosten breakfast vanligt usual "
               "ordinerat prescribed",
    "TOO": "sv:för too",
    "MANY": "många many",
    "HANDFUL": "handful bunch näve",
    "CONTAINER": "burk burken karta kartan förpackning förpackningen ask asken flaska flaskan bottle box "
                 "pack packet",
    "SWALLOW": "svälja sväljer svalde svalt swallow swallowed swallowing knapra knaprar knaprade popped",
    "OVERDOSE": "överdos överdosen överdosera överdoserat överdoserade overdose overdosed overdosing en:od",
    "HEIGHT": "bro bron broar bridge bridges taket hustak roof balkong balkongen balcony höghus stup stupet "
              "klippa klippan cliff ledge kanten fönstret window tornet tower",
    "JUMP": "hoppa hoppar hoppade hoppat jump jumps jumped jumping",
    "THROW": "kasta kastar kastade throw throwing threw",
    "STEP": "ställa ställer ställde kliva kliver klev step stepping stepped walk walking lägga lägger lade "
            "lie lay gå går gick",
    "FRONT": "framför front",
    "VEHICLE": "tåg tåget tågen train trains bil bilen lastbil lastbilen truck lorry buss bussen bus car "
               "traffic trafiken tunnelbanan subway",
    "RAIL": "spår spåret spåren rälsen räls tracks track rails",
    "DRIVE": "köra kör körde kört drive driving drove crash krascha kraschar swerve styra",
    "ROAD": "vägen road",
    "OFF": "en:off",
    "INTO": "sv:in sv:i en:in into",
    "OBSTACLE": "träd trädet tree bergvägg bergväggen väggen wall mötande oncoming bropelare räcket",
    "LETTER": "avskedsbrev farvälbrev",
    "LETTERW": "brev brevet letter note lapp lappen",
    "FROM": "från from",
    "FAREWELL": "farväl avsked adjö goodbye farewell",
    "LAST": "sista last",
    "WRITE": "skriva skrivit skrev written wrote write",
    "ROPE": "rep repet rope",
    "NOOSE": "snaran noose",
    "SNARA": "snara",
    "BUY": "köpt köpte köper köpa bought buy buying ordered beställt skaffat",
    "TIE": "knyta knutit knöt tie tied",
    "TIME": "ikväll inatt imorgon imorn tonight tomorrow snart soon kväll natt helgen weekend fredag lördag "
            "söndag måndag tisdag onsdag torsdag friday saturday sunday monday tuesday wednesday thursday",
    # Hopelessness and burden.
    "BETTER": "bättre better lyckligare happier enklare easier lättare",
    "WITHOUT": "utan without",
    "IF": "om if",
    "MISS": "sakna saknar saknade saknat miss missed",
    "NOTICE": "märka märker märkte märkt notice noticed notices",
    "CARE": "bry bryr brydde care cares cared",
    "MEANING": "mening meningen poäng poängen idé ide point purpose reason anledning anledningen syfte sense",
    "MEANINGLESS": "meningslöst meningslös meningslösa pointless meaningless hopeless hopplöst hopplös hopplösa "
                   "futile värdelös värdelöst worthless",
    "WHAT": "vad what whats",
    "FOR": "sv:för for",
    "HOPE": "hopp hoppet hope",
    "EXIT": "utväg utvägen",
    "WAY": "way",
    "OUT": "out",
    "FUTURE": "framtid framtiden future",
    "LEFT": "kvar left",
    "GIVE": "ge ger gett gav give gave given giving",
    "BURDEN": "börda bördan belastning belastningen burden",
    "BEAR": "bär carry carrying bearing bear",
    "TIRED": "trött trötta less sick tired utled",
    "OF": "sv:på of",
    "WORTH": "värt worth",
    "DONE": "done färdig klar",
    "LIKA": "lika",
    "GARNA": "gärna",
    "MIGHT": "might",
    "AS": "en:as",
    "WELL": "well",
    "GO": "gå går gick gått go going goes",
    "VIDARE": "vidare",
    "THIS": "this här",
    # Violence and fear.
    "HIT": (
        "slå slår slog slagit sparka sparkar sparkade sparkat knuffa knuffar knuffade knuffat nyper nöp nypa "
        "biter bita strypa stryper strypte strypt strypgrepp misshandla misshandlar misshandlade misshandlat "
        "en:hit hits hitting beat beats beating kick kicks kicked kicking punch punches punched punching shove "
        "shoved slap slaps slapped choke chokes choked choking strangle strangled strangles örfil örfilar "
        "smäller"
    ),
    "BEATEN": "slagen misshandlad beaten abused battered",
    "RAPE": "våldtog våldtar våldtagit våldta raped rape rapes",
    "THREAT": "hotar hotade hotat hota threaten threatens threatened threatening",
    "AFRAID": "rädd rädda skraj fruktar fruktade afraid scared terrified fear fears feared frightened orolig "
              "oroliga worried",
    "SAFETY": "säkerhet safety",
    "DARE": "vågar vågade dare",
    "GAME": "schack kort spel spelet chess cards game games tennis golf poker sällskapsspel",
    "NER": "ner ned down",
    "KNIFE": "kniv kniven knife pistol pistolen gevär geväret vapen vapnet gun weapon",
    "EXPOSED": "utsatt utsatta victim offer",
    "VIOLENCEN": "våld misshandel violence abuse",
    "HAVE": "ha har hade haft have has had",
    "TILL": "sv:till",
    "HOW": "hur how",
    "LONG": "länge long",
    "OTHER": "annat annan andra else other",
    "PLACE": "säng sängen bed rum rummet room sjukhus sjukhuset hospital hospice boende boendet",
    # After "leva"/"live": how or with whom one lives, not whether ("leva ensam", "live together").
    "IDIOMLIVE": "ensam ensamt tillsammans normalt där sv:som alone together normal normally there up out off",
    "TOPIC": "",
}
# fmt: on

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
    ("meningslo", "MEANINGLESS"),
    ("hoplos", "MEANINGLESS"),
)

# Function words that tell a Swedish sentence from an English one (for the "sv:"/"en:" words).
SWEDISH_WORDS = (
    "jag och att det inte är som på en med har för till av om vill kan ska men så mig vi hon han den var när "
    "bara orkar ett jg ja nån e mamma pappa int inge mej sig min mitt hela allt ingen inget längre mer något "
    "nånting livet leva dö hur vad varför aldrig också nu här där efter sen skulle kunde känner tror vet"
)
ENGLISH_WORDS = (
    "the and to is it that my me of you have want not dont cant just he she what was be do this with but am "
    "im ive would will so myself wanna going anymore get feel like mom mum dad all there theres no in living "
    "life point off without if they them his her about been being had has are were when why how really "
    "never no one nobody anyone everyone everything nothing would could should cause because kill die wish"
)

MACROS: dict[str, str] = {
    # "orkar inte", "orkar jag inte", "kan verkligen inte", "can't", "cannot".
    "CANT": "( ABLENEG | ABLE ~2-ATT-SEP NEG | NEG ~1=FILLER ABLE )",
    # "vill inte", "vill jag inte", "(att jag) inte vill", "don't want".
    "NOTWANT": "( WANT ~2-ATT NEG | NEG ~1=FILLER WANT )",
    # Something that makes a following "ta livet av mig" the writer's own act, not "jobbet tar livet av mig".
    "LEAD": "P1S/WANT/WISH/INTEND/THINK/TRY/ATT/TO/ABLE/ABLENEG/DECIDED/PLANW/NEAR/TEMPT/SKULLE/THREAT/SAY",
}

Rule = tuple[str, str, str, dict]

RULES: tuple[Rule, ...] = (
    # --- intent: wanting to die, not wanting to live, planning to kill oneself -------------------------
    ("intent", "vill + dö",
     "WANT ~3-NEG-P2-P3S-ATT-P3OBJ-KIN DIE/DEAD [! OFAV ~1 IDIOMCAUSE ] "
     "[! ~3=PREP/POSS/POSS1/REFL3/EGET/FILLER HOME/CALM/PLACE ]", {}),
    ("intent", "vill inte + leva",
     "@NOTWANT ~2-ATT-IT-P3S-KIN-SEP BE? ( LIVE [! PREP-WITHOUT ] | EXIST [! PREP-WITHOUT-TILL ] ) "
     "[! IDIOMLIVE/ALWAYS ]",
     {"negatable": False}),
    ("intent", "orkar inte + leva",
     "@CANT ~2-IT-P3S-KIN-HAVE BE? ( LIVE [! PREP-WITHOUT ] | EXIST [! PREP-WITHOUT-TILL ] ) "
     "[! IDIOMLIVE/ALWAYS/POSS1/POSS ] | HOW LONG ~3-SEP ABLE ~1=FILLER LIVE [! PREP-WITHOUT ]",
     {"negatable": False}),
    ("intent", "orkar inte + livet",
     "@CANT ~3=ANYMORE/FILLER/WITH/AV/OFAV/POSS1/SJALV LIFE [! *-SEP-CONJ-ANYMORE-FILLER-TIME ]",
     {"negatable": False}),
    ("intent", "vill inte + vara kvar",
     "( @NOTWANT | @CANT ) ~2-ATT-IT BE? ( KVAR [! PREP ] | HERE ~1=FILLER ANYMORE )",
     {"negatable": False, "third": "drop"}),
    ("intent", "can't go on",
     "@CANT ~1=FILLER GO ( ON | VIDARE ) ( $ | ANY? ANYMORE | LIKE THIS | LIVE | WITH ~1 LIFE )",
     {"negatable": False}),
    ("intent", "lika gärna + dö", "( LIKA GARNA | MIGHT AS WELL ) ~2 DIE/DEAD", {}),
    ("intent", "önskar + död",
     "WISH ~3-P2-NEG-SEP P1S? ~3-P2-SEP ( DEAD | DIED | DIE | NEG ~1 LIVE/EXIST/BORN/WAKE | NEG ~2 BORN "
     "| GONE $ )",
     {"negatable": False, "conflict": "drop"}),
    ("intent", "somna + aldrig vakna",
     "WANT/WISH ~4-P2-ATT-P3OBJ SLEEP ~3-P2 NEG ~1=FILLER/UP WAKE", {"negatable": False}),
    ("intent", "somna + aldrig vakna",
     "( WANT/WISH ~4-P2-P3OBJ NEG | NEG ~1 WANT/WISH ) ~2=FILLER/TO/P1S WAKE ~1=UP/FILLER "
     "( AGAIN | TIME | ANYMORE | $ )",
     {"negatable": False}),
    ("intent", "somna + aldrig vakna",
     "WANT/WISH ~3-P2-ATT-P3OBJ SLEEP ~1=FILLER ( IN [! FRONT ] | FOR? ALWAYS )", {}),
    ("intent", "självmordstankar", "SUISTRONG-TOPIC", {}),
    ("intent", "tänker på + självmord",
     "( THINK/WANT/INTEND/PLANW/TRY/BEGA/DECIDED/TEMPT/SAY/NEAR ) ~3-P2-SEP SUICIDE-TOPIC "
     "| POSS1 SUICIDE-TOPIC | SUICIDE-TOPIC ~2 THINK/PLANW/TRY",
     {"plan_if": ("TIME", "DECIDED", "PLANW")}),
    ("intent", "ta livet av mig",
     "( ^ | @LEAD ~3-NEG-SEP-IT ) TA ~1=FILLER LIFE AV OBJ1", {"plan_if": ("TIME", "DECIDED", "PLANW")}),
    ("intent", "ta livet av sig", "TA ~1=FILLER LIFE AV REFL3", {}),
    ("intent", "ta mitt liv",
     "( ^ | @LEAD/P3S/KIN ~3-NEG-SEP-IT ) TA ~1=FILLER ( POSS1/REFL3 ~1=EGET | POSS3 EGET ) LIFE [! BACK ] "
     "[! ~2 HANDS ]",
     {"plan_if": ("TIME", "DECIDED", "PLANW")}),
    ("intent", "ta mig av daga", "TA OBJ1/REFL3 AV DAGA", {}),
    ("intent", "döda mig själv",
     "KILL ~1=FILLER ( MYSELF | OBJ1 SJALV | REFL3 ) | @LEAD ~3-NEG-SEP KILL OBJ1 | KMS",
     {"plan_if": ("TIME", "DECIDED", "PLANW")}),
    ("intent", "avsluta mitt liv",
     "END ~1=FILLER POSS1/REFL3/POSS3 ~1=EGET LIFE "
     "| END ~1=FILLER ( IT? ALLT | THINGS | ALLQ ) ( $ | TIME | CONJ | ANYMORE ) "
     "| @LEAD ~3-NEG-SEP END IT ( $ | TIME | ALLQ ) "
     "| GORA SLUT PA ~1=FILLER ( OBJ1 SJALV | POSS1 ~1=EGET LIFE | REFL3 | ALLT $ )",
     {"plan_if": ("TIME", "DECIDED", "PLANW")}),
    ("intent", "vill försvinna",
     "WANT/WISH ~3-P2-ATT-P3OBJ GONE ( $ | FOR? ALWAYS | PREP ~1 WORLD/ALLT $ )", {}),
    ("intent", "tänker på att dö",
     "THINK ~3-P2-P3S-KIN-NEG-IT DIE [! OFAV ~1 IDIOMCAUSE ]", {}),
    ("intent", "sista gången ni hör från mig",
     "( NEG/LAST ) ~4 HEAR ~1=FILLER PREP OBJ1/ENME", {}),
    # --- self_harm -------------------------------------------------------------------------------------
    ("self_harm", "skär mig",
     "CUT/BURN ~1=FILLER OBJ1/MYSELF/REFL3 [! ON *-BODY-PURPOSE ]", {"unless": ("ACCIDENT",)}),
    ("self_harm", "skär mig",
     "( P1S/STARTED ~3-NEG-SEP | ^ ) CUT ~1=FILLER ( AGAIN | $ )", {"unless": ("ACCIDENT",)}),
    ("self_harm", "skadar mig själv",
     "HURT/HIT/STARVE/BURN/CUT ~1=FILLER ( OBJ1 SJALV | MYSELF | REFL3 SJALV )", {"unless": ("ACCIDENT",)}),
    ("self_harm", "vill skada mig",
     "( WANT/WISH/THINK/TEMPT/TRY/STARTED/INTEND ~3-NEG-SEP ) HURT ~1=FILLER OBJ1 "
     "| HURT ~1=FILLER OBJ1/REFL3 ~2=FILLER ( AGAIN | WITH PURPOSE | ON PURPOSE ) "
     "| ( WANT/WISH/THINK/TEMPT/TRY/THREAT ~3-NEG-SEP ) HURT REFL3 "
     "| HURT REFL3 $",
     {"unless": ("ACCIDENT",)}),
    ("self_harm", "göra mig illa",
     "GORA ~1=FILLER OBJ1/REFL3 ~1=SJALV ILLA | GORA ILLA ~1=FILLER OBJ1/REFL3/MYSELF", {}),
    ("self_harm", "självskada", "SELFHARM-TOPIC | SELFW HURT", {}),
    # --- plan: means, places, letters, times -----------------------------------------------------------
    ("plan", "samlat + tabletter",
     "COLLECT ~4-CONJ-TA-NEG PILLS | PILLS ~6-CONJ COLLECT", {"unless": ("COMPLIANCE",)}),
    ("plan", "tagit alla tabletter",
     "TA/SWALLOW ~3-CONJ ( ALLQ | CONTAINER | TOO MANY | HANDFUL ) ~3-CONJ PILLS/CONTAINER "
     "| TA/SWALLOW ~2=FILLER/POSS ALLQ? CONTAINER "
     "| PILLS ~6-CONJ TA/SWALLOW ~2=FILLER/P3OBJ ALLQ",
     {"unless": ("COMPLIANCE", "ROUTINE", "ACCIDENT")}),
    ("plan", "överdos",
     "( TA/SWALLOW/WANT/INTEND/THINK/TRY/PLANW ) ~3 OVERDOSE | P1S/P3S/KIN ~2=FILLER OVERDOSE",
     {"unless": ("ACCIDENT",)}),
    ("plan", "hoppa från bron",
     "( WANT/WISH/INTEND/THINK/TEMPT/THREAT/PLANW/DECIDED/NEAR/SAY ) ~3-NEG-SEP JUMP ~3 HEIGHT "
     "| HEIGHT ~6 ( WANT/INTEND/THINK/TEMPT/NEAR ) ~2=FILLER/ATT/TO JUMP",
     {}),
    ("plan", "kasta mig framför tåget",
     "( THROW/STEP/JUMP ) ~1=FILLER OBJ1/MYSELF/REFL3 ~3 ( FRONT ~2 VEHICLE | RAIL ) "
     "| ( WANT/WISH/INTEND/THINK/TEMPT/THREAT/PLANW/NEAR ) ~3-NEG-SEP ( THROW/STEP/JUMP ) ~3 "
     "( FRONT ~2 VEHICLE | RAIL | INTO ~1 VEHICLE )",
     {}),
    ("plan", "köra av vägen",
     "( WANT/WISH/INTEND/THINK/TEMPT/THREAT/PLANW/NEAR ) ~4-NEG-SEP DRIVE ~3 "
     "( AV ~1 ROAD | OFF ~1 ROAD | INTO ~2 OBSTACLE/VEHICLE ) "
     "| DRIVE ~4 ( WITH PURPOSE | ON PURPOSE ) ",
     {}),
    ("plan", "avskedsbrev",
     "LETTER | SUICIDE LETTERW | FAREWELL LETTERW | WRITE ~3 LAST LETTERW "
     "| WRITE ~3 LETTERW ~8-SEP DECIDED | DECIDED ~8-SEP WRITE ~3 LETTERW", {}),
    ("relative", "avskedsbrev från",
     "( LETTER | SUICIDE LETTERW | FAREWELL LETTERW ) ~1=FILLER FROM ~1=POSS KIN/P3OBJ", {"who": "any"}),
    ("plan", "rep / snara",
     "BUY ~3 ROPE/NOOSE/SNARA ( $ | CONJ ) | TIE ~3 ROPE/NOOSE/SNARA | NOOSE", {}),
    ("plan", "hänga mig", "HANG ~1=FILLER OBJ1/MYSELF/REFL3 [! WITH/KVAR ]", {}),
    ("plan", "skjuta mig", "SHOOT ~1=FILLER OBJ1/MYSELF/REFL3 [! ~3 FOOT ]", {}),
    ("plan", "dränka mig", "DROWN ~1=FILLER OBJ1/MYSELF/REFL3", {}),
    # --- hopelessness and burden ----------------------------------------------------------------------
    ("hopelessness", "bättre utan mig", "BETTER ~3-SEP WITHOUT OBJ1/ENME [! PREP ]", {"who": "any"}),
    ("hopelessness", "bättre död", "BETTER ~2=FILLER/OFF/COP DEAD", {}),
    ("hopelessness", "bättre om jag inte fanns",
     "BETTER ~4 IF ~1=FILLER P1S ~3-P3S-KIN ( NEG ~2 LIVE/EXIST/HERE/KVAR/BORN | DEAD | DIED | DIE | GONE )",
     {"negatable": False}),
    ("hopelessness", "ingen skulle sakna mig",
     "NEGQ ~3-SEP MISS ~1=FILLER OBJ1/ENME "
     "| NEGQ ~3-SEP NOTICE/CARE/MISS ~3 IF ~1 P1S ~3 ( GONE | DIED | DIE | DEAD | NEG ~1 LIVE/EXIST/HERE )",
     {"negatable": False, "who": "any"}),
    ("hopelessness", "ingen mening",
     "NEGQ ~2=FILLER/COP MEANING ~4-SEP-P3S-KIN-ALLT ( LIFE | LIVE | EXIST | GO ON ) [! PREP-WITHOUT ] "
     "| NEGQ ~2=FILLER/COP MEANING ~3=PREP/FILLER/ATT ALLT ~1=FILLER ANYMORE? $ "
     "| NEGQ ~1=FILLER MEANING ~2=FILLER ANYMORE? $ "
     "| MEANING ~2=PREP/ATT/TO LIVE [! PREP-WITHOUT ] | WHAT ~2 MEANING ~1=FILLER ANYMORE $ "
     "| MEANING ~2=PREP/ATT LIFE ~1=FILLER ANYMORE",
     {"negatable": False}),
    ("hopelessness", "livet är meningslöst",
     "( LIFE | ALLT ) ~3=COP/FEEL/FILLER/POSS1/IT/LIKE/ATT MEANINGLESS | MEANINGLESS ~1=ATT/TO LIVE "
     "| P1S ~2=FILLER/COP FEEL ~2=OBJ1/FILLER/LIKE MEANINGLESS $",
     {"negatable": False}),
    ("hopelessness", "inget att leva för", "NEGQ ~2=LEFT/FILLER ( ATT | TO )? LIVE FOR", {"negatable": False}),
    ("hopelessness", "trött på livet",
     "TIRED ~2=OF/FILLER/COP ( LIFE | ATT? LIVE | BE ~1 LIVE ) [! PREP-WITHOUT ] [! IDIOMLIVE ]", {}),
    ("hopelessness", "inte värt att leva",
     "NEG ~2 WORTH ~2=ATT/TO LIVE | LIFE ~2=COP/FILLER NEG ~1=FILLER WORTH", {"negatable": False}),
    ("hopelessness", "ingen utväg",
     "NEGQ ~1=FILLER EXIT | NEGQ ~1=FILLER WAY OUT [! PREP ] | NEGQ ~1=FILLER HOPE ~1=FILLER LEFT/ANYMORE "
     "| P1S ~3-SEP NEGQ ~1=FILLER HOPE $ | SEE ~1=FILLER NEGQ ~1=FILLER FUTURE",
     {"negatable": False}),
    ("hopelessness", "jag är en börda",
     "( P1S ~2=FILLER COP/FEEL | IM ) ~4-SEP-BEAR-NEG BURDEN", {}),
    ("hopelessness", "gett upp livet", "GIVE ~1=FILLER UP ~2=ON/PREP LIFE", {}),
    ("hopelessness", "färdig med livet", "DONE ~2=WITH/FILLER LIFE", {}),
    # --- violence and fear for one's life: someone else acts ---------------------------------------------
    ("violence", "slår mig",
     "HIT ~1=FILLER/ON/P3S/KIN OBJ1/ENME/KIN/P3OBJ/P1PL [! ATT/TO/NER/UP ] [! ~2 GAME ] [! IT ]",
     {"who": "violence"}),
    ("violence", "blir slagen", "BEATEN", {"who": "any"}),
    ("violence", "våldtog mig", "RAPE ~1 OBJ1/ENME", {"who": "violence"}),
    ("violence", "rädd för mitt liv",
     "AFRAID ~2=FILLER FOR ~1 POSS1 ~1 LIFE/SAFETY", {"who": "any"}),
    ("violence", "rädd att han ska skada mig",
     "AFRAID ~4-SEP P3S/KIN ~3-SEP ( KILL | HIT | HURT | TA LIFE AV | GORA ) ~2 OBJ1/ENME/P1PL",
     {"who": "any"}),
    ("violence", "hotar att döda mig",
     "THREAT ~3 ( KILL | HIT | HURT | TA LIFE AV ) ~2 OBJ1/ENME/P1PL/KIN/P3OBJ "
     "| THREAT ~1=FILLER OBJ1/ENME/P1PL [! ~1 ATT/TO/WITH ~1 *-KNIFE ]",
     {"who": "violence"}),
    ("violence", "försökte strypa mig",
     "TRY ~2 ( KILL | HIT ) ~1 OBJ1/ENME", {"who": "violence"}),
    ("violence", "gör mig illa", "GORA ~1=FILLER OBJ1 ~1 ILLA", {"who": "violence"}),
    ("violence", "vågar inte gå hem",
     "( DARE ~1=FILLER NEG | AFRAID ~1 TO/ATT ) ~2 GO/BE/SLEEP ~1 HOME", {"who": "any", "negatable": False}),
    ("violence", "utsatt för våld", "EXPOSED ~2 VIOLENCEN", {"who": "any"}),
)
