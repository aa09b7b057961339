"""The crisis detector's lexicon, as data: each concept tag (TAG) and the words that carry it, in Swedish and
English. moderation/crisis_rules.py says how words are written here (folding, stems, "sv:"/"en:" and "="
prefixes) and holds the rules that combine the tags; moderation/crisis.py compiles both once."""

from __future__ import annotations

# fmt: off
LEXICON: dict[str, str] = {
    # --- people: subject forms decide whose crisis it is; object forms are what an act is done to ---------
    "P1S": "jag ja jg jagg iag vi en:i en:im en:ive en:id en:ill en:we",
    "P1PL": "vi en:we oss us",
    "IM": "en:im",
    "OBJ1": "sv:mig sv:mej sv:mg",
    "ENME": "en:me",
    "MYSELF": "myself mysef",
    "POSS1": "mitt min mina my mine",
    "P2": "du ni dig dej ditt din dina er era en:you en:u en:ya yourself your yourselves",
    "P2S": "du ni en:you en:u en:ya en:youre",
    # "de" is left out: in a text message it is mostly "det".
    "P3S": "han hon hen dom en:he en:she en:they hn en:hes en:shes en:theyre en:hed en:theyve",
    "P3OBJ": "henne honom dem en:him en:her en:them",
    "KIN": (
        "mamma mamman mammor mor modern morsan morsa mams mamsen pappa pappan fadern farsan farsa son sonen "
        "söner dotter dottern döttrar barnet barnen bror brodern brorsan brorsa syster systern syrran syrra "
        "make maken mannen fru frun hustru hustrun sambo sambon partner partnern pojkvän pojkvännen flickvän "
        "flickvännen killen tjejen mormor morfar farmor farfar svärmor svärfar moster faster morbror farbror "
        "kusin kusinen vän vännen väninna väninnan kompis kompisen bästis tonåring tonåringen exman exfru "
        "mom mum mother mommy mummy mama dad daddy father daughter kid child brother sister husband wife "
        "boyfriend girlfriend grandma grandmother granny grandpa grandfather friend teenager teen fiance "
        "fiancee hubby aunt uncle cousin nephew niece stepson stepdaughter ex"
    ),
    # Nouns that are a relative only after a possessive or article: "min man" is a husband, "man" is "one".
    "AMBIGKIN": "sv:man far",
    "REL": "sv:som who",
    "REFL3": "sig sej sitt sin sina himself herself themselves themself",
    "POSS3": "hans hennes deras his en:her their",
    "POSS": (
        "min mitt mina din ditt dina hans hennes deras vår vårt våra sin sitt sina my your his en:her our "
        "their en:a sv:en sv:ett en:the"
    ),
    "SJALV": "själv själva självaste myself himself herself themselves themself yourself",
    "EGET": "eget egen egna own",
    "IT": "det den detta denna sv:de it this that tanken tanke thought",
    # Words that start a clause: without punctuation they end the one before ("vill bara försvinna jag …").
    "CLAUSE": "jag ja vi hon han en:i en:im en:he en:she och men and but ingen inget nobody nothing eftersom "
              "because ikväll inatt imorgon idag tonight today tomorrow",
    # --- grammar words ---------------------------------------------------------------------------------
    "PREP": (
        "om med sv:me för till sv:åt hos av på från mot efter utan bredvid vid sv:i about with for to en:at "
        "of from without after by on en:in into"
    ),
    "I_SV": "sv:i",
    "ATT": "sv:att",
    "TO": "en:to",
    "CONJ": "och men sv:o sv:å eller fast and but or",
    "SUBORD": "sv:att om varför när hur eftersom that if why when how because",
    "FILLER": (
        "bara ba typ liksom ju ändå verkligen helt riktigt egentligen ens heller nog så sv:sa just really "
        "even honestly literally simply only kinda fucking jävla jävligt fan faktiskt nu sv:nt mest also "
        "actually seriously totally completely sometimes ibland ofta often still fortfarande helst gärna "
        "redan already alltid always"
    ),
    "COP": "är e var vore blir blev am en:m was were is be vara sv:va being",
    "BE": "vara be being sv:va",
    "COND": "vore skulle would could",
    "FEEL": "känner känns kändes kände en:feel feels felt feeling",
    "LIKE": "som like",
    "SAY": (
        "säger sa sade sagt säga says said say tells told pratar pratade pratat prata talks talked talking "
        "talk skriver skrev writes wrote smsade smsar texted texts messaged"
    ),
    "SHOUT": "skriker skrek skrikit skrika shouts shouted screams screamed yells yelled",
    "SEE": "ser see",
    "HEAR": "hör höra hört hear",
    "HAVE": "ha har hade haft have has had en:got",
    "TILL": "sv:till",
    "HOW": "hur how",
    "WHEN": "när when",
    "WHY": "varför why",
    "LONG": "länge long",
    "OTHER": "annat annan andra else other",
    "NOW": "nu now",
    "TODAY": "idag today",
    # --- wanting, intending, thinking, being unable ----------------------------------------------------
    "WANT": "vill ville velat vilja villa want wants wanted wanna wnt vll",
    "WISH": (
        "önskar önskade önskat önska hoppas hoppades hoppats wish wished wishing hope hoping hoped pray "
        "prays längtar längtade"
    ),
    "MAY": "få får fick fått let",
    "INTEND": (
        "ska skall sk tänker tänkte planerar planerat planera planerade ämnar kommer en:going gonna gona "
        "en:will intend intending intends"
    ),
    "SKULLE": "skulle would",
    "THINK": (
        "tänker tänkt tänkte tänka tankar tanke tankarna funderar funderat funderade fundera funderingar "
        "grubblar grubblat överväger övervägt överväga think thinks thinking thought thoughts considering "
        "considered consider contemplating contemplated drömmer drömt dreaming dream dreams fantiserar "
        "fantasize fantasizing"
    ),
    "TRY": "försöka försöker försökte försökt försök try tries tried trying attempt attempted attempting",
    "TEMPT": "frestad frestande lockar lockad tempted urge urges",
    "NEAR": "nära nästan almost close",
    "DECIDED": "bestämt bestämde bestämmer decided",
    "CHOOSE": "valt välja valde picked chosen chose set",
    "DATE": "datum datumet dag dagen date day",
    "MIND": "mind",
    "MAKE": "made make",
    "PLANW": "plan planen planer planerna planerat planerar planera planerade plans planning planned",
    "READY": "redo förberett förberedd förberedda ordnat ordnade fixat ready prepared sorted arranged",
    "STARTED": "börjat började börja started start starting begun began",
    "STOP": "sluta slutar slutat slutade stop stopping stopped quit bli help",
    "CONTINUE": "fortsätta fortsätter fortsatte keep keeps continue continuing",
    "ABLE": (
        "orkar orka orkade orkat orkr okar pallar palla pallade klarar klara klarade kan kunde kunna can "
        "could manage"
    ),
    "ABLENEG": "cant cannot couldnt cnt",
    "NEG": (
        "inte int inge ite ej icke aldrig not never dont doesnt didnt wont wouldnt isnt aint nt wasnt werent "
        "arent hasnt havent hadnt shouldnt couldnt dnt"
    ),
    "NEGQ": "ingen inget inga ingenting ingn nobody noone nothing none en:no",
    "SLIPPA": "slippa slipper sv:slapp sluppit",
    "LUST": "lust ork will desire livslust livsgnista",
    "ANYMORE": "längre mer mera anymore longer",
    "ANY": "en:any",
    "AGAIN": "igen again",
    "ALWAYS": "alltid forever evigt sv:gott",
    "EARLY": "tidigt early",
    "UP": "upp up",
    "DOWN": "ner ned down",
    # --- death, life, existing -------------------------------------------------------------------------
    "DIE": "sv:dö sv:dör sv:döö die dies dying",
    "DEAD": "död döda dead",
    "DEATH": "döden death",
    "DIED": "sv:dog dött died",
    "BORN": "född födds fötts född born",
    "LIVE": "leva lever levt levde lva lev live lives living lived alive levande",
    "EXIST": "finnas finns fanns funnits existera existerar existerat exist exists existing",
    "EXISTENCE": "existens existensen existence närvaro presence",
    "LIFE": "liv livet life livets",
    "KVAR": "kvar",
    "HERE": "här here around",
    "GONE": (
        "borta gone försvann försvinner försvinna försvunnen disappear disappeared disappearing vanish "
        "vanished"
    ),
    "WORLD": "jorden världen world earth",
    "SLEEP": "somna somnar somnade sova sover vila sleep sleeping asleep rest",
    "WAKE": "vakna vaknar vaknade väcks wake waking woke wakes",
    "BREATHE": "andas andning andningen breathe breathing",
    "IN": "sv:in",
    "HOME": "hem hemma home hemmet",
    "PLACE": "säng sängen bed rum rummet room sjukhus sjukhuset hospital hospice boende boendet",
    "CALM": "lugn lugnt stilla fridfullt peacefully peace värdigt värdighet dignity",
    "DEADLY": "dödlig dödligt dödliga deadly terminal fatal obotlig",
    "RUNOVER": "påkörd överkörd påkörda",
    "RELIEF": "lättnad lättad skönt skön befrielse vila relief relieved peaceful",
    "IDIOMCAUSE": (
        "skratt skratta skam pinsamhet tristess tråkighet nyfikenhet längtan värme hunger laughter laughing "
        "embarrassment boredom curiosity shame heat cuteness"
    ),
    "OFAV": "sv:av of",
    # After "leva"/"live": how or with whom one lives, not whether ("leva ensam", "live together").
    "IDIOMLIVE": (
        "ensam ensamt tillsammans normalt där sv:som alone together normal normally there upp up out off"
    ),
    # --- killing oneself -------------------------------------------------------------------------------
    "KILL": "döda dödar dödade dödat kill kills killing killed murder mörda mördar unalive",
    "KMS": "kms",
    "IHJAL": "ihjäl",
    "TA": "ta tar tog tagit tas take takes took taking taken",
    "AV": "sv:av",
    "DAGA": "daga",
    "END": "avsluta avslutar avslutade avslutat end ends ending ended",
    "GORA": "göra gör gjorde gjort",
    "DOIT": "göra gör gjorde gjort en:do en:doing en:done",
    "SLUT": "slut",
    "OVER": "över over",
    "PA": "sv:på",
    "ON": "sv:på en:on",
    "ALLT": "allt allting alltihop everything anything något nånting någonting nåt",
    "ALLQ": "alla allihop hela en:all whole entire",
    "EVERYONE": "alla allihop everyone everybody",
    "THINGS": "things saker sakerna grejer grejerna stuff belongings",
    "WITH": "med sv:me with",
    "BACK": "tillbaka back",
    "HANDS": "händer hands",
    "FOOT": "foten foot",
    "HANG": "hänga hänger hängde hängt hang hanging hanged hung",
    "SHOOT": "skjuta skjuter sköt skjutit shoot shooting",
    "DROWN": "dränka dränker dränkte drown drowning",
    "BEGA": "begå begår begick begått commit commits committed commiting",
    "SUICIDE": "suicide suicides självmord självmordet självmorden",
    "SUISTRONG": "suicidal självmordstankar självmordstanke självmordsförsök självmordsbenägen",
    "TOPIC": (
        "prevention awareness forskning research statistik statistics hotline helpline linjen line "
        "föreläsning lecture"
    ),
    "SELFW": "en:self",
    "SELFHARM": "självskada självskadar självskadade självskadat självskadebeteende selfharm",
    # --- harming oneself -------------------------------------------------------------------------------
    "CUT": (
        "skära skär skar skurit skuren rispa rispar rispade rispat karva cut cuts cutting en:slit slice "
        "slicing carve carving"
    ),
    "BURN": "bränna bränner brände bränt burn burns burning burned burnt",
    "HURT": "skada skadar skadade skadat hurt hurts hurting harm harms harming harmed injure injuring",
    "SCRATCH": "riva river rev rivit klösa klöser klöste scratch scratches scratching scratched",
    "BITE": "bita biter bet bitit bite bites biting",
    "BANG": "dunka dunkar dunkade banka bankar bankade bang bangs banging banged punch punches punched",
    "NAILS": "naglarna naglar nails",
    "HEAD": "huvudet huvud skallen head",
    "WALL": "vägg väggen wall",
    "ILLA": "illa",
    "STARVE": "svälta svälter svalt starve starving",
    "PURPOSE": "flit avsiktligt medvetet purpose deliberately",
    # Evidence that a hurt was meant: until it bleeds or marks, on purpose, wanting the pain.
    "INTENSE": (
        "tills until blöder blödde blödit bleed bleeds bleeding blod blood märken marks svider stings "
        "knogarna ont"
    ),
    "WOUND": "sår såren ärren scars wounds",
    "BODY": (
        "arm armen armar armarna handled handleden handlederna lår låren sv:ben benen mage magen hud huden "
        "knytnäven näven fist wrist wrists arms thigh thighs legs skin stomach handen hand"
    ),
    "ACCIDENT": (
        "råkade råka råkat misstag olycka olyckan accident accidentally mistake lagade laga lagar matlagning "
        "köket kök diskade diska disken grönsaker lök löken tomat tomaten bröd brödet papper papperet rakade "
        "raka rakning fingret finger fingrar tummen tumme ramlade ramla ramlar ramlat föll faller trillade "
        "trilla trillat snubblade halkade lyfte lyft lyfta lyfter ryggen rygg cooking kitchen chopping "
        "peeling onion bread shaving shave thumb en:fell falling en:fall tripped slipped lifting lifted "
        "trädgården garden spisen stove ugnen oven strykjärn glaset glas sax saxen kastrull kastrullen "
        "halkan halka halt isigt ice icy dimma fog bula bulan paket paketet package parcel kartong kartongen "
        "konservburk öppna öppnade opening opened tin"
    ),
    # --- plans and means -------------------------------------------------------------------------------
    "PILLS": (
        "tablett tabletter tabletterna tabletten piller pillren pillret pills pill tablets tablet medicin "
        "mediciner medicinerna medicinen medication medications meds sömnmedel lugnande painkillers opioider "
        "morfin insulin sobril propavan stesolid imovane zopiklon oxascand paracetamol alvedon panodil "
        "citodon tramadol oxycodone oxykodon xanax valium benso bensodiazepiner medicine medicines"
    ),
    "COLLECT": (
        "samla samlar samlat samlade sparat sparar spara sparade hamstra hamstrat hamstrar gömt gömmer gömde "
        "stockpile stockpiled stockpiling saving saved save hoard hoarding hoarded collecting collected "
        "collect"
    ),
    "COMPLIANCE": (
        "istället instead glömmer glömt glömde forgets forgot forgetting spottar dosett dosetten dosette "
        "apodos apotek apoteket pharmacy chemist returnera return returning kassera dispose"
    ),
    "ROUTINE": (
        "varje every dagligen daily morgonen morgnarna frukost frukosten breakfast vanligt usual per "
        "ordinerat prescribed bråka fuss"
    ),
    "TOO": "sv:för too",
    "MANY": "många many",
    "HANDFUL": "handful bunch näve massa",
    "ATONCE": "=gång once",
    "CONTAINER": (
        "burk burken karta kartan förpackning förpackningen ask asken flaska flaskan bottle box pack packet"
    ),
    "SWALLOW": "svälja sväljer svalde svalt swallow swallowed swallowing knapra knaprar knaprade popped",
    "ALCOHOL": "vin sprit alkohol whisky vodka wine alcohol druckit drack drunk drinking",
    "ALREADY": "redan already",
    "OVERDOSE": "överdos överdosen överdosera överdoserat överdoserade overdose overdosed overdosing en:od",
    "HEIGHT": (
        "bro bron broar bridge bridges taket hustak roof balkong balkongen balcony höghus stup stupet klippa "
        "klippan cliff ledge kanten fönstret window tornet tower hög högt höga high"
    ),
    "STAND": "står stod stått stå standing stand sitter satt sitting",
    "LOOK": "tittar tittade kollar ser looking looked staring",
    "JUMP": "hoppa hoppar hoppade hoppat jump jumps jumped jumping",
    "THROW": "kasta kastar kastade kastat throw throwing threw",
    "STEP": (
        "ställa ställer ställde kliva kliver klev step stepping stepped walk walking lägga lägger lade lie "
        "lay gå går gick"
    ),
    "GO": "gå går gick gått åka åker åkte komma kommer kom go going goes went come",
    "FRONT": "framför front",
    "VEHICLE": (
        "tåg tåget tågen train trains bil bilen lastbil lastbilen truck lorry buss bussen bus car traffic "
        "trafiken tunnelbanan subway"
    ),
    "RAIL": "spår spåret spåren rälsen räls tracks track rails",
    "ICE": "isen ice",
    "DRIVE": "köra kör körde kört drive driving drove crash krascha kraschar swerve styra",
    "ROAD": "vägen road",
    "WAY": "way väg",
    "OUT": "out ut",
    "OFF": "en:off",
    "INTO": "sv:in sv:i en:in into",
    "OBSTACLE": (
        "träd trädet tree bergvägg bergväggen väggen wall mötande oncoming bropelare räcket sjön havet "
        "vattnet älven ån lake sea river water"
    ),
    "LETTER": "avskedsbrev farvälbrev",
    "LETTERW": "brev brevet breven letter letters note lapp lappen",
    "FAREWELL": "farväl avsked adjö hejdå goodbye goodbyes farewell bye",
    "LAST": "sista last",
    "WRITE": "skriva skrivit skrev skrivna written wrote write",
    "GIVEAWAY": "bort away",
    "FROM": "från from",
    "FIND": "hitta hittar hittade hittat find finds found",
    "ANSWER": "svarar svara svarade answer answers answering",
    "ROPE": "rep repet rope",
    "NOOSE": "snaran noose",
    "SNARA": "snara",
    "BUY": "köpt köpte köper köpa bought buy buying ordered beställt skaffat",
    "TIE": "knyta knutit knöt tie tied",
    "TIME": (
        "ikväll inatt imorgon imorn tonight tonights tomorrow snart en:soon kväll natt morgon helgen weekend "
        "fredag lördag söndag måndag tisdag onsdag torsdag friday saturday sunday monday tuesday wednesday "
        "thursday"
    ),
    # --- hopelessness and burden -----------------------------------------------------------------------
    "BETTER": "bättre better lyckligare happier enklare easier lättare enklaste easiest lättast bäst best",
    "WITHOUT": "utan without",
    "IF": "om if",
    "THAN": "än than",
    "DESERVE": "förtjänar förtjänade deserve deserves",
    "PULL": "drar dra drog drag drags dragging",
    "MISS": "sakna saknar saknade saknat miss missed",
    "NOTICE": "märka märker märkte märkt notice noticed notices",
    "CARE": "bry bryr brydde care cares cared",
    "MATTER": "spelar matters matter roll",
    "MEANING": (
        "mening meningen poäng poängen idé ide point purpose reason anledning anledningen syfte sense "
        "meaning"
    ),
    "MEANINGLESS": (
        "meningslöst meningslös meningslösa pointless meaningless hopeless hopplöst hopplös hopplösa futile "
        "värdelös värdelöst worthless"
    ),
    "WHAT": "vad sv:va what whats",
    "FOR": "sv:för for",
    "HOPE": "hopp hoppet hope",
    "EXIT": "utväg utvägen",
    "FUTURE": "framtid framtiden future",
    "LEFT": "kvar left",
    "GIVE": "ge ger gett gav give gave given giving",
    "BURDEN": "börda bördan belastning belastningen burden besvär",
    "BEAR": "bär carry carrying bearing bear",
    "TIRED": "trött trötta less sick tired utled",
    "OF": "sv:på of",
    "WORTH": "värt värde worth value",
    "DONE": "done färdig klar",
    "LIKA": "lika",
    "GARNA": "gärna",
    "MIGHT": "might",
    "AS": "en:as",
    "WELL": "well",
    "VIDARE": "vidare",
    "THIS": "this här",
    # --- violence and fear -----------------------------------------------------------------------------
    "HIT": (
        "slå slår slog slagit sparka sparkar sparkade sparkat knuffa knuffar knuffade knuffat nyper nöp nypa "
        "biter bita strypa stryper strypte strypt strypgrepp stryptag misshandla misshandlar misshandlade "
        "misshandlat en:hit hits hitting beat beats beating kick kicks kicked kicking punch punches punched "
        "punching shove shoved slap slaps slapped choke chokes choked choking strangle strangled strangles "
        "örfil örfilar smäller skakar skakade shakes shook shaking pushed push pushes pushing"
    ),
    "BEATEN": "=slagen =misshandlad beaten abused battered",
    "STAB": "hugga hugger högg knivhugga stab stabbed",
    "RAPE": "våldtog våldtar våldtagit våldta raped rape rapes",
    "THREAT": "hotar hotade hotat hota threaten threatens threatened threatening",
    "AFRAID": (
        "rädd rädda skraj fruktar fruktade afraid scared terrified fear fears feared frightened orolig "
        "oroliga worried"
    ),
    "ANGRY": "arg argt arga aggressiv aggressive angry rage raging furious",
    "SAFETY": "säkerhet safety",
    "DARE": "vågar vågade dare",
    "SURVIVE": "överleva överlever survive surviving",
    "HIDE": "gömmer gömde gömt hiding hide hid",
    "LOCK": "låst låser låste locked lock",
    "GAME": (
        "schack kort spel spelet chess cards game games tennis golf poker sällskapsspel vinner vann wins won "
        "poäng points yatzy alfapet fia sudoku korsord bingo memory scrabble monopol monopoly ludo pingis "
        "bowling boule häpnad förvåning amazement awe"
    ),
    "KNOW": "vet veta visste know knows knew",
    "EVERY": "varje every",
    "HAIR": "hår håret hair",
    "MINDV": "emot mind",
    "SEVERAL": "flera several",
    "TIMES": "gånger times",
    "WATER": "sjön havet vattnet älven ån sea lake river water ocean",
    "SWIM": "bada badar badade simma simmar simmade swim swimming fiska fiskar fishing skridskor skating "
            "paddla båt båten boat",
    "FEAR": "rädd rädda livrädd skraj afraid scared terrified frightened",
    "VIOLENT": "våldsam våldsamt våldsamma hotfull hotfullt violent threatening",
    "APART": "sönder isär apart open",
    "RATHER": "hellre rather",
    "ENOUGH": "tillräckligt tillräcklig enough",
    "HOLD": "höll håller holding",
    "PAIN": "smärta smärtan ångest ångesten känsla känslan pain anxiety feeling",
    "BLADE": "rakblad rakbladen razor razors blade blades",
    "GENERIC": "sv:man one someone anyone",
    "BECOME": "bli blir blev blivit get gets got become became ever någonsin",
    "ONLY": "enda only",
    "WAYOUT": "sättet utvägen utväg lösningen way solution option",
    "FAMILY": "familjen family alla everyone everybody barnen kids children",
    "BIGNUM": "",
    "THROAT": "halsen strupen throat neck",
    "GRAB": "grep greppade grabbed grabs grab höll held",
    "PUSH": "tryckte trycker pressade pressar pushed pinned shoved knuffade",
    "AGAINST": "mot against",
    "JOBPLACE": (
        "jobb jobbet jobbar arbete arbetet arbetsplatsen job work stan staden town city kommunen flytta "
        "flyttar byter move moving"
    ),
    "KNIFE": "kniv kniven knife pistol pistolen gevär geväret vapen vapnet gun weapon yxa axe",
    "WEAPON": "gevär geväret jaktgevär vapen vapnet pistol pistolen gun guns rifle shotgun",
    "EXPOSED": "utsatt utsatta victim offer",
    "VIOLENCEN": "våld misshandel violence abuse",
}
# fmt: on
