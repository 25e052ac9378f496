"""Seed words of each section: what a newspaper's desk of that name covers, written from general knowledge.

They only start the sections off (sections.py then learns each section's vocabulary from the collection itself), so
they are short, common, unambiguous words, lower case, one word each. Order is the tie-break order.
"""

from __future__ import annotations

SECTION_SEEDS: dict[str, str] = {
    "Politics": """election elections minister ministers government parliament parliamentary party parties vote
        voters voting campaign labour conservative conservatives tory tories democrat democrats republican
        republicans senate senator congress prime mp mps policy opposition coalition referendum cabinet
        legislation lawmakers politician politicians manifesto chancellor governor mayor""",
    "Business": """company companies market markets shares shareholders profit profits economy economic bank banks
        investors sales prices inflation growth trade firm firms earnings stock stocks revenue oil jobs
        unemployment interest rates retail retailer takeover merger dollar currency exports imports
        manufacturing ceo industry""",
    "Sport": """match matches team teams player players coach season league cup championship championships
        tournament victory goal goals olympic olympics football soccer rugby cricket tennis golf athletics race
        champion squad striker midfielder defender goalkeeper medal stadium fixture semi-final quarter-final""",
    "Technology": """technology software computer computers internet online digital mobile phone phones
        broadband website web users device devices microsoft google apple gadget gadgets hackers console
        consoles download downloads spam wireless chip chips pc pcs gaming""",
    "Entertainment": """film films movie movies music album albums band singer singers actor actress actors
        television tv festival award awards oscar oscars box office concert theatre comedy hollywood chart
        charts director starring musical songs song celebrity""",
    "World": """war military troops army soldiers attack attacks killed rebels refugees embassy conflict
        ceasefire insurgents militants humanitarian invasion civilians occupation diplomats diplomatic
        sanctions nuclear""",
    "Science": """science scientists scientific research researchers study space nasa planet planets climate
        species universe physics experiment discovery laboratory astronomers telescope fossil evolution""",
    "Health": """health hospital hospitals patients doctors disease diseases medical vaccine vaccines cancer
        treatment nhs infection infections surgery nurses clinical illness epidemic outbreak""",
}
