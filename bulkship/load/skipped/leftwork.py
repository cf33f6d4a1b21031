"""A leaving from work or a death in the families of words HR and CRM lists write it in, beyond the words
read one by one ('Terminated', 'Left company'): a dismissal's other verbs ('Sacked', 'Axed', 'Got the boot',
'Shown the door'); leaving, quitting or walking off an employer named ('Left us', 'Left the business', 'Quit
the job', 'Resigned from the firm', 'No longer with the agency'); the end of the employment said in either
order ('Ended employment', 'Gig ended', 'Secondment came to an end'); a death in its idioms ('Departed this
life', 'Passed on', 'Went to be with the Lord'); a leaving coded with its kind ('Term - Vol', 'Separated -
voluntary', 'Invol. Sep'). Each was ordered under 'Notes', and most under 'Status' (found by hunter-asks8
over 2,400 such texts: 2,095 sent under Notes, 1,936 under Status). Read by :data:`.notes._NOTE_SAYS_NO` and
:data:`.status._PERSON_GONE`.

Only the whole phrase, then its end, a sign, a day or a word of when, why or whose say ('Sacked 11/15',
'Left the business - misconduct', 'Fired for cause', 'Passed on last week'): not the same words going on to
mean something else ('Fired up', 'Left handed', 'Left us a review', 'Passed on the message', 'Discharged
from hospital', 'Called home sick', 'Quit the job board ads').

And (:data:`LEAVING_SIGNS`) the paper and the chores of a leaving, not the word: a final paycheck issued,
COBRA sent, a badge deactivated, keys returned, an exit interview held, taken off payroll. Each was ordered
(hunter-asks8): gone, or a chore of another kind? The row asks (:mod:`.saidasking`)."""

from __future__ import annotations

# what may come after: nothing, a sign, a day (a year then nothing or a sign: 'Terminated 2025 contract early
# - still here' is of a contract), or a word of when, why or whose say
_THEN_ANY = (
    r"(?=\s*$|\s*[-–—:,.;!(/]|\s+(?:on\s+|eff\.?\s+|effective\s+)?(?:\d{1,4}[/.-]\d|(?:19|20)\d\d(?=\s*(?:$|"
    r"[-–—:,.;!(])))|\s+(?:(?:as\s+)?per|by(?=\s+\S)|in|on|as\s+of|"
    r"effective|eff|since|last|this|yesterday|today|recently|earlier|for|due|after|because|following|w/|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?=\s*\d)|"
    r"without|with\s+(?:no|cause)|and\s+(?:will\s+)?not|do\s+not|dnr)\b)"
)
# ... not said a mistake ('Reinstated (was terminated in error)' sends: .inerror reads the mistake)
_THEN = (
    r"(?!\s*[-–—:,(]?\s*(?:in\s+error|by\s+(?:mistake|error|accident)|mistakenly|erroneously|accidentally)\b)"
    + _THEN_ANY
)
# who, and how it is said of them ('Employee was', 'She has been', 'He got')
_WHO = (
    r"(?:(?:the\s+)?(?:employee|ee|emp|associate|recipient|donor|worker|member|he|she|they)\s+)?"
    r"(?:(?:was|were|is|are|has|have|had|got|gotten|been|now)\s+)?(?:(?:been|just|recently|voluntarily|now|"
    r"summarily|immediately|unfairly|wrongfully|reportedly|reported|confirmed|"
    r"involuntarily|officially)\s+)?"
)
# an employer, or the work itself ('us', 'the business', 'his job', 'employment')
_EMPLOYER = (
    r"(?:us|(?:(?:the|our|this|his|her|their|its)\s+)?(?:company|co\.?|business|firm|organi[sz]ation|org\.?|"
    r"employer|corporation|corp\.?|agency|practice|district|school\s+district|(?:hospital|health)\s+system|"
    r"bank|store\s+chain|job|position|post|role|workforce|employment|staff))"
)
# a dismissal's verbs, beyond 'Terminated', 'Fired', 'Let go' (read where they are)
_DISMISSED = (
    r"(?:sacked|axed|canned|booted(?:\s+out)?|kicked\s+out|shown\s+the\s+door|discharged|fired|dismissed|"
    r"let\s+go|terminated|termed|leaver|inactivated|out[\s-]?processed|nle|nlwc|nlwtc|"
    r"quit(?=\s+(?:without|w/o|with\s+no)\s+notice)|(?:removed|taken)\s+(?:from|off)\s+(?:the\s+)?(?:staff|"
    r"roster|headcount)|"
    # ... walked off or out, the job said or not ('Walked off', 'Walked out mid-shift')
    r"walked\s+(?:off|out)(?:\s+(?:on\s+)?(?:the\s+)?(?:job|shift|site|job\s+site|mid[\s-]?shift))?"
    r"(?:,?\s+(?:and\s+)?never\s+(?:came\s+back|returned))?|"
    r"(?:given|got|gotten|handed|received)\s+(?:the|his|her|their)\s+(?:sack|boot|axe|ax|chop|pink\s+slip|"
    r"marching\s+orders|walking\s+papers)|"
    r"(?:fired|dismissed|let\s+go|terminated|discharged|released|laid\s+off|sacked|axed|canned|booted)\s+"
    r"from\s+" + _EMPLOYER + ")"
)
# leaving an employer named
_LEFT_AN_EMPLOYER = (
    r"(?:(?:left|quit(?:ted)?|exited|departed(?:\s+from)?|resigned\s+from|abandoned|walked\s+(?:off|out\s+"
    r"(?:of|on))|left\s+employment\s+(?:with|at))\s+" + _EMPLOYER + r"|(?:left|quit|exited|departed)\s+"
    r"(?:\w+\s+)?(?:for\s+(?:good|another\s+(?:job|company|employer|position|opportunity)|a\s+(?:new|better|"
    r"different)\s+(?:job|company|employer|position|opportunity)))|no\s+longer\s+(?:with|at|on|part\s+of|"
    r"employed\s+(?:by|with|at)|working\s+(?:for|at|with))\s+" + _EMPLOYER + r"|"
    r"services?\s+(?:(?:are|is)\s+)?no\s+longer\s+(?:required|needed))"
)
# the end of the employment, in either order
_WORK = r"(?:employment(?:\s+relationship)?|work\s+relationship|tenure|job|position|role|services?)"
_CONTRACT = (
    r"(?:(?:temp(?:orary)?\s+)?(?:contract(?:\s+work)?|assignment)|engagement|gig|placement|secondment|"
    r"internship|apprenticeship)"
)
# ... of which those a task's or a course's too, done ('Assignment completed', 'Internship completed', 'Gig
# complete' say a piece of work done: sent, as before)
_CONTRACT_DONE = (
    r"(?:(?:temp(?:orary)?\s+)?contract(?:\s+work)?|temp(?:orary)?\s+assignment|"
    r"engagement|placement|secondment)"
)
_ENDED = (
    r"(?:(?:has|had|have|was|is)\s+)?(?:ended|terminated|concluded|expired|ceased|discontinued|came\s+to\s+an\s+end|"
    r"not\s+renewed|"
    r"over)(?:\s+early)?"
)
_DONE = r"(?:(?:has|was|is)\s+(?:been\s+)?)?(?:finished|completed?|done|closed(?:\s+out)?)"
_EMPLOYMENT_ENDED = (
    rf"(?:(?:his|her|their|the|ee|employee)\s+)?(?:{_WORK}\s+{_ENDED}|{_CONTRACT}\s+{_ENDED}|{_CONTRACT_DONE}\s+{_DONE})|"
    rf"(?:ended|terminated|concluded|finished|ceased|discontinued)\s+(?:(?:his|her|their|the|its)\s+)?"
    rf"(?:{_WORK}|{_CONTRACT})"
    r"(?:\s+with\s+" + _EMPLOYER + r")?|completed\s+(?:(?:his|her|their)\s+)?(?:employment|tenure)"
    r"(?:\s+with\s+" + _EMPLOYER + ")?"
)
# a death in its idioms
_DIED = (
    r"(?:departed\s+(?:(?:from\s+)?this\s+(?:life|world|earth))|passed\s+on|deceased|(?:went|gone|called|taken)\s+"
    r"(?:home\s+)?to\s+(?:be\s+with\s+)?(?:the\s+lord|god|jesus|christ|heaven|glory)|(?:was\s+)?called\s+home|"
    r"entered\s+(?:into\s+)?(?:eternal\s+)?(?:rest|glory)|lost\s+(?:his|her|their)\s+(?:long\s+)?(?:battle|"
    r"fight)(?:\s+(?:with|against)\s+[\w-]+)?|succumbed(?:\s+to\s+[\w-]+)?|perished|killed|crossed\s+over|"
    r"demised|decedent|dead|(?:died|passed\s+away)(?:\s+(?:suddenly|peacefully|unexpectedly))?|lost\s+to\s+(?:covid(?:-19)?|cancer|illness)|laid\s+to\s+rest|"
    r"fell\s+asleep\s+in\s+(?:jesus|the\s+lord|christ)|in\s+loving\s+memory|no\s+longer\s+(?:living|alive|with\s+us))"
)
# a leaving coded with its kind ('Term - Vol', 'Separated (involuntary)', 'Invol. Sep')
_A_LEAVING = (
    r"(?:term(?:ed|inated|ination)?|separat(?:ed|ion)|sep|resign(?:ed|ation)|exit(?:ed)?|left|leaver|"
    r"departure)"
)
_ITS_KIND = (
    r"(?:(?:in)?vol(?:untary|\.)?|resignation|resigned|quit|job\s+abandonment|abandonment|misconduct|"
    r"attendance|performance|lay[\s-]?off|rif|end\s+of\s+(?:contract|assignment)|death|deceased|personal"
    r"(?:\s+reasons)?|relocation|better\s+opportunity|no[\s-]+call[\s,/-]*no[\s-]+show|ncns|dismissal|"
    r"mutual(?:\s+agreement)?|policy\s+violation|position\s+eliminated|for\s+cause|cause)"
)
_CODED_LEAVING = (
    rf"{_A_LEAVING}\s*(?:[-–—:/,(]\s*|\s+){_ITS_KIND}\b|"
    rf"(?:in)?vol(?:untary|\.)?\s*(?:{_A_LEAVING}|sep)\b(?!\s+(?:life|insurance)\b)"
)
# ... a leaving alone, no death: what may be undone ('Sacked - rehired 12/1'), said a mistake ('Sacked in
# error') or come on a day ahead ('Ended employment 1/15/2027'), as 'Terminated' may
LEFT_A_JOB = (
    rf"(?:{_WHO}(?:{_DISMISSED}|{_LEFT_AN_EMPLOYER}|{_EMPLOYMENT_ENDED}){_THEN_ANY}|{_CODED_LEAVING})"
)
# ... a death: 'deceased', 'dead', 'died' not with a bare year after them ('Spouse (employee deceased 2019)':
# the spouse's row sends, as before; .notes reads those words with their year itself)
_DIED_THEN = (
    rf"{_DIED}(?:(?:(?<=deceased)|(?<=dead)|(?<=died))(?!\s+(?:19|20)\d\d\b)|(?<!deceased)(?<!dead)(?<!died))"
    rf"{_THEN}"
)
DIED_IN_WORDS = rf"(?:{_WHO}{_DIED_THEN})"
LEFT_WORK = (
    rf"(?:{_WHO}(?:(?:{_DISMISSED}|{_LEFT_AN_EMPLOYER}|{_EMPLOYMENT_ENDED}){_THEN}|{_DIED_THEN})|"
    rf"{_CODED_LEAVING})"
)

# the chores of a leaving, not the word (asked, :mod:`.saidasking`)
_PAID_LAST = (
    r"(?:final|last)\s+(?:pay\s*checks?|pay\s*cheques?|checks?|cheques?|pay|wages|salary|payroll)\s+"
    r"(?:(?:was|has\s+been)\s+)?(?:issued|sent|mailed|processed|paid(?:\s+out)?|cut|released|done|run)|"
    r"(?:pto|vacation|leave\s+balance|accrued\s+(?:pto|vacation))\s+(?:(?:was|has\s+been)\s+)?(?:paid\s+out|"
    r"payout\s+(?:processed|done|issued))|paid\s+out\s+(?:(?:his|her|their)\s+)?(?:final\s+)?(?:pto|vacation)|"
    # (a notice paid, not worked, as UK payroll says it: 'PILON', 'Paid in lieu of notice')
    r"pilon(?:\s+(?:paid|processed))?|(?:paid|pay|payment)\s+in\s+lieu(?:\s+of\s+notice)?(?:\s+(?:paid|processed))?"
)
_COBRA = (
    r"cobra(?:\s+(?:notice|letter|packet|paperwork|election(?:\s+(?:notice|form))?|info(?:rmation)?|forms?))?"
    r"\s+(?:(?:was|were|has\s+been)\s+)?(?:sent|mailed|issued|offered|provided)|receiving\s+cobra|"
    r"benefits\s+(?:(?:were|have\s+been)\s+)?(?:terminated|ended|cancell?ed|stopped)"
)
_THINGS = (
    r"(?:(?:security\s+|id\s+|access\s+)?badges?|key\s*cards?|card\s*keys?|fobs?|(?:system|network|building|it)"
    r"\s+access|access|(?:ad|network|windows|user|system|e-?mail|slack|okta)\s+accounts?|accounts?|e-?mail|"
    r"laptop|computer|equipment|company\s+(?:property|phone|laptop|car|vehicle|equipment)|keys?|uniforms?)"
)
_HANDED_BACK = (
    rf"{_THINGS}(?:\s*(?:,|and|&|\+)\s*{_THINGS})*(?:\s+access)?\s+(?:(?:was|were|has\s+been|have\s+been)\s+)?(?:deactivated|disabled|revoked|removed|"
    r"terminated|returned|"
    r"collected|turned\s+in|surrendered|cancell?ed|shut\s+off|turned\s+off|cut\s+off|locked\s+and\s+disabled|"
    r"retrieved)|"
    r"(?:turned|handed)\s+in\s+(?:(?:his|her|their)\s+)?(?:badge|keys?|laptop)(?:\s+and\s+(?:badge|keys?|"
    r"laptop))?|(?:returned|surrendered)\s+(?:(?:his|her|their)\s+)?(?:badge|keys|laptop|equipment)(?:\s+and\s+"
    r"(?:badge|keys|laptop|equipment))?|(?:cleaned|cleared)\s+out\s+(?:(?:his|her|their)\s+)?(?:desk|office|"
    r"locker)|collected\s+(?:(?:his|her|their)\s+)?belongings"
)
_OFF_PAYROLL = (
    r"exit\s+interview\s+(?:(?:was|has\s+been)\s+)?(?:done|completed?|conducted|held)|had\s+(?:an?\s+|(?:his|"
    r"her|their)\s+)?exit\s+interview|exit\s+paperwork\s+(?:done|completed?|signed)|off[\s-]?boarding\s+"
    r"(?:checklist|tasks?)\s+(?:complete[d]?|done)|(?:roe|p45|record\s+of\s+employment|separation\s+notice|"
    r"termination\s+notice)\s+(?:(?:was|has\s+been)\s+)?(?:issued|sent|mailed|done)|(?:removed|taken)\s+"
    r"(?:off|from)\s+(?:the\s+)?payroll|off\s+(?:the\s+)?payroll|no\s+longer\s+on\s+(?:the\s+)?payroll|"
    r"payroll\s+(?:stopped|ended|deactivated)|"
    r"(?:unemployment|ui)(?:\s+insurance)?\s+claim\s+(?:filed|received|opened)|filed\s+(?:for\s+)?"
    r"(?:unemployment|ui)|(?:collecting|on|receiving)\s+unemployment"
)
# ... or not coming in any more, or a death whose unsaid ('Never came back', 'Stopped showing up', 'AWOL',
# 'Death reported', 'Obituary posted': the person's, or a relative's?)
_NOT_COMING = (
    r"never\s+came\s+back|stopped\s+(?:showing\s+up|coming\s+(?:in|to\s+work))|ghosted(?:\s+us)?|"
    r"(?:went\s+)?awol|death|death\s+(?:reported|notice\s+received)|"
    # (moved to another employer with the work, UK's TUPE: as 'Transferred out' asks, .saidasking)
    r"tupe(?:['’]?d)?\s+(?:out|transfer(?:red)?\s+out)|tupe\s+transfer(?:red)?\s+out|death\s+certificate\s+(?:received|on\s+file)|"
    r"obituary\s+(?:posted|published|seen|found|received)"
)
LEAVING_SIGNS = (
    rf"(?:{_PAID_LAST}|{_COBRA}|{_HANDED_BACK}|{_OFF_PAYROLL}|{_NOT_COMING})"
    r"(?:\s*(?:[-–—:,(]\s*)?(?:(?:on|as\s+of)\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?"
    r"(?:\s*(?:[-–—:,]\s*|\(\s*|\s+)(?:as\s+)?per\s+[\w.&]+(?:\s+[\w.&]+)?\)?)?"
)
