"""Word lists and regexes for quotes, attribution and entities: constants only, no behaviour beyond building them."""

from __future__ import annotations

import re

# The reporting verbs live in reporting_verbs.py, the nouns of speakers in speech_nouns.py; callers read them here.
from .reporting_verbs import (ACCORDING_TO, INVERTED_AFTER_QUOTE, INVERTED_VERBS, MODALS,  # noqa: F401
                              NOT_SPEECH_AFTER, SPEECH_BASE_FORMS, SPEECH_VERBS, SPEECH_VERBS_AFTER_QUOTE)
from .speech_nouns import PERSON_HEADS, ROLE_NOUNS, SOURCE_NOUNS  # noqa: F401

PRONOUNS = frozenset("he she they we i".split())
SINGULAR_PRONOUNS = frozenset({"he", "she"})
# Words that stand alone for unnamed speakers among several: '"...," one said. "...," another said.'
INDEFINITE_SPEAKERS = frozenset({"one", "another"})

DETERMINERS = frozenset("a an the his her their its our my your this that these those one two three several many some".split())
# Words that cannot be inside a speaker's noun phrase; scanning left from a verb stops at them.
NP_STOP = frozenset(
    """that which who whom whose when where while as and but or nor because after before if since though although
    until unless whether than so then also to of in on at for from with by about into over under against between
    through during without within upon across behind beyond was were is are be been being has have had do does did
    would will could can may might must should not no there here it it's what how why said says told""".split()
)
SKIP_ADVERBS = frozenset(
    """later also then again now still once previously already just recently earlier further often first finally
    quickly simply repeatedly publicly privately separately reportedly today yesterday tonight has have had was is
    were are would will did does do had been has been be not never once more too himself herself themselves could
    might must should shall""".split()
)
# A comma chunk starting like this is an introductory or parenthetical phrase, not the subject.
INTRO_WORDS = frozenset(
    """after before when while as if although though because since upon on in at during from with without by for
    of about despite following asked speaking writing addressing responding pressed like unlike according among
    under over into once until whereas who which whose where""".split()
)
# A new clause starts here: a speech verb after one of these does not attribute the quote before it.
CLAUSE_WORDS = frozenset("but and or while which who that as because although though when where after if so until unless".split())
# Words opening a subordinate clause, whose subject is not the sentence's: "who", "in which", "because".
SUBORDINATORS = frozenset(
    "who whom whose which where when while because although though if after before since until unless whereas".split())
# Verbs that make the noun phrase before them a clause's subject: "said the loss was ...".
AUXILIARIES = frozenset("is was are were has had have will would could can may might must should does did".split())
# Pre-quote text ending like this introduces a title, a label or a name: 'dubbed "X"', 'the so-called "X"'.
LABEL_CUES = re.compile(r"(?:so-called|dubbed|titled|entitled|named|nicknamed|known as|labell?ed|branded|termed)\s*$", re.I)

MONTHS_DAYS = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Words of time that open a clause before its subject: "Hours later, X said".
TIME_WORDS = frozenset(
    """hours minutes days weeks months years moments earlier later today yesterday tonight tomorrow last next this
    then now recently soon afterward afterwards meanwhile""".split()
)
# Capitalised words that start sentences and never names.
CAPITAL_STOP = frozenset(
    """the a an but and or so yet for nor if when while as at in on of to by with from after before since this that these
    those there here it its he she they we i you his her their our my your what why how who which where
    both all some many most each every no not one two three under over despite although though because however
    meanwhile also still even just only then now yes oh asked speaking according during until unless once whether
    such other another more less few several any neither either""".split()
) | frozenset(
    # sentence adverbs a capitalised run may start with: "Later Lopez said", "Maybe Trump is"
    """maybe perhaps indeed instead thus hence besides otherwise nevertheless nonetheless moreover furthermore later
    earlier afterward afterwards ultimately eventually apparently clearly obviously certainly surely finally""".split()
) | frozenset(
    # prepositions a sentence may open with: "Alongside BLM calls for action, ..." names no "Alongside BLM"
    """amid amidst among amongst alongside against about across along around behind beside besides between beyond
    inside outside through throughout toward towards upon within without unlike via""".split()
)
ORG_WORDS = frozenset(
    """ministry council agency party bank commission committee department office organisation organization
    association union corporation company corp inc ltd llc group institute university college court congress
    parliament senate assembly administration bureau authority service services network news times post journal
    press television radio church movement front alliance federation league fund foundation board army navy force
    forces police guard club trust society centre center school hospital exchange reserve treasury cabinet
    government house council airlines airways motors media channel""".split()
)
KNOWN_ORGS = frozenset(
    """united nations|european union|white house|pentagon|kremlin|reuters|associated press|red cross|taliban|hamas|
    hezbollah|al-qaeda|world bank|nato|opec|interpol|google|facebook|twitter|apple|microsoft|amazon|fbi|cia|nsa|
    bbc|cnn|nbc|cbs|abc|fox news|msnbc|gop|kcna|xinhua|iaea|who|wto|imf|eu|un|asean|g20|g7|olympics""".replace("\n", "").split("|")
)
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,6}\b")
ACRONYM_STOP = frozenset("I A OK TV AM PM GMT UTC BST EST PST CEO CFO MP MPS PDF USD AD BC ID II III IV".split())

# Country | demonym adjectives | capital and major cities. Compact on purpose: news-heavy countries first.
_GAZETTEER = """
United States|American|Washington,New York,Los Angeles,Chicago,Boston,San Francisco,Houston,Miami,Philadelphia,Atlanta,Seattle,Dallas
United Kingdom|British|London,Manchester,Birmingham,Edinburgh,Glasgow,Belfast,Cardiff,Liverpool,Leeds
North Korea|North Korean|Pyongyang,Yongbyon
South Korea|South Korean|Seoul,Busan
China|Chinese|Beijing,Shanghai,Hong Kong,Guangzhou,Shenzhen,Wuhan
Japan|Japanese|Tokyo,Osaka,Kyoto,Hiroshima,Okinawa
Russia|Russian|Moscow,St Petersburg
France|French|Paris,Marseille,Lyon
Germany|German|Berlin,Munich,Frankfurt,Hamburg,Bonn
Italy|Italian|Rome,Milan,Naples,Venice
Spain|Spanish|Madrid,Barcelona
India|Indian|New Delhi,Delhi,Mumbai,Kolkata,Chennai,Bangalore
Pakistan|Pakistani|Islamabad,Karachi,Lahore
Afghanistan|Afghan|Kabul,Kandahar
Iran|Iranian|Tehran
Iraq|Iraqi|Baghdad,Basra,Mosul
Syria|Syrian|Damascus,Aleppo
Israel|Israeli|Jerusalem,Tel Aviv
Palestine|Palestinian|Gaza,Ramallah,West Bank
Egypt|Egyptian|Cairo
Saudi Arabia|Saudi|Riyadh,Jeddah
Turkey|Turkish|Ankara,Istanbul
Ukraine|Ukrainian|Kiev,Kyiv
Canada|Canadian|Ottawa,Toronto,Montreal,Vancouver
Mexico|Mexican|Mexico City
Brazil|Brazilian|Brasilia,Rio de Janeiro,Sao Paulo
Argentina|Argentine,Argentinian|Buenos Aires
Australia|Australian|Canberra,Sydney,Melbourne
New Zealand||Wellington,Auckland
Indonesia|Indonesian|Jakarta
Philippines|Filipino,Philippine|Manila
Vietnam|Vietnamese|Hanoi,Ho Chi Minh City
Thailand|Thai|Bangkok
Malaysia|Malaysian|Kuala Lumpur
Singapore|Singaporean|
Taiwan|Taiwanese|Taipei
Mongolia|Mongolian|Ulan Bator
Myanmar|Burmese|Rangoon,Yangon
Bangladesh|Bangladeshi|Dhaka
Sri Lanka|Sri Lankan|Colombo
Nepal|Nepalese|Kathmandu
Nigeria|Nigerian|Abuja,Lagos
South Africa|South African|Pretoria,Johannesburg,Cape Town
Kenya|Kenyan|Nairobi
Ethiopia|Ethiopian|Addis Ababa
Sudan|Sudanese|Khartoum,Darfur
Somalia|Somali|Mogadishu
Libya|Libyan|Tripoli,Benghazi
Algeria|Algerian|Algiers
Morocco|Moroccan|Rabat,Casablanca
Tunisia|Tunisian|Tunis
Zimbabwe|Zimbabwean|Harare
Congo|Congolese|Kinshasa
Ghana|Ghanaian|Accra
Uganda|Ugandan|Kampala
Lebanon|Lebanese|Beirut
Jordan|Jordanian|Amman
Yemen|Yemeni|Sanaa
Qatar|Qatari|Doha
Kuwait|Kuwaiti|Kuwait City
United Arab Emirates|Emirati|Abu Dhabi,Dubai
Poland|Polish|Warsaw
Netherlands|Dutch|Amsterdam,The Hague,Rotterdam
Belgium|Belgian|Brussels
Switzerland|Swiss|Bern,Geneva,Zurich
Austria|Austrian|Vienna
Sweden|Swedish|Stockholm
Norway|Norwegian|Oslo
Denmark|Danish|Copenhagen
Finland|Finnish|Helsinki
Ireland|Irish|Dublin
Portugal|Portuguese|Lisbon
Greece|Greek|Athens
Hungary|Hungarian|Budapest
Czech Republic|Czech|Prague
Romania|Romanian|Bucharest
Serbia|Serbian|Belgrade
Belarus|Belarusian|Minsk
Georgia|Georgian|Tbilisi
Cuba|Cuban|Havana
Venezuela|Venezuelan|Caracas
Colombia|Colombian|Bogota
Chile|Chilean|Santiago
Peru|Peruvian|Lima
Scotland|Scottish|
Wales|Welsh|
England|English|
"""
REGIONS = frozenset(
    """Europe|Asia|Africa|Middle East|Latin America|South America|North America|Central America|Korean peninsula|
    Balkans|Caribbean|Gulf|Persian Gulf|Arctic|Antarctica|Pacific|Atlantic|Scandinavia|Asia Pacific|Crimea|
    Kashmir|Tibet|Xinjiang|Chechnya|Kurdistan|Sahara|Siberia|Midwest|Silicon Valley|Wall Street|Iowa|
    Texas|California|Florida|Ohio|Virginia|Pennsylvania|Michigan|Georgia|Nevada|Arizona|Colorado|
    New Hampshire|South Carolina|North Carolina|Wisconsin|Illinois|Massachusetts|Utah|Alabama|Kentucky""".replace(
        "\n", ""
    ).replace("    ", "").split("|")
)


def _parse_gazetteer(table: str) -> tuple[dict[str, str], dict[str, str]]:
    """Place name -> canonical place, demonym -> country."""
    places: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for line in filter(None, table.strip().splitlines()):
        country, adjectives, cities = line.split("|")
        places[country] = country
        places.update({c: c for c in cities.split(",") if c})
        demonyms.update({d: country for d in adjectives.split(",") if d})
    return places, demonyms


PLACES, DEMONYMS = _parse_gazetteer(_GAZETTEER)
PLACES.update({r: r for r in REGIONS})
PLACE_ALIASES = {"US": "United States", "U.S.": "United States", "USA": "United States", "UK": "United Kingdom",
                 "Britain": "United Kingdom", "America": "United States", "N Korea": "North Korea",
                 "S Korea": "South Korea", "Burma": "Myanmar"}

# Keyword candidates never start or end with these; a phrase made only of them is not a keyword.
KEYWORD_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other
    our out over own same she should so some such than that the their them then there these they this those through
    to too under until up very was we were what when where which while who whom why will with would you your
    said says say told tell added asked called reported according made make makes took take came come went go
    get got since last next year years month months week weeks day days time times today yesterday tomorrow
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr new two three one four five first second
    many much several part parts way ways thing things lot people percent per cent end side sides number
    however although though thus even still yet may might must shall us it's there's he's she's including
    later earlier ago around well back like among whether another every told according""".split()
)
PHATIC = re.compile(r"^(?:i hope so|thank you|thanks|yes|no|no comment|of course|we'll see|maybe|i think so|"
                    r"good|great|absolutely|exactly|not yet|i don'?t know)[.!?,]*$", re.I)

# Very common nouns and adjectives of news prose, written from general knowledge: alone (or only with each other)
# they make no tag ("talks", "officials", "equal level"); with a specific word they may ("six-party talks").
NEWS_COMMON = frozenset(
    """talk talks meeting meetings official officials party parties difference differences mission level levels
    government governments country countries nation nations state states people person man men woman women child
    children family families group groups member members leader leaders spokesman spokeswoman spokesperson
    statement statements report reports news issue issues problem problems plan plans deal deals move moves
    step steps effort efforts decision decisions comment comments question questions matter matters situation
    chance change changes point points case cases result results need needs support side sides area areas place
    places world home life country's thing things figure figures rise fall increase cut cuts number numbers
    percent rate rates total amount share shares sector industry market markets company companies firm firms
    business businesses deal time times period date week weeks month months year years day days hour hours
    minute minutes morning evening night weekend season round stage process system work job jobs
    action actions measure measures policy policies programme program programmes programs project projects
    service services plan proposal proposals agreement agreements talks negotiations negotiation discussion
    discussions meeting session sessions visit visits trip event events conference summit announcement
    interview interviews letter letters call calls view views idea ideas position positions role roles
    relationship relations ties agency ministry department office authority authorities administration
    source sources expert experts analyst analysts observer observers critic critics supporter supporters
    public private local national international global regional domestic foreign major minor big small large
    huge high low long short good bad better best worse worst old former senior junior top recent latest current
    possible important key real full early late final general further previous following strong weak total
    equal special serious clear likely certain main significant particular various different similar same
    own whole single only other next last past future present free open close direct official
    six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million
    millions billion billions dozen dozens half""".split()
)
# Organisation acronyms and spellings -> the name a tag uses: "UN" and "U.N." are the "United Nations".
ORG_ALIASES = {
    "UN": "United Nations", "U.N.": "United Nations", "EU": "European Union", "E.U.": "European Union",
    "IMF": "International Monetary Fund", "WTO": "World Trade Organization", "WHO": "World Health Organization",
    "IAEA": "International Atomic Energy Agency", "Nato": "NATO", "Opec": "OPEC", "UNSC": "United Nations Security Council",
}
