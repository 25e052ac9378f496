"""Patterns and word lists that tell page furniture from story text; constants only, no behaviour.

Kept apart from the cleaners so the heuristics read as a table (compare trafilatura's xpaths.py, htmldate's
settings.py). Thresholds were tuned on the article-extraction-text dev split.
"""

from __future__ import annotations

import re

# English function words (after jusText's stoplist, trimmed): story prose is dense in them, furniture is not.
STOP_WORDS = frozenset(
    """a about above after again against all also although am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either even ever every
    few for from further had has have having he her here hers herself him himself his how however i if in
    into is it its itself just last least less like many may me might more most much must my myself near
    neither never no nor not now of off often on once one only or other others our ours ourselves out over
    own per rather said same says she should since so some still such than that the their theirs them
    themselves then there these they this those though through thus to too under until up upon us very
    was we were what when where whether which while who whom whose why will with within without would yet
    you your yours yourself yourselves""".split()
)

# Line classes: jusText's thresholds, restated for lines of a text dump.
GOOD_MIN_WORDS = 16  # shorter lines are at best near-good: they need a good neighbour
SHORT_MAX_WORDS = 5  # crosshead-sized lines
GOOD_STOP_DENSITY = 0.30
NEAR_STOP_DENSITY = 0.20
SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’」)\]]*$|[:;]$""")
# Chinese and Japanese have no spaces: count about two characters as a word.
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_CHARS_PER_WORD = 2
ENGLISH_MIN_STOP_SHARE = 0.12  # below this the page is not English: another language's stop words are tried
# Other languages: jusText's own lists (larger than STOP_WORDS, so prose is denser in them) and its thresholds.
LANGUAGE_MIN_STOP_SHARE = 0.15  # the best list must cover this share of the page's words, or none is used
# jusText lists tried for a page that is not English: languages with a sizeable news press. Not all ~100 lists:
# loading them all costs ~0.3 s per process, and small Wikipedia-derived ones (Walloon, Volapuk) only add near-ties.
# English is not among them: it is judged with STOP_WORDS, as before.
STOPLIST_LANGUAGES = (
    "Arabic", "Bengali", "Bulgarian", "Catalan", "Croatian", "Czech", "Danish", "Dutch", "Estonian", "Finnish",
    "French", "German", "Greek", "Hebrew", "Hindi", "Hungarian", "Indonesian", "Italian", "Korean", "Latvian",
    "Lithuanian", "Malay", "Norwegian_Bokmal", "Persian", "Polish", "Portuguese", "Romanian", "Russian", "Serbian",
    "Slovak", "Slovenian", "Spanish", "Swahili", "Swedish", "Tagalog", "Tamil", "Turkish", "Ukrainian", "Urdu",
    "Vietnamese",
)
# jusText's own 0.30/0.32 cost recall on dev (quoted Arabic inside Indonesian prose, Korean headline-style
# sentences); a near-good line only needs to be more than nearly free of function words.
OTHER_GOOD_STOP_DENSITY = 0.30
OTHER_NEAR_STOP_DENSITY = 0.10
CONTEXT_LINES = 2  # how far the context pass looks for a neighbour
POSITION_DISCOUNT = 0.8  # a run at the very end of the page counts a fifth
MAX_STORY_GAP = 6  # non-good lines a story may contain between two good paragraphs
MAX_GAP_LINES = 6  # ... and lines of any class, crosshead-sized ones included
MIN_BLANK_SHARE = 0.2  # blank lines per unit below which a text does not mark its blocks
BLOCKED_GOOD_SHARE = 0.7  # share of good words in paragraph blocks above which the story is taken to use them
TEMPLATE_SHARE = 0.6  # share of a block's lines opening with the same words that makes it a template, not a list
TEMPLATE_WORDS = 2  # ... that many opening words
LINK_MAX_WORDS = 8  # a link or tag line is about this short ...
LINK_LIST_SHARE = 0.5  # ... and a block with this share of them is a link list
ECHO_LIST_SHARE = 0.5  # a block with this share of lines repeated elsewhere on the page is a headline list
HEAD_LINES = 2  # lines of a block's head compared to find repeated comment or teaser headers
TEMPLATE_REPEATS = 3  # blocks with one dated head shape this often are comments or teasers
RUN_DENSITY_POWER = 2  # how hard a run full of non-story lines (a teaser list) is discounted
# A run beside the story joins it (the story cut by a gallery or embedded posts) when it is this dense ...
JOIN_MIN_DENSITY = 0.7
JOIN_MIN_SHARE = 0.25  # ... has at least this share of the story run's good words ...
JOIN_GAP_BEFORE = 30  # ... and is at most this many lines before it ...
JOIN_GAP_AFTER = 10  # ... or after it (what follows a story in dense prose is mostly disclaimers and forms)

# Story lists that are tables of figures (clean/lists.py): rows with a digit in one of their first two tokens
# ("June 9 - Tampa", "1a etapa: 10 de março", "3 Kevin Harvick 5033") or in two tokens anywhere ...
FIGURE_ROW = re.compile(r"^(?:\S+\s+)?\S*\d|\d\S*\s.*\d")
TABLE_MIN_ROWS = 4  # ... in a block of at least this many rows ...
TABLE_FIGURE_SHARE = 0.6  # ... this share of them figure rows ...
TABLE_MIN_ROW_WORDS = 4  # ... with this many words a row on average (not "2019 (12)" archive links)
TAIL_MIN_LINES = 3  # paragraph blocks after the story that make a structured tail; one or two are as likely furniture

# Whole lines that are furniture wherever they appear (`is_furniture_line`): these read from the line's start ...
_FURNITURE_FROM_START = re.compile(
    r"""^(?:
        \[an?\ error\ occurred\ while\ processing\ this\ directive\]
      | advert(?:isement)? | advertising | sponsored(?:\ content)? | ad
      | (?:continue|keep)\ reading(?:\ the\ main\ story|\ below)?
      | skip\ to\ (?:main\ )?content.* | jump\ to .* | back\ to\ top | top\ of\ page
      | (?:watch|listen)\b.{0,60} | video | audio | play\ video.* | image(?:\ \d+\ of\ \d+)?
      | (?:e-?mail|print|share|tweet|save|comment|comments)(?:\ (?:this|to\ a\ friend|this\ (?:story|article|page)))?
      | (?:share|follow)\ (?:this|on|us)\b.{0,60}
      | related(?:\ (?:stories|articles|links|content|coverage|topics|internet\ links|bbc\ links))?:?
      | more\ (?:on\ this\ story|stories|from\ .{1,40}|news)
      | (?:-\ )?(?:more|next|previous|latest|other)\ (?:\w+\ ){0,2}(?:news|stories|articles|posts)(?:\ -)?
      | most\ (?:read|popular|viewed|shared|emailed)(?:\ .{0,30})?
      | (?:read|see)\ (?:more|also|next)\b.{0,60}
      | (?:sign\ (?:in|up)|log\ ?in|log\ out|register|subscribe)\b.{0,60}
      | (?:newsletter|search|menu|home|sections|close|next|previous|loading\.*)
      | (?:photo|image|picture|credit|source)s?:.{0,120}
      | (?:©|\(c\)|copyright\b).{0,200}
      | all\ rights\ reserved\.?
      | tags?:.{0,200} | topics?:.{0,200} | filed\ under:?.{0,200}
      | (?:the|this)\ .{1,40}\ (?:is|are)\ not\ responsible\ for\ the\ content\ of\ external\ .{0,40}
      | (?:accept|manage|reject)\ (?:all\ )?cookies.{0,40} | privacy\ (?:overview|policy|settings)
      | supported\ by | opinion\ columnist | editor'?s\ picks? | trending(?:\ now)?
      | (?:what|which)\ are\ these\?
      | page\ \d+\ of\ \d+ | \d+\ comments?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# ... and these are told by a word anywhere in the line ("Photo credits...", a cookie notice). Tried at every
# length of every line they took 8 us a line, ten times all the others; so they are tried only on a line that holds
# their word, found by one search with the same flags (the same case folding as theirs).
_FURNITURE_WORD = re.compile("credit|cookies", re.IGNORECASE)
_FURNITURE_ANYWHERE = re.compile(
    r"""^(?:
        .{0,200}\bcredits?\.\.\..{0,80}
      | .*\bcookies\b.*\b(?:website|browser|consent|opt[-\ ]out|your\ experience|privacy)\b.*
      | .*\b(?:website|browser|consent|privacy)\b.*\bcookies\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_furniture_line(text: str) -> bool:
    """A line that is page furniture whole (a share or sign-in prompt, a credit, a cookie notice, ...)."""
    return bool(_FURNITURE_FROM_START.match(text) or (_FURNITURE_WORD.search(text) and _FURNITURE_ANYWHERE.match(text)))


# Photo captions and credits, told by the credit they open with ("FILE PHOTO: ...", "Image caption ...") or end
# with ("... (AP Photo/Jane Doe)", "... [File: Reuters]", "Jane Doe/Getty Images", "Photograph by Jane Doe").
CAPTION_HEAD = re.compile(r"(?:file\ photo|image\ (?:caption|copyright)|media\ caption|photograph)\b", re.I | re.X)
CAPTION_BRACKET = re.compile(r"[(\[](?:ap\ )?(?:photos?|images?|pictures?|credit|file)\b[^()\[\]]*[)\]]$", re.I)
CAPTION_BY = re.compile(r"\bphotograph(?:ed)?\ by\ .{1,60}$", re.I | re.X)
CAPTION_AGENCY = "getty images"  # the stock agency whose name ends credits on sites of every kind
CAPTION_TAIL_CHARS = 100  # credits are looked for in this many characters at the end of a line
CAPTION_END_PUNCTUATION = " .,;:!?'\"”’"  # stripped before looking at how a line ends

# The commonest of those lines in the other big news languages (Portuguese, Spanish, Italian, French, German):
# comment prompts, "read also" links, "you may also like" and "related" headings, share prompts.
FOREIGN_FURNITURE_LINE = re.compile(
    r"""^\(?(?:
        deixe\ (?:seu|um|o\ seu)\ comentário | deja\ (?:un|tu)\ comentario | lascia\ un\ commento
      | laisse[rz]?\ un\ commentaire | (?:schreibe|hinterlasse)\ einen\ kommentar
      | (?:leia|veja)\ (?:também|mais) | lea\ (?:también|más) | leer\ más | leggi\ (?:anche|altro)
      | (?:à\ )?lire\ (?:aussi|la\ suite) | lesen\ sie\ (?:auch|mehr) | weiterlesen
      | você\ (?:também\ )?pode\ gostar | (?:también\ )?te\ puede\ interesar | ti\ potrebbe\ interessare
      | potrebbe\ interessarti | vous\ aimerez\ aussi | das\ könnte\ sie\ auch\ interessieren
      | (?:artigos|notícias|matérias|artículos|noticias)\ relacionad[oa]s | articoli\ correlati
      | articles\ (?:liés|similaires) | (?:ähnliche|verwandte)\ artikel
      | compartilhe | compartilhar | compartir | condividi | partager | teilen
      | devi\ essere\ connesso | debes\ (?:iniciar\ sesión|estar\ registrado) | você\ precisa\ fazer\ login
    )\b.{0,100}$""",
    re.IGNORECASE | re.VERBOSE,
)

# Blocks an HTML extractor lets through: promotion, credits and sharing lines (`is_promo_block`, clean/blocks.py).
# These read from the block's start ...
_PROMO_FROM_START = re.compile(
    r"""(?:read\ more|related(?:\ (?:posts?|articles?|stories|story|content))?|see\ also|more|also|don'?t\ miss
          |you\ may\ also\ like|recommended(?:\ for\ you)?|further\ reading|more\ (?:on|about)\ this)\s*[:|]
      | (?:\(\s*)?(?:additional\ )?reporting\ by\b
      | (?:follow|e-?mail|write\ to|reach|contact)\b.{0,120}(?:twitter|facebook|instagram|@\w|\S@\S)
      | (?:citation|sources?|tags|filed\ under)\s*:""",
    re.IGNORECASE | re.VERBOSE,
)
# ... and these anywhere in it, each with a word searched for first, with the same flags (as the furniture lines
# above: searched for at every position of every block, they took 11 us a block).
_PROMO_WORD = re.compile("contributed|newsletter", re.IGNORECASE)
_PROMO_ANYWHERE = re.compile(
    r"""\bcontributed\ (?:reporting|to\ this\ (?:report|story|article))
      | \bnewsletters?\b.{0,80}\b(?:sign\ up|subscribe|inbox|delivered)\b
      | \b(?:sign\ up|subscribe)\b.{0,80}\bnewsletters?\b""",
    re.IGNORECASE | re.VERBOSE,
)


def is_promo_block(text: str) -> bool:
    """A block that promotes, credits or shares ("Read more:", "Additional reporting by", a newsletter sign-up)."""
    return bool(_PROMO_FROM_START.match(text) or (_PROMO_WORD.search(text) and _PROMO_ANYWHERE.search(text)))


PROMO_MAX_WORDS = 60  # a longer block is story prose even when it mentions a newsletter
TAIL_HEADLINE_MAX_WORDS = 15  # related-story titles after the story are about this short
TRUNCATED = re.compile(r"(?:\.\.\.|…)$")  # a teaser cut short: "Council sued over alleged open meeting..."
TITLE_REPEAT_WINDOW = 2  # the headline repeats as one of the first blocks, if at all

# A row of share buttons: "Facebook Twitter WhatsApp Email".
SHARE_ROW = re.compile(
    r"^(?:(?:share(?: on| this)?|facebook|twitter|x|whatsapp|pinterest|pint|linkedin|e-?mail|reddit|tumblr|print"
    r"|copy link|messenger|telegram|sms|flipboard|pocket|baixar|compartilhar|teilen|partager)\W*){2,}$",
    re.IGNORECASE,
)

# Dates the page states about itself; group "when" holds the date part.
STATED_DATE_LINE = re.compile(
    r"""^(?:last\ updated|updated(?:\ on)?|published(?:\ on)?|posted(?:\ on)?|first\ published(?:\ on)?|date)
        \s*:?\s*(?P<when>.{6,80})$""",
    re.IGNORECASE | re.VERBOSE,
)

MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I)
MONTH_DAY_YEAR = re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I)
ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
CLOCK = re.compile(
    r"\b(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<zone>[A-Z]{2,4}\b|[+-]\d{2}:?\d{2}|Z\b))?",
    re.I,
)
# Offsets of the zone names a dateline uses; ambiguous ones (IST, CST in Asia) are left out on purpose.
ZONE_OFFSETS = {
    "GMT": "+00:00", "UTC": "+00:00", "Z": "+00:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
    "EET": "+02:00", "EEST": "+03:00", "EST": "-05:00", "EDT": "-04:00", "CDT": "-05:00",
    "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "JST": "+09:00",
}

BYLINE = re.compile(
    r"^(?i:by)\s+(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|da|van|von|der|la|le|&)){0,5})"
    r"\s*(?:[,|•·–—-].{0,80})?$"
)
# A publication name standing alone on a line: "BBC News", "The Washington Post", "Reuters".
BRAND_LINE = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){0,4}"
    r"(?:News|Times|Post|Herald|Journal|Guardian|Telegraph|Tribune|Gazette|Chronicle|Independent|Observer"
    r"|Standard|Mail|Express|Mirror|Economist|Insider|Wire|Daily)$"
    r"|^(?:Reuters|Associated Press|AFP|Agence France-Presse|Bloomberg|Al Jazeera|NPR|CNN)$"
)
# Rows of navigation: "Home | News | Sport", "Americas Africa Europe Middle East".
NAV_SEPARATORS = re.compile(r"\s[|•·»›]\s|\s/\s")
# A numbered point of a listicle or how-to, "2. Drink water", "(3) Pay the bills": story, whatever its class.
LIST_NUMBER = re.compile(r"^\(?(?P<n>\d{1,3})[.)]\s+\S")
LIST_MAX_STRIDE = 6  # lines from one numbered point to the next at most
LIST_MIN_ITEMS = 3  # points of a numbered list after the story that extend it
CROSSHEAD_QUOTES = re.compile(r"""^(["'“‘])(?P<inner>[^"'“”‘’]+?)(["'”’])$""")

# Markdown block syntax.
MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
MD_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?P<text>.+)$")

# HTML: how trafilatura is asked for the main text (measured on article-extraction dev), and where dates hide.
TRAFILATURA_OPTIONS = {
    "output_format": "xml", "include_formatting": True, "include_comments": False, "include_tables": True,
    "include_images": False, "deduplicate": False,
}
PRECISE_MIN_SHARE = 0.5  # the precise candidate with less than half the words lost story, not furniture
PRECISE_MAX_SHARE = 1.5  # ... and with half as much again, its fallback took another part of the page
XML_BREAKS = frozenset({"lb", "p", "item", "row", "cell", "list", "head", "quote"})  # elements that separate words
XML_SKIPPED = frozenset({"graphic", "lb", "comments"})  # trafilatura elements that are not story text
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datePublished", "date", "pubdate", "publishdate",
    "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "publish-date",
)
PLACEHOLDER_YEARS_BELOW = 1000  # CMS templates fill empty dates with year 0 or 1
LD_ARTICLE_TYPES = ("Article", "BlogPosting", "NewsArticle", "Report", "WebPage")
TITLE_SEPARATOR = re.compile(r"\s+[-|–—·:»]\s+")

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
MAX_UNESCAPE_ROUNDS = 4
