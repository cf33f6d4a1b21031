"""Which words after 'Card for' name a person: not an occasion's or an award's ('Card for New Year', 'Award
for Sales Excellence', 'Order for Holiday Party'), and, said alone, a given name ('Card for Sue', 'Gift for
Mary'): read by :func:`.elsewhere._named_for` as whom the card is for. A first name alone was read as
nothing, its card ordered to the row's own name and street (the lead's closing note of session 50, leftover
1; hunter-asks6), where 'Card for Sue Smith' asks; a word that is no given name ('Card for Target', 'Card
for Sales') names no person."""

from __future__ import annotations

from ...folding.names import NAME_FORMS

OCCASION = frozenset(
    {"christmas", "xmas", "holiday", "holidays", "thanksgiving", "birthday", "anniversary", "retirement",
     "service", "excellence", "appreciation", "recognition", "achievement", "performance", "year", "years",
     "team", "party", "day", "week", "month", "award", "awards", "program", "employee", "customer", "sales",
     "safety", "graduation", "wedding", "baby", "shower", "promotion", "milestone", "spot", "peer",
     "referral",
     "bonus", "wellness", "contest", "winner", "prize", "event", "volunteer", "corp", "inc", "llc", "co",
     "company", "dept", "department", "office", "group", "staff", "new", "person", "recipient", "member",
     "january", "february", "march", "july", "september", "october", "november", "december"}
)  # fmt: skip

# The commonest US given names (and their short forms) that are no month, brand, role or word of a note's
# ('April', 'May', 'June', 'August', 'Max', 'Dean', 'Chase', 'Will', 'Grace', 'Joy' left out)
GIVEN_NAMES = frozenset(
    """mary patricia pat linda barbara barb elizabeth liz beth betty jennifer jen jenny maria susan sue susie
    margaret maggie peggy dorothy lisa nancy karen helen sandra sandy donna carol ruth sharon michelle laura
    sarah kimberly kim deborah debbie deb jessica jess shirley cynthia cindy angela angie melissa brenda amy
    anna rebecca becky virginia kathleen pamela pam martha debra amanda stephanie carolyn christine marie
    janet catherine cathy kathy katherine kate katie frances ann anne annie joyce diane alice julie heather
    teresa theresa doris gloria evelyn jean cheryl joan ashley judith judy rose janice kelly nicole
    christina beverly denise tammy irene jane lori rachel marilyn andrea kathryn louise sara jacqueline
    wanda bonnie julia ruby lois tina phyllis norma paula diana lillian emily robin crystal gladys rita
    connie florence tracy edna tiffany carmen rosa wendy victoria vicky edith sherry sylvia josephine
    thelma shannon sheila ethel ellen elaine marjorie carrie charlotte monica esther pauline emma juanita
    anita rhonda hazel eva leslie clara lucille jamie joanne eleanor valerie danielle megan alicia suzanne
    gail bertha darlene veronica jill erin geraldine lauren lorraine lynn sally regina erica beatrice
    dolores bernice audrey yvonne annette samantha marion dana stacy renee vivian roberta holly brittany
    melanie loretta yolanda jeanette laurie kristen vanessa alma elsie jeanne olivia sophia isabella ava
    mia abigail abby madison chloe ella hannah natalie zoe lily
    james jim jimmy john johnny robert bob bobby rob michael mike william bill billy david dave richard
    rick charles charlie chuck joseph joe thomas tom tommy christopher chris daniel dan danny paul mark
    donald don george kenneth ken steven steve edward ed eddie brian ronald ron anthony tony kevin jason
    matthew matt gary timothy tim jose larry jeffrey jeff frank scott eric stephen andrew andy raymond ray
    gregory greg joshua josh jerry dennis walter walt patrick peter pete harold douglas doug henry carl
    arthur ryan roger juan jack albert jonathan justin terry gerald keith samuel sam ralph lawrence
    nicholas nick roy benjamin ben bruce brandon adam harry fred wayne louis jeremy aaron randy howard
    eugene carlos russell victor martin ernest phillip phil todd jesse craig alan shawn clarence sean
    philip earl antonio bryan luis stanley leonard nathan nate dale manuel rodney curtis norman allen
    marvin vincent glenn travis chad jacob lee melvin alfred kyle francis bradley herbert frederick joel
    edwin ricky troy randall barry alexander bernard mario leroy francisco marcus theodore ted clifford
    miguel oscar calvin alex jon ronnie lloyd leon derek warren darrell jerome floyd leo alvin wesley
    gordon jorge dustin pedro derrick lewis zachary corey herman maurice vernon roberto clyde hector shane
    ricardo lester brent ramon tyler gilbert gene marc reginald ruben brett nathaniel rafael edgar milton
    raul chester cecil duane franklin andre elmer brad gabriel mitchell roland arnold harvey jared adrian
    karl cory claude erik darryl neil javier fernando clinton tyrone darren lonnie cody julio kurt allan
    nelson clayton hugh dwayne dwight armando felix everett ian wallace jaime ivan sidney byron julian
    isaac morris willard daryl ross virgil marshall salvador perry kirk sergio seth kent terrance rene
    eduardo terrence enrique freddie wade liam noah elijah logan lucas ethan mason""".split()  # noqa: SIM905 (a list of words, read as one)
)


def given_name(word: str) -> bool:
    """Whether ``word`` (one word, folded) is a given name: of :data:`GIVEN_NAMES`, or a full or short form
    of :mod:`...folding.names`' table ('Card for Jenn', 'Card for Zach' were sent to the row's own name and
    street, where 'Card for Jen' asks: review74's leftover, hunter-asks7), but 'Will' (a word of a note's)."""
    return word in GIVEN_NAMES or (word != "will" and word in NAME_FORMS)
