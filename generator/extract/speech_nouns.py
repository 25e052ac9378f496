"""The nouns that head a speaker's description: people by their job, group or kin ("the envoy", "an operative",
"her niece"), and writings and bodies that speak for the people behind them ("the statement", "the bank").
Constants only; speech.py gives them to its callers beside the speech verbs."""

from __future__ import annotations

# Lowercase heads of a description that names a speaker's job or group: "the American special envoy".
ROLE_NOUNS = frozenset(
    """envoy envoys spokesman spokeswoman spokesperson spokespeople official officials minister ministers leader leaders
    negotiator negotiators president premier secretary senator senators diplomat diplomats ambassador counterpart
    chief head director chairman chairwoman chair governor mayor analyst analysts expert experts aide aides adviser
    advisers advisor advisors source sources candidate candidates nominee lawmaker lawmakers legislator legislators
    representative congressman congresswoman commissioner commander general officer officers police witness witnesses
    resident residents professor economist economists strategist strategists manager executive executives founder
    member members voter voters supporter supporters critic critics campaign staffer staffers worker workers lawyer
    lawyers attorney judge prosecutor prosecutors investigator investigators researcher researchers scientist
    scientists doctor doctors activist activists organizer organizers student students teacher teachers veteran
    veterans republican republicans democrat democrats correspondent reporter editor columnist pollster pollsters
    observer observers historian consultant person people man woman men women friend friends colleague colleagues
    mother father son daughter wife husband owner operator agency ministry department government administration
    author authors announcer questioner moderator host commentator commentators commenter commenters writer writers
    blogger bloggers anchor narrator protester protesters demonstrators crowd audience businessman businesswoman
    actress actor pastor delegate delegates volunteer volunteers employee employees user users fan fans hopeful
    hopefuls front-runner frontrunner attendee attendees
    media newspaper statement committee council party team group campaign company office house court""".split()
)
# People a description may name besides those by job or group (ROLE_NOUNS is also read for entities' roles, so
# these stay out of it): "One operative inside the tower", "the retired neurosurgeon", "the prince", "her niece".
_MORE_PEOPLE = frozenset(
    """heckler hecklers master justice graduate graduates operative operatives surgeon neurosurgeon physician
    physicians nurse nurses psychologist psychiatrist pope king queen prince princess cardinal bishop rabbi imam
    priest pastor reverend scholar scholars academics pundit pundits journalist journalists lobbyist lobbyists donor
    donors insider insiders rival rivals opponent opponents ally allies partner neighbor neighbors neighbour
    neighbours sister brother grandmother grandfather uncle aunt cousin niece nephew widow parent parents teenager
    teenagers boy girl kid kids child children citizen citizens taxpayer taxpayers farmer farmers miner miners
    soldier soldiers sheriff coach player players singer musician artist comedian entrepreneur investor investors
    banker bankers billionaire mogul tycoon chancellor incumbent challenger respondent respondents participant
    participants patient patients victim victims survivor survivors refugee refugees immigrant immigrants
    superdelegate superdelegates elector electors caucusgoer caucusgoers evangelicals conservatives liberals
    progressives""".split())
PERSON_HEADS = ROLE_NOUNS - frozenset("statement media newspaper".split()) | _MORE_PEOPLE
# Writings and bodies that speak for the people behind them: "the statement said", "The lawsuit contends", "the bank
# said"; a speaker when they open the clause of a speech verb.
SOURCE_NOUNS = frozenset(
    """statement statements report reports letter memo ad ads suit release editorial article book lawsuit complaint
    order ruling filing document documents poll survey study analysis post tweet email message transcript excerpt
    newspaper paper tabloid magazine website outlet outlets network station publication account clip video bank
    banks commission commissions court firm firms union unions organization organizations community service
    investigation inquiry probe audit opinion brief playbook resolution petition""".split())
