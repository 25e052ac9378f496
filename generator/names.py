"""Person names: titles and honorifics, shape checks, matching keys. A leaf module: only the standard library and text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import words

# Honorifics and title heads: the word that makes "X Kim" a reference to a person.
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady madam mister
    president premier chancellor minister secretary senator sen rep representative congressman congresswoman
    governor gov mayor ambassador envoy judge justice king queen prince princess emperor pope cardinal bishop
    archbishop rabbi imam sheikh rev reverend father sister brother general gen colonel col lieutenant lt
    major maj captain capt admiral adm commander cmdr sergeant sgt chairman chairwoman chair speaker
    commissioner inspector detective officer councillor councilman councilwoman director chief leader whip""".split()
)
# Words that may stand in front of a title head: "First Vice Foreign Minister", "former President".
TITLE_MODIFIERS = frozenset(
    """first second vice deputy acting former then interim assistant under associate senior junior prime
    foreign defence defense interior home finance trade justice health education energy state labor labour
    transport culture environment economy economic agriculture commerce treasury attorney surgeon supreme
    grand crown chief executive general lord lance staff principal permanent shadow majority minority
    house senate foreign-policy national security""".split()
)
# Every word of a title, head or modifier: "Former", "Secretary", "State".
TITLE_WORDS = TITLES | TITLE_MODIFIERS
# A family name this common in East Asia puts "Kim Kye-gwan" family-first: "Mr Kim" is the FIRST token.
EAST_ASIAN_FAMILY_NAMES = frozenset(
    """kim lee li park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo shin
    kwon hwang ahn an song ryu yoo hong jeon moon mun ri ro roh wang zhang liu chen yang huang zhao wu zhou xu
    sun ma zhu hu guo he gao lin luo zheng liang xie tang deng feng cao peng zeng xiao tian dong pan yuan cai
    jiang yu du ye cheng wei su lu ding ren shen yao jin xi wen bo tsai ho lai nguyen tran le pham hoang vo
    dang bui ngo duong ly""".split()
)
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv esq".split())
_PARTICLES = frozenset("de da di del della der van von bin al el la le du dos das ibn ben st".split())
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")
_POSSESSIVE = re.compile(r"[’']s?$")
_FOLDED_MARKS = re.compile(r"[-'’.]")  # compiled once: re's own cache is looked up at every call
_ABBREVIATED = re.compile(r"[A-Z][a-z]?\.")  # an initial or a short abbreviation: "W.", "St."


def _is_name_token(token: str) -> bool:
    """"Bosworth", "Kye-gwan", "O'Brien", "McCain", "Seán", "W." -- not "NATO" or "envoy"."""
    if not token[:1].isupper():
        return False  # what every test below needs: "de", "envoy" end here, before the pattern and the copies
    if _ABBREVIATED.fullmatch(token):
        return True
    letters = token.replace("-", "").replace("'", "").replace("’", "")
    return token[:1].isupper() and letters.isalpha() and not (len(letters) > 1 and letters.isupper())


def _tokens(name: str) -> list[str]:
    """Name tokens without possessive endings: "Mr. Kim’s" -> ["Mr.", "Kim"]."""
    # the marks _POSSESSIVE needs looked for first: most tokens have none, and a str test is cheaper than a sub
    return [_POSSESSIVE.sub("", t) if len(t) > 2 and ("’" in t or "'" in t) else t
            for t in name.replace(",", " ").split()]


def _bare(token: str) -> str:
    return token.lower().rstrip(".")


@lru_cache(maxsize=8192)  # pure, and called for every capitalised run and candidate pair
def strip_title(name: str) -> tuple[str, str | None]:
    """Split a leading title off a name: "Vice Foreign Minister Kim" -> ("Kim", "Vice Foreign Minister")."""
    tokens = _tokens(name)
    end = 0
    for i, token in enumerate(tokens[:-1]):
        bare = _bare(token)
        if bare in TITLES:
            end = i + 1
        elif bare not in TITLE_MODIFIERS:
            break
    if end == 0:
        return " ".join(tokens), None
    return " ".join(tokens[end:]), " ".join(tokens[:end])


@lru_cache(maxsize=8192)
def is_person_name(text: str) -> bool:
    """Rough shape check: one to five capitalised name tokens (initials, particles, hyphens allowed)."""
    bare, _ = strip_title(text)
    tokens = bare.split()
    while len(tokens) > 1 and tokens[-1].lower() in SUFFIXES:  # "Joseph R. Murray II": the name ends before "II"
        tokens = tokens[:-1]
    if not 1 <= len(tokens) <= 5:
        return False
    if not _is_name_token(tokens[0]) or not _is_name_token(tokens[-1]) or _INITIAL.match(tokens[-1].rstrip(".")):
        return False
    return all(_is_name_token(t) or t.lower() in _PARTICLES or t.lower() in SUFFIXES for t in tokens)


@lru_cache(maxsize=16384)  # pure; every pair of names an article compares folds the same few tokens again
def _fold(token: str) -> str:
    """Lowercase ASCII, no hyphens or apostrophes: "Kye-gwan" -> "kyegwan"."""
    ascii_token = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode("ascii")
    return _FOLDED_MARKS.sub("", ascii_token.lower())


@lru_cache(maxsize=8192)  # pure, and asked again for the same names by every comparison
def _core(name: str) -> tuple[str, ...]:
    """The name's tokens without title, initials and suffixes."""
    bare, _ = strip_title(name)
    return tuple(t for t in words(bare) if not _INITIAL.match(t.rstrip(".")) and t.lower() not in SUFFIXES)


def is_family_first(name: str) -> bool:
    """Whether a full name is written family name first ("Kim Jong-il", "Xi Jinping")."""
    core = _core(name)
    return 2 <= len(core) <= 3 and core[0].lower() in EAST_ASIAN_FAMILY_NAMES


def family_name(name: str) -> str:
    """The family name: last token, or the first for family-first names."""
    core = _core(name) or (name,)
    return core[0] if is_family_first(name) else core[-1]


@lru_cache(maxsize=8192)  # pure, and called in nested loops over an article's mentions
def name_key(name: str) -> str:
    """One key per person whatever the form: "Stephen W. Bosworth" and "Stephen Bosworth" -> "stephen bosworth"."""
    core = _core(name)
    if not core:
        return _fold(name)
    if is_family_first(name):
        return f"{_fold(core[0])} {''.join(_fold(t) for t in core[1:])}"
    if len(core) == 1:
        return _fold(core[0])
    return f"{_fold(core[0])} {_fold(core[-1])}"


@lru_cache(maxsize=8192)  # pure; asked for every name an article's mentions resolve to
def name_handles(name: str) -> frozenset[str]:
    """The folded words a reference to this person has to share with the name when same_person(name, one_word) holds
    for a one-word reference: its key, its core words and its written words. An index over them finds the few people
    a bare "Kim" may mean without comparing it with every person of the article."""
    written = _tokens(strip_title(name)[0])
    return frozenset({name_key(name), *(_fold(t) for t in _core(name)), *(_fold(t) for t in written)})


def _initials_match(short: list[str], full: list[str]) -> bool:
    """"S. Bosworth" / "S.W. Bosworth" against "Stephen W. Bosworth": initials agree with given names."""
    if _fold(short[-1]) != _fold(full[-1]):
        return False
    letters = "".join(t.replace(".", "") for t in short[:-1])
    given = [t for t in full[:-1]]
    return bool(letters) and all(i < len(given) and given[i][0].upper() == c.upper() for i, c in enumerate(letters))


@lru_cache(maxsize=8192)
def same_person(a: str, b: str) -> bool:
    """Whether b can be a (shorter) reference to the person named a: surname, family-first given name, initials."""
    if name_key(a) == name_key(b):
        return True
    short_core, full_core = _core(b), _core(a)
    if not short_core or not full_core:
        return False
    raw_short = _tokens(strip_title(b)[0])
    if any(_INITIAL.match(t) or _INITIAL.match(t.rstrip(".")) for t in raw_short[:-1]):
        return _initials_match(raw_short, _tokens(strip_title(a)[0]))
    if len(short_core) == 1:
        token = _fold(short_core[0])
        if is_family_first(a):
            return token == _fold(full_core[0]) or ("-" not in full_core[-1] and token == _fold(full_core[-1]))
        return token == _fold(full_core[-1])
    folded = [_fold(t) for t in full_core]
    return folded[0] == _fold(short_core[0]) and folded[-1] == _fold(short_core[-1])
