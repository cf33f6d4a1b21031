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


# ... and the words that, alone after 'Card for' and capitalized, name no person: a month, a day, a holiday,
# a team, a shop's card, a reward's reason or occasion, a role the list's people hold ('Card for Diwali',
# 'Card for Sales', 'Card for Amazon', 'Card for Kudos', 'Card for Sympathy', 'Card for Intern'). Any other
# such word is read as a given name neither list holds: 'Card for Xiomara' (a name of no table here) was
# ordered to the row's own name and street, exit 0, where 'Card for Jenn' asks (the lead's closing note of
# session 52; review79). The row's own given name sends as before (..askedplace)
NOT_A_PERSON = frozenset(
    """april may june august monday tuesday wednesday thursday friday saturday sunday weekend weekends spring
    summer fall autumn winter today tomorrow now later hanukkah chanukah diwali kwanzaa easter eid ramadan
    juneteenth valentines valentine halloween passover lunar mothers fathers memorial labor independence
    veterans boxing festivus noel sales marketing engineering finance accounting ops operations support legal
    management corporate admin payroll purchasing procurement shipping receiving facilities security research
    warehouse nursing pharmacy production maintenance quality logistics services manufacturing retail
    amazon starbucks target walmart visa mastercard amex chipotle sephora doordash uber lyft lowes costco
    safeway kroger macys nordstrom apple netflix spotify subway dunkin panera walgreens etsy ebay ikea kohls
    nike adidas applebees chilis dominos wendys arbys shell exxon onboarding referrals participation
    attendance survey surveys completion completing tenure loyalty hiring interview interviews feedback
    training certification mentoring mentorship relocation reimbursement travel mileage overtime covid flu
    vaccination vaccine steps fitness health testing coverage inventory audit night nights retention signing
    thanks gratitude kudos shoutout teamwork leadership innovation volunteering helping help everyone
    everybody all both each someone anyone nothing everything approval review pickup delivery mailing
    distribution raffle drawing giveaway lottery game games trivia bingo potluck lunch dinner breakfast coffee
    gas groceries food meals books school college tuition kids children good great hard excellent
    outstanding perfect extra going being max dean chase grace joy hope faith onboard radiology hogmanay
    sympathy condolence condolences congrats congratulations welcome farewell goodbye bereavement newborn
    housewarming honor honors merit quarterly annual monthly yearly weekly winners finalist finalists nominee
    nominees top best above beyond donation donations charity fundraiser fundraising giving celebration
    celebrations participant participants attendee attendees teacher teachers nurse nurses mentor mentors
    coach coaches intern interns volunteers crew driver drivers client clients guest guests vendor vendors
    contractor contractors retiree retirees alumni alum associates employees worker workers members
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
    vermont virginia washington wisconsin wyoming""".split()  # noqa: SIM905
)


def named_alone(word: str) -> bool:
    """Whether ``word`` (one capitalized word alone after 'Card for', folded) names a person: a given name
    (:func:`given_name`), or a word that names nothing else (:data:`NOT_A_PERSON`, :data:`OCCASION`)."""
    return given_name(word) or (word not in NOT_A_PERSON and word not in OCCASION)


def given_name(word: str) -> bool:
    """Whether ``word`` (one word, folded) is a given name: of :data:`GIVEN_NAMES`, or a full or short form
    of :mod:`...folding.names`' table ('Card for Jenn', 'Card for Zach' were sent to the row's own name and
    street, where 'Card for Jen' asks: review74's leftover, hunter-asks7), but 'Will' (a word of a note's)."""
    return word in GIVEN_NAMES or (word != "will" and word in NAME_FORMS)
