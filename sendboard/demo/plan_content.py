"""The words of Northshire's Priority Action Plan, and the year each line has lived.

Invented for the demo. Each line's `path` is its status as its owner recorded it in
each month of the plan's first year, then in the month still open, one letter a month:

    n not started   g on track    a at risk    r off track
    c complete      e embedded    t moved to business as usual    . no update that month

Read down a column and the year's story appears: a steady start, recruitment of EHC
plan writers stalling in month 5, the neurodevelopmental (ND) assessment provider
closing its waiting list in month 6, the dip that follows, then recovery.
"""

from typing import NamedTuple

MONTHS = 13  # twelve closed reporting periods and the one still open

PLAN = {
    "title": "Northshire Priority Action Plan",
    "source": "Ofsted and CQC area SEND inspection",
}


class PlanLine(NamedTuple):
    reference: str
    text: str
    owners: tuple[str, ...]  # person keys of content.PEOPLE
    lead: str  # organisation key of content.ORGANISATIONS
    workstream: str
    starts: int  # month of the plan it starts in, from 0
    due: int  # month of the plan it is due by
    measure: str  # the success measure
    impact: str  # the "so what", said once it is complete
    path: str


# reference, title, outcomes (reference, title)
AREAS = [
    (
        "APA1",
        "Children's needs are identified and assessed in good time, and their EHC plans are "
        "issued within 20 weeks and are of good quality",
        [
            ("1", "EHC needs assessments are completed and plans issued within 20 weeks"),
            (
                "2",
                "EHC plans are of good quality, written with timely advice from every partner, "
                "and annual reviews keep them up to date",
            ),
            (
                "3",
                "Children's needs are met early in mainstream settings through the graduated "
                "approach, without waiting for a plan",
            ),
        ],
    ),
    (
        "APA2",
        "Partners commission jointly to cut waits for neurodevelopmental assessment and "
        "therapies, and support families while they wait",
        [
            (
                "4",
                "Children wait less for a neurodevelopmental assessment and their families are "
                "supported while they wait",
            ),
            ("5", "Children get speech and language and occupational therapy when they need it"),
            (
                "6",
                "Partners plan and commission together from shared data, and families can find "
                "what is on offer",
            ),
        ],
    ),
]

EHC, QA, INCLUSION = "EHC recovery", "Quality assurance", "Inclusion and graduated approach"
ND, THERAPIES, COMMISSIONING = "Neurodevelopmental pathway", "Therapies", "Joint commissioning"

LINES = {
    "1": [
        PlanLine(
            "1.1",
            "Recruit six permanent EHC plan writers and two team managers to the EHC "
            "Assessment and Review Service",
            ("ehc_lead", "member"),
            "council",
            EHC,
            0,
            6,
            "Six writers and two managers in post; no writer holds more than 45 plans",
            "Each family now has a writer from the first week of drafting; drafts reach "
            "families four weeks sooner than last year",
            "ggggarragceee",
        ),
        PlanLine(
            "1.2",
            "Commission an agency drafting team to write plans while permanent posts are filled",
            ("member",),
            "council",
            EHC,
            5,
            7,
            "Agency team drafting 20 plans a month until permanent writers are in post",
            "Drafting kept moving through the recruitment gap: 160 plans were drafted by "
            "the agency team instead of waiting",
            "nnnnnggcceee.",
        ),
        PlanLine(
            "1.3",
            "Clear the assessments open past 20 weeks, tracked weekly by stage",
            ("ehc_lead",),
            "council",
            EHC,
            0,
            10,
            "No assessment open past 30 weeks; fewer than 40 open past 20 weeks",
            "No child now waits more than 30 weeks for a plan; the longest wait a year ago "
            "was 61 weeks",
            "ggggarrraggcc",
        ),
        PlanLine(
            "1.4",
            "Agree a six-week return for health, social care and educational "
            "psychology advice, reported monthly",
            ("dco", "ep"),
            "icb",
            EHC,
            0,
            7,
            "90% of advice returned within six weeks for three months running",
            "Plans are no longer held up waiting for advice; drafting starts in week 12 "
            "instead of week 16",
            "ggggggagcceee",
        ),
        PlanLine(
            "1.5",
            "Hold decision-making panels weekly, with a parent carer observer",
            ("ehc_lead",),
            "council",
            EHC,
            0,
            2,
            "Every decision to assess made within six weeks",
            "Families hear whether their child will be assessed within six weeks; the "
            "Forum's observer reports decisions are explained clearly",
            "ggceeeeeet...",
        ),
        PlanLine(
            "1.6",
            "Build a caseload dashboard for the EHC service showing each child's "
            "stage and days waiting",
            ("analyst",),
            "council",
            EHC,
            1,
            5,
            "Dashboard used at every weekly allocation meeting",
            "Managers see every late case each week and act before the 20 weeks pass",
            "ngggggcceeee.",
        ),
        PlanLine(
            "1.7",
            "Name an EHC co-ordinator for every family and publish their contact details",
            ("member",),
            "council",
            EHC,
            0,
            3,
            "Every family in assessment has a named co-ordinator",
            "Families know who to call; complaints about not being able to reach the "
            "service halved",
            "ggcceeeeeeee.",
        ),
        PlanLine(
            "1.8",
            "Agree a 20-week timeliness trajectory with the DfE adviser and report "
            "against it every month",
            ("member", "analyst"),
            "council",
            EHC,
            0,
            12,
            "Half of new plans issued within 20 weeks by the end of the year",
            "More children have their plan within the legal 20 weeks, month on month",
            "ggggaarragggc",
        ),
        PlanLine(
            "1.9",
            "Train EHC co-ordinators in person-centred drafting",
            ("ehc_lead",),
            "council",
            EHC,
            2,
            8,
            "Every co-ordinator trained; refresher every term",
            "Plans are written to the child, in words families recognise",
            "nngggaaggccee",
        ),
        PlanLine(
            "1.10",
            "Write to families at 6, 14 and 20 weeks to say where the assessment "
            "is and what happens next",
            ("ehc_lead",),
            "council",
            EHC,
            2,
            7,
            "Letters sent for every open assessment at each point",
            "Families say they know where their child's assessment is without chasing",
            "nnggggggccee.",
        ),
    ],
    "2": [
        PlanLine(
            "2.1",
            "Adopt a quality assurance framework for EHC plans with graded sections, "
            "agreed by every partner",
            ("auditor",),
            "council",
            QA,
            0,
            3,
            "Framework signed off by the council, ICB and trusts",
            "Every partner judges a plan against the same standard",
            "ggcceeeeeeee.",
        ),
        PlanLine(
            "2.2",
            "Audit 5% of new and amended plans each month against the framework",
            ("auditor",),
            "council",
            QA,
            1,
            8,
            "5% of plans audited every month for six months",
            "Half of audited plans were good or better in the last quarter, up from a third",
            "nggaaggcceee.",
        ),
        PlanLine(
            "2.3",
            "Run a monthly multi-agency audit with health, social care and education auditors",
            ("auditor", "dco"),
            "icb",
            QA,
            2,
            9,
            "One multi-agency audit a month with all three partners present",
            "Partners see the whole plan together and agree what good advice looks like",
            "nngaaaaaaaaa.",
        ),
        PlanLine(
            "2.4",
            "Train health advice writers to set specific, measurable outcomes",
            ("dco",),
            "icb",
            QA,
            0,
            6,
            "Every health advice writer trained",
            "Health advice in audited plans now names outcomes a family can check",
            "ggggggcceeee.",
        ),
        PlanLine(
            "2.5",
            "Clear the annual review backlog with a weekly amendment panel",
            ("member",),
            "council",
            QA,
            0,
            10,
            "Fewer than 100 reviews overdue; amended plans issued within 12 weeks",
            "Plans are kept up to date: overdue reviews fell by two thirds",
            "ggggarraggcc.",
        ),
        PlanLine(
            "2.6",
            "Hold every phase transfer review in time to name a school by 15 February",
            ("ehc_lead",),
            "council",
            QA,
            1,
            8,
            "Every phase transfer plan amended by the statutory date",
            "Every child moving school in September knew their school by the spring",
            "ngggggggcee..",
        ),
        PlanLine(
            "2.7",
            "Put the child's own words on the first page of every plan, co-produced "
            "with Young Voices",
            ("pfa", "young_adviser"),
            "young_voices",
            QA,
            0,
            4,
            "All about me section in every new plan",
            "Young people say their plan sounds like them",
            "ggggcceeeeee.",
        ),
        PlanLine(
            "2.8",
            "Share audit learning each month in a note for co-ordinators",
            ("auditor",),
            "council",
            QA,
            3,
            7,
            "A learning note every month",
            "The same weaknesses no longer recur from one audit to the next",
            "nnnggggcceee.",
        ),
        PlanLine(
            "2.9",
            "Return social care advice within six weeks for every child known to social care",
            ("social_care",),
            "council",
            QA,
            0,
            10,
            "90% of social care advice within six weeks",
            "Social care needs are in the plan from the start, not added at review",
            "gggaaggggcce.",
        ),
        PlanLine(
            "2.10",
            "Ask every family about their experience once their plan is issued",
            ("pcf_chair", "ehc_lead"),
            "pcf",
            QA,
            2,
            10,
            "Survey sent with every final plan; results reported quarterly",
            "Families' experience is measured, not assumed: 68% rated the process good",
            "nnggggggggcc.",
        ),
    ],
    "3": [
        PlanLine(
            "3.1",
            "Publish the Northshire graduated approach toolkit, co-produced with SENCOs",
            ("primary_head", "member"),
            "council",
            INCLUSION,
            0,
            4,
            "Toolkit published and used by every school",
            "Schools plan support before asking for an assessment; requests without a "
            "graduated approach fell by a quarter",
            "gggcceeeeet..",
        ),
        PlanLine(
            "3.2",
            "Train every SENCO on the toolkit through the SENCO network",
            ("education",),
            "council",
            INCLUSION,
            0,
            8,
            "Every school's SENCO trained",
            "SENCOs rate their confidence 7 out of 10, up from 4",
            "gggggggcceee.",
        ),
        PlanLine(
            "3.3",
            "Offer outreach from special schools to mainstream schools",
            ("special_head",),
            "special_schools",
            INCLUSION,
            3,
            10,
            "Outreach available to every mainstream school",
            "Mainstream staff get specialist advice within two weeks of asking",
            "nnnggggggcce.",
        ),
        PlanLine(
            "3.4",
            "Run a SEND support panel where schools get advice before requesting an assessment",
            ("ep",),
            "council",
            INCLUSION,
            0,
            5,
            "Panel meets fortnightly; schools get advice within ten days",
            "Children get support in school sooner, whether or not they need a plan",
            "gggggcceeeee.",
        ),
        PlanLine(
            "3.5",
            "Extend the early years inclusion fund to every setting",
            ("early_years",),
            "early_years",
            INCLUSION,
            0,
            6,
            "Every setting able to apply; decisions within four weeks",
            "Young children get help in their nursery without waiting for a plan",
            "ggggggcceeee.",
        ),
        PlanLine(
            "3.6",
            "Review every part-time timetable longer than six weeks for pupils with SEND",
            ("education",),
            "council",
            INCLUSION,
            4,
            10,
            "Every long part-time timetable reviewed with a plan to return to full time",
            "Pupils are back in school full time sooner; none waits more than a term",
            "nnnngaaggcc..",
        ),
        PlanLine(
            "3.7",
            "Agree a transition protocol for children moving to secondary school",
            ("secondary_head",),
            "secondary_heads",
            INCLUSION,
            0,
            8,
            "Protocol used by every secondary school",
            "Children visit their new school earlier and start in September with a plan",
            "gggggggccee..",
        ),
        PlanLine(
            "3.8",
            "Share SEN support figures by school with the schools forum",
            ("analyst",),
            "council",
            INCLUSION,
            2,
            8,
            "Figures shared every term",
            "Schools compare their support with others and ask for help where it is low",
            "nngggggcceee.",
        ),
        PlanLine(
            "3.9",
            "Commission training on emotionally based school avoidance",
            ("public_health",),
            "council",
            INCLUSION,
            5,
            14,
            "Training offered to every secondary school",
            "Pupils avoiding school get help earlier",
            "nnnnngggggaa.",
        ),
        PlanLine(
            "3.10",
            "Track the progress of pupils on SEN support through the school census",
            ("analyst",),
            "council",
            INCLUSION,
            0,
            12,
            "Progress of SEN support pupils reported every term",
            "The partnership knows how children without plans are doing",
            "ggggggggggcc.",
        ),
    ],
    "4": [
        PlanLine(
            "4.1",
            "Create a single front door for neurodevelopmental referrals, with triage",
            ("paediatrician",),
            "hospital_trust",
            ND,
            0,
            6,
            "Every ND referral triaged within four weeks",
            "Duplicate referrals fell by a third; families are told within four weeks "
            "what happens next",
            "ggggggcceeee.",
        ),
        PlanLine(
            "4.2",
            "Agree with the ND assessment provider a recovery plan to reopen its waiting list",
            ("icb_send",),
            "icb",
            ND,
            5,
            9,
            "Waiting list reopened with a recovery trajectory",
            "Children can again join the list for an assessment; no referral is turned away",
            "nnnnnrrrggcce",
        ),
        PlanLine(
            "4.3",
            "Commission extra ND assessment capacity from a second provider",
            ("icb_send", "dco"),
            "icb",
            ND,
            0,
            15,
            "Second provider assessing 40 children a month",
            "More children assessed each month",
            "ggggarrraggg.",
        ),
        PlanLine(
            "4.4",
            "Offer support while waiting: a family pack and monthly workshops",
            ("pcf_chair",),
            "pcf",
            ND,
            0,
            8,
            "Pack sent to every family on the list; a workshop every month",
            "Families waiting say they know what helps now, before a diagnosis",
            "gggggaggccee.",
        ),
        PlanLine(
            "4.5",
            "Write to every family on the ND waiting list with their place and the "
            "support they can get",
            ("member",),
            "council",
            ND,
            5,
            7,
            "Every family written to within a month of the list closing",
            "No family was left without word when the list closed",
            "nnnnnggcceee.",
        ),
        PlanLine(
            "4.6",
            "Train school staff to support children waiting for an ND assessment",
            ("ep",),
            "council",
            ND,
            3,
            10,
            "Two staff from every school trained",
            "Children get adjustments in school while they wait, without a diagnosis",
            "nnngggaggcce.",
        ),
        PlanLine(
            "4.7",
            "Cut the average wait for an autism assessment from 68 to 52 weeks",
            ("paediatrician", "icb_send"),
            "hospital_trust",
            ND,
            0,
            12,
            "Average wait 52 weeks or less",
            "Children are assessed sooner",
            "ggggarrrrrrr.",
        ),
        PlanLine(
            "4.8",
            "Publish ND waiting times on the local offer every month",
            ("analyst",),
            "council",
            ND,
            0,
            3,
            "Waiting times published monthly",
            "Families can see how long the wait is, and the Forum checks the figures",
            "ggcceeeeeeee.",
        ),
        PlanLine(
            "4.9",
            "Agree an ADHD medication shared care protocol with GPs",
            ("icb_send",),
            "icb",
            ND,
            0,
            12,
            "Protocol signed by every GP practice",
            "Children stay on medication without returning to hospital clinics",
            "ggggggaaaaaa.",
        ),
        PlanLine(
            "4.10",
            "Set up a sleep support service for children with neurodevelopmental needs",
            ("community_ops",),
            "community_trust",
            ND,
            3,
            11,
            "Sleep service taking referrals",
            "Families get help with sleep within weeks",
            "nnnggggggcce.",
        ),
    ],
    "5": [
        PlanLine(
            "5.1",
            "Run a speech and language therapy waiting list initiative with weekend clinics",
            ("therapies",),
            "community_trust",
            THERAPIES,
            0,
            4,
            "Children waiting over 40 weeks seen within six months",
            "The longest waits for speech and language therapy are falling",
            "gggcceeeeeee.",
        ),
        PlanLine(
            "5.2",
            "Recruit three speech and language therapists",
            ("therapies", "community_ops"),
            "community_trust",
            THERAPIES,
            0,
            10,
            "Three therapists in post",
            "More children seen each week without weekend clinics",
            "gggaarraggcc.",
        ),
        PlanLine(
            "5.3",
            "Open an advice line and drop-ins on speech, language and communication for families",
            ("therapies",),
            "community_trust",
            THERAPIES,
            0,
            3,
            "Advice line open five days a week; drop-ins in every town",
            "Families get advice in days, not months",
            "ggcceeeeeeee.",
        ),
        PlanLine(
            "5.4",
            "Train teaching assistants in language support",
            ("therapies",),
            "community_trust",
            THERAPIES,
            3,
            9,
            "Teaching assistants trained in every primary school",
            "Children get language support in class every day",
            "nnngggggccee.",
        ),
        PlanLine(
            "5.5",
            "Review the occupational therapy waiting list and commission extra capacity",
            ("community_ops",),
            "community_trust",
            THERAPIES,
            0,
            12,
            "No child waits more than 18 weeks for occupational therapy",
            "Children get occupational therapy sooner",
            "ggggaaaagggc.",
        ),
        PlanLine(
            "5.6",
            "Report therapy waits by service and age band to the Performance and Impact Group",
            ("analyst",),
            "council",
            THERAPIES,
            0,
            3,
            "Waits reported monthly by service and age band",
            "The board sees where the longest waits are",
            "ggcceeeeeeee.",
        ),
        PlanLine(
            "5.7",
            "Give every special school a named therapist and an agreed therapy offer",
            ("special_head", "therapies"),
            "special_schools",
            THERAPIES,
            2,
            9,
            "Named therapist for every special school",
            "Staff and parents know who to ask, and therapy fits the school day",
            "nngggggccee..",
        ),
        PlanLine(
            "5.8",
            "Redesign the speech, language and communication pathway with families",
            ("therapies", "pcf_cochair"),
            "community_trust",
            THERAPIES,
            3,
            11,
            "Pathway agreed with families and published",
            "Families understand the pathway and when to expect help",
            "nnnggggaggcc.",
        ),
        PlanLine(
            "5.9",
            "Add therapy advice to the EHC advice tracker",
            ("dco",),
            "icb",
            THERAPIES,
            0,
            5,
            "Therapy advice timeliness reported monthly",
            "Late therapy advice is seen and chased before it delays a plan",
            "gggggcceeeee.",
        ),
        PlanLine(
            "5.10",
            "Recruit two occupational therapists",
            ("community_ops",),
            "community_trust",
            THERAPIES,
            4,
            11,
            "Two occupational therapists in post",
            "The occupational therapy waiting list is falling",
            "nnnngaaaggcc.",
        ),
    ],
    "6": [
        PlanLine(
            "6.1",
            "Agree a three-year joint commissioning strategy for SEND",
            ("icb_send", "dcs"),
            "icb",
            COMMISSIONING,
            0,
            6,
            "Strategy agreed by the council's cabinet and the ICB board",
            "Partners commission against shared priorities",
            "ggggggcceeee.",
        ),
        PlanLine(
            "6.2",
            "Pool the therapies budget under a section 75 agreement",
            ("icb_director",),
            "icb",
            COMMISSIONING,
            0,
            11,
            "Section 75 agreement signed",
            "One therapy service commissioned once",
            "ggggggaaaggc.",
        ),
        PlanLine(
            "6.3",
            "Launch a SEND data dashboard shared by every partner",
            ("analyst",),
            "council",
            COMMISSIONING,
            0,
            4,
            "Dashboard live and used by every subgroup",
            "Every partner reads the same figures",
            "gggcceeeeeee.",
        ),
        PlanLine(
            "6.4",
            "Rewrite the local offer's EHC plan pages with families",
            ("editor",),
            "council",
            COMMISSIONING,
            0,
            6,
            "Pages rewritten and tested with families",
            "Families find what they need: searches for EHC help end on the right page",
            "ggggggcceeee.",
        ),
        PlanLine(
            "6.5",
            "Publish You Said, We Did every quarter",
            ("editor", "pcf_chair"),
            "pcf",
            COMMISSIONING,
            0,
            3,
            "Published every quarter",
            "Families see what changed because they spoke up",
            "ggcceeeeeeee.",
        ),
        PlanLine(
            "6.6",
            "Co-produce a new short breaks offer with families and young people",
            ("social_care",),
            "council",
            COMMISSIONING,
            3,
            14,
            "New offer agreed with families",
            "Short breaks that families asked for",
            "nnngggggggaa.",
        ),
        PlanLine(
            "6.7",
            "Keep a joint SEND risk register, reviewed by the Strategic Delivery Group",
            ("manager",),
            "council",
            COMMISSIONING,
            0,
            2,
            "Register reviewed every two months",
            "Risks are seen and shared early",
            "gcceeeeeeeee.",
        ),
        PlanLine(
            "6.8",
            "Write a joint strategic needs assessment for SEND",
            ("public_health",),
            "council",
            COMMISSIONING,
            0,
            9,
            "Needs assessment published",
            "Commissioning follows what children need",
            "ggggggggccee.",
        ),
        PlanLine(
            "6.9",
            "Commission a preparation for adulthood pathway from 14 to 25",
            ("pfa",),
            "council",
            COMMISSIONING,
            0,
            11,
            "Pathway agreed with the college",
            "Young people plan their move to adulthood from 14",
            "gggggggaggcc.",
        ),
        PlanLine(
            "6.10",
            "Agree data sharing between the council, the ICB and the trusts",
            ("analyst", "dco"),
            "council",
            COMMISSIONING,
            0,
            8,
            "Agreement signed by every partner",
            "Partners see the same child's record without asking twice",
            "ggggaaggccee.",
        ),
    ],
}

# What an owner says of a line at each status; the causes of trouble, by outcome.
NOTES = {
    "n": "Not started: due to begin later in the plan.",
    "g": [
        "On track: this month's milestones were met.",
        "On track: the next milestone is due next month.",
        "On track; progress reported to the Continuous Improvement Group.",
    ],
    "c": "Complete: {measure}. Evidence added.",
    "e": "Embedded: now part of the service's routine work and checked through audit.",
}

CAUSES = {
    "1": "writers",
    "2": "writers",
    "3": "schools",
    "4": "nd",
    "5": "therapists",
    "6": "partners",
}

# cause: (at risk note, off track note, risks and mitigations)
TROUBLE = {
    "writers": (
        "At risk: recruitment of EHC plan writers has stalled, with two of six posts filled.",
        "Off track: only two of six EHC plan writer posts are filled and drafting has slowed.",
        "Risk: too few EHC plan writers to draft plans within 20 weeks. Mitigations: an agency "
        "drafting team, posts re-advertised with a market supplement, weekly tracking by the "
        "service manager.",
    ),
    "nd": (
        "At risk: the ND assessment provider has warned it may close its waiting list.",
        "Off track: the ND assessment provider has closed its waiting list to new referrals.",
        "Risk: children cannot join the ND assessment waiting list while it is closed. "
        "Mitigations: referrals held and triaged at the single front door, every family written "
        "to with the support on offer, a recovery plan agreed with the provider, a second "
        "provider being commissioned.",
    ),
    "schools": (
        "At risk: schools cannot release staff this term.",
        "Off track: schools have not been able to release staff.",
        "Risk: schools lack time to take part. Mitigations: training moved into the SENCO "
        "network's own meetings.",
    ),
    "therapists": (
        "At risk: vacancies in the therapy teams are not yet filled.",
        "Off track: therapy vacancies remain unfilled after two rounds of adverts.",
        "Risk: therapy vacancies. Mitigations: a recruitment campaign shared by the trust and "
        "the ICB, agency therapists for the longest waits.",
    ),
    "partners": (
        "At risk: partners' sign-off has slipped to next month.",
        "Off track: partners have not yet agreed.",
        "Risk: partners' decisions slip. Mitigations: the Strategic Delivery Group chases "
        "sign-off each meeting.",
    ),
}

# Evidence of a finished line, dated in the month it was finished or embedded.
EVIDENCE = {
    "c": "Report to the Continuous Improvement Group: {measure}.",
    "e": "Audit after three months shows the change has held: {measure}.",
}

RECEIVING_TEAMS = {
    "1.5": "EHC Assessment and Review Service",
    "3.1": "SEND and Inclusion Service",
}

DEEP_DIVE = "4.7"  # the stuck line the board asks to look into

# What the Board asks when the highlight report shows lines off track ({references}),
# and the answer: who asks, the question, who answers, the answer; in turn by month.
CHALLENGES = [
    (
        "chair",
        "The Chair asked what is being done about the lines off track ({references}), and "
        "whether the families affected are being told.",
        "icb_send",
        "Each line off track has a recovery plan with a date, reported to the Continuous "
        "Improvement Group; families affected have been written to and the Parent Carer Forum "
        "has been briefed.",
    ),
    (
        "pcf_chair",
        "The Parent Carer Forum asked how families will know when the lines off track "
        "({references}) are back on course.",
        "education",
        "Progress on each will be in the Forum's monthly briefing and on the local offer, "
        "alongside the waiting times.",
    ),
    (
        "dfe_adviser",
        "The DfE adviser asked whether the lines off track ({references}) put the 20-week "
        "trajectory at risk, and what the partnership will do if recovery slips again.",
        "member",
        "The trajectory has been reset with the agency team's capacity; if it slips for two "
        "months running, the Board will be asked to agree further capacity.",
    ),
    (
        "nhse_adviser",
        "The NHSE adviser asked what the ICB is doing to bring the lines off track "
        "({references}) back on track.",
        "icb_send",
        "The ICB has agreed a recovery plan with the provider, with monthly reporting to the "
        "Performance and Impact Group.",
    ),
]

# The highlight report's opening words for each closed month, around its own figures:
# {done}, {done_share}, {obstacles}, {off_track}, {at_risk}, {not_started},
# {newly_done} and {off_track_lines} are filled in from the period's records.
STORY = [
    "The plan's first month: every line has an owner and agreed milestones; "
    "{not_started} lines are still to start.",
    "Early work is on track. Lines complete or embedded: {done}.",
    "The first changes families can see have landed: named co-ordinators, published waiting "
    "times and the therapy advice line. Lines complete or embedded: {done}.",
    "The first signs of strain, mostly in recruitment. Lines at risk: {at_risk}.",
    "Recruitment of permanent EHC plan writers stalled this month, with two of six posts "
    "filled after two rounds. Lines at risk or off track: {obstacles}.",
    "The neurodevelopmental assessment provider closed its waiting list to new referrals. "
    "Every family on the list has been written to. Lines off track: {off_track_lines}.",
    "The low point of the year, with {obstacles} lines at risk or off track. An agency "
    "drafting team started and a recovery plan with the ND provider was agreed.",
    "Recovery has begun: the agency team is drafting and {newly_done} lines became complete "
    "or embedded this month.",
    "The ND waiting list reopened with a recovery trajectory and new writers are in post. "
    "Lines off track: {off_track_lines}.",
    "{done_share}% of lines are complete or embedded, and the first line has moved to "
    "business as usual.",
    "{done_share}% of lines are complete or embedded. Still off track: {off_track_lines}.",
    "The plan's first year closes with {done_share}% of lines complete or embedded and "
    "{obstacles} at risk or off track, each with a recovery plan.",
]
