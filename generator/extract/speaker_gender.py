"""Which people of an article "he" and "she" can stand for: the grammatical gender the article gives each person.

Read from what the article itself says (an honorific, "Mr. Reed"; a gendered role, "spokeswoman", "her husband")
and, failing that, from a list of common given names. Constants only, plus one pure function; a person the article
gives no gender stays compatible with both pronouns.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from ..names import is_family_first

# Common given names, written from general knowledge (English-language news: US, UK, Europe, Latin America).
# Names given to both sexes often ("Jordan", "Taylor", "Leslie", "Kelly") are left out on purpose.
_MALE = """aaron abdul adam adrian ahmed al alan albert alberto alejandro alex alexander alfred ali allen alvin
andre andrew andy angelo anthony antonio antonin armando arnold arthur barack barry ben benjamin bernard bernie
bill billy bob bobby brad bradley brandon brent brett brian bruce bryan carl carlos chad charles charlie chris
christopher chuck clarence clark claude clifford clint colin craig curtis dale dan daniel danny darrell darren dave
david dean dennis derek devin dick don donald doug douglas duane dustin dwight earl ed eddie edgar eduardo edward
edwin elijah elliot emanuel emmanuel enrique eric erik ernest eugene evan felix fernando francis francisco frank
franklin fred frederick gabriel gary gene geoffrey george gerald gilbert glenn gordon graham grant greg gregory
gus guy hank harold harry harvey hector henry herbert herman howard hugh hugo ian isaac ivan jack jacob jaime jake
james jared jason javier jay jeb jeff jeffrey jeremy jerome jerry jesse jesus jim jimmy joe joel joey john johnny
jon jonathan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kevin kirk kurt kyle lamar
lance larry lawrence leo leon leonard lewis lincoln lindsey lloyd louis luis luke lyndon malcolm manuel marco
marcus mario mark martin marvin matt matthew maurice max melvin michael miguel mike mitch mitchell mohammed
muhammad murray nathan ned neil nelson newt nicholas nick nigel noah norman oliver omar oscar otto pablo patrick
paul pedro pete peter phil philip phillip rafael ralph randall randy raul ray raymond reince reggie ricardo richard
rick ricky rob robert roberto rod rodney roger roland ron ronald ross roy rudy russ russell ryan salvador sam
samuel scott sean sergei sergio seth shawn sherrod sid simon stanley stephen steve steven stuart ted theodore
thomas tim timothy todd tom tommy tony travis trent trey troy tyler vernon victor vince vincent vladimir wade walter
warren wayne wesley will william willie xavier zach zachary""".split()
_FEMALE = """abby abigail ada adriana alexandra alexis alice alicia alison allison amanda amber amelia amy ana andrea
angela angelina ann anna anne annette antonia april ashley audrey barbara beatrice becky belinda beth betsy betty
beverly bonnie brenda bridget brittany brooke candace candice carla carly carmen carol caroline carolyn cassandra
catherine cathy cecilia charlotte chelsea cheryl christina christine cindy claire clara claudia colleen connie
constance courtney crystal cynthia daisy danielle deb debbie deborah debra denise diana diane dianne dolores
donna doris dorothy edith eileen elaine eleanor elena elise elizabeth ella ellen elsa emily emma erica erin esther
eva evelyn fiona florence frances gabriela gail gayle georgia geraldine gillian gina gloria grace gwen gwendolyn
hannah harriet hazel heather heidi helen hillary holly hope ida ilhan irene iris isabel isabella ivanka jackie
jacqueline jane janet janice jasmine jeanne jeannie jennifer jenny jessica jill jo joan joanna joanne jodi joy
joyce juanita judith judy julia julie june karen karina kate katherine kathleen kathryn kathy katie katrina kay
kellyanne kimberly kirsten kristen kristin laura lauren leah linda lisa liz lois loretta lori louise lucia
lucy lydia lynn madeleine madeline maggie mandy marcia margaret maria marian marie marilyn marina marion marsha
martha mary maureen maxine megan megyn melania melanie melissa meredith michele michelle mildred miriam molly monica
nadia nancy naomi natalie natasha nicole nikki nina nora norma olivia paige pam pamela patricia patty paula pauline
peggy penny phyllis priscilla rachel rebecca regina renee rhonda rita roberta rosa rosalind rose ruth sally
samantha sandra sara sarah selena serena sharon sheila shirley sonia sophia sophie stacey stephanie sue susan suzanne
sylvia tamara tammy tanya teresa theresa tiffany tina tracy ursula valerie vanessa vera veronica victoria virginia
wanda wendy whitney yolanda yvonne zoe""".split()
GIVEN_NAME_GENDER = {**{n: "m" for n in _MALE}, **{n: "f" for n in _FEMALE}}

# Words that give a person's gender when the article puts them in a title, a role or an apposition.
_MALE_WORDS = frozenset(
    """mr mr. mister sir lord king prince duke father son brother husband uncle nephew grandfather spokesman
    congressman councilman chairman businessman actor boyfriend widower""".split())
_FEMALE_WORDS = frozenset(
    """mrs mrs. ms ms. miss madam madame lady dame queen princess duchess mother daughter sister wife aunt niece
    grandmother spokeswoman congresswoman councilwoman chairwoman businesswoman actress girlfriend widow
    first_lady""".split())
# Heads of a description that tell a person's gender though no title would: "the woman", "a young man".
_MALE_PEOPLE = frozenset("man boy gentleman guy".split())
_FEMALE_PEOPLE = frozenset("woman girl lady".split())
_WORD = re.compile(r"[a-z]+\.?")

PRONOUN_GENDER = {"he": "m", "she": "f"}


def _words_gender(text: str) -> str | None:
    """"m" or "f" when the words say so and do not contradict each other ("his wife" says nothing of its holder)."""
    found = {("m" if w in _MALE_WORDS else "f") for w in _WORD.findall(text.lower().replace("first lady", "first_lady"))
             if w in _MALE_WORDS or w in _FEMALE_WORDS}
    return found.pop() if len(found) == 1 else None


def description_gender(description: str) -> str | None:
    """"m" or "f" from the head noun of an unnamed speaker's description: "the woman", "his wife", "a spokesman"."""
    words = description.lower().split()
    head = words[-1].strip(",.") if words else ""
    if head in _MALE_WORDS or head in _MALE_PEOPLE:
        return "m"
    return "f" if head in _FEMALE_WORDS or head in _FEMALE_PEOPLE else None


def person_genders(people: Iterable[tuple[str, str | None, str | None]]) -> Mapping[str, str]:
    """person -> "m" or "f", from (person, title, role) of every mention: the article's own words first, then the
    given name. A person the evidence disagrees on gets no gender: a wrong "she" is worse than an unresolved one."""
    votes: dict[str, set[str]] = {}
    named: dict[str, str] = {}
    for person, title, role in people:
        said = {_words_gender(title) if title else None,
                _words_gender(role) if role and " of " not in role else None} - {None}
        if person not in votes:  # the given name once per person
            first = person.split()[0].lower().rstrip(".") if person.split() else ""
            if first in GIVEN_NAME_GENDER and len(person.split()) >= 2 and not is_family_first(person):
                named[person] = GIVEN_NAME_GENDER[first]
        votes.setdefault(person, set()).update(said)
    out: dict[str, str] = {}
    for person, said in votes.items():
        if len(said) == 1:
            out[person] = next(iter(said))
        elif not said and person in named:
            out[person] = named[person]
    return out
