"""The words of Northshire's SEND risk register, and the year of reviews behind each score.

Invented for the demo. Months count from the first month of the Priority Action Plan
(0) to the month still open (12), as in `plan_content`. `scores` holds the residual
likelihood and impact the owner gave at each review, the first when the risk was
added; the inherent score (before mitigation) is set once, when it is added.
"""

from typing import NamedTuple

WORKFORCE, SERVICE, STATUTORY = "workforce", "service", "statutory"
FINANCIAL, SAFEGUARDING, PARTNERSHIP = "financial", "safeguarding", "partnership"
REPUTATION, DATA = "reputation", "data"


class RiskSpec(NamedTuple):
    title: str
    description: str
    category: str
    owner: str  # person key of content.PEOPLE
    inherent: tuple[int, int]  # likelihood, impact before mitigation
    target: tuple[int, int]
    lines: tuple[str, ...]  # plan line references it is linked to
    scores: tuple[tuple[int, int, int, str], ...]  # month, residual likelihood, impact, note
    mitigations: tuple[tuple[str, str, int, int | None], ...]  # text, owner, due, done month
    escalated: int | None = None  # month it was escalated to the Board
    every: int = 3  # months between reviews
    closed: tuple[int, str] | None = None  # month and reason


RISKS = [
    RiskSpec(
        "Too few EHC plan writers to issue plans within 20 weeks",
        "Cause: vacancies and a national shortage of experienced writers. Event: drafting "
        "stalls. Consequence: plans issued late and families lose confidence.",
        WORKFORCE,
        "ehc_lead",
        (5, 4),
        (2, 4),
        ("1.1", "1.2", "1.3"),
        (
            (0, 3, 4, ""),
            (3, 4, 4, "Second recruitment round drew two suitable candidates for six posts."),
            (5, 5, 4, "Drafting has slowed; agency team commissioned to bridge the gap."),
            (7, 4, 4, "Agency team drafting 20 plans a month; four permanent writers appointed."),
            (9, 3, 4, "All six posts filled; caseloads falling."),
            (11, 2, 4, "Permanent team settled; the agency contract ends next month."),
        ),
        (
            ("Re-advertise writer posts with a market supplement", "member", 4, 5),
            ("Commission an agency drafting team", "member", 6, 6),
            ("Weekly drafting tracker reviewed by the service manager", "ehc_lead", 2, 2),
        ),
        escalated=5,
    ),
    RiskSpec(
        "The neurodevelopmental assessment provider closes its waiting list",
        "Cause: referrals far above the commissioned capacity. Event: the provider stops "
        "taking new referrals for assessment. Consequence: children cannot join a list, and "
        "families and schools are left without a route to diagnosis.",
        SERVICE,
        "icb_send",
        (4, 5),
        (2, 4),
        ("4.2", "4.3", "4.5", "4.7"),
        (
            (4, 3, 5, ""),
            (5, 5, 5, "The provider closed its list to new referrals on the first of the month."),
            (6, 5, 4, "Recovery plan agreed; referrals held and triaged at the front door."),
            (8, 3, 4, "The list reopened with a recovery trajectory."),
            (10, 3, 4, "Waiting list reopened; second provider not yet contracted."),
            (12, 3, 3, "Second provider contract agreed in principle."),
        ),
        (
            ("Hold and triage referrals at the single front door", "paediatrician", 5, 5),
            ("Write to every family on the list with the support on offer", "member", 6, 6),
            ("Agree a recovery plan with the provider", "icb_send", 6, 7),
            ("Commission a second assessment provider", "icb_send", 14, None),
        ),
        escalated=5,
        every=2,
    ),
    RiskSpec(
        "Educational psychology capacity cannot meet statutory advice demand",
        "Cause: vacancies in the educational psychology service. Consequence: advice late "
        "and plans delayed.",
        WORKFORCE,
        "ep",
        (4, 4),
        (2, 3),
        ("1.4",),
        (
            (0, 4, 3, ""),
            (3, 4, 4, "Two psychologists left; locum cover found for one."),
            (6, 3, 4, "Joint recruitment campaign with neighbouring councils launched."),
            (9, 3, 3, "Two trainee psychologists start in September."),
            (11, 3, 3, "Advice within six weeks held at 88% for three months."),
        ),
        (
            ("Joint recruitment campaign with neighbouring councils", "ep", 6, 6),
            ("Locum psychologists for statutory advice", "ep", 3, 3),
        ),
    ),
    RiskSpec(
        "The high needs budget deficit grows beyond the deficit management plan",
        "Cause: rising numbers of plans and independent places. Consequence: money for "
        "early support is squeezed.",
        FINANCIAL,
        "dcs",
        (5, 5),
        (3, 4),
        (),
        (
            (0, 4, 5, ""),
            (3, 4, 5, "Forecast pressure unchanged."),
            (6, 5, 4, "Forecast pressure of 4.1 million pounds; plan refreshed."),
            (9, 4, 4, "New special school places reduce independent placements."),
            (12, 4, 4, "Position unchanged; reported to the Schools Forum."),
        ),
        (("Refresh the deficit management plan", "dcs", 6, 6),),
    ),
    RiskSpec(
        "Children with SEND missing education are not identified quickly",
        "Cause: part-time timetables and unrecorded absence. Consequence: children fall "
        "out of education unseen.",
        SAFEGUARDING,
        "education",
        (3, 5),
        (2, 4),
        ("3.6",),
        (
            (2, 3, 4, ""),
            (5, 3, 4, "Register of part-time timetables started."),
            (8, 2, 4, "Every long part-time timetable reviewed."),
            (11, 2, 4, "Reviews now routine through the attendance team."),
        ),
        (("Keep a register of part-time timetables", "education", 4, 4),),
    ),
    RiskSpec(
        "Health advice for EHC needs assessments arrives late",
        "Consequence: plans are held waiting for advice and miss 20 weeks.",
        STATUTORY,
        "dco",
        (4, 4),
        (2, 3),
        ("1.4", "5.9"),
        (
            (0, 4, 3, ""),
            (4, 3, 3, "Each trust named a lead for EHC health advice."),
            (8, 2, 3, "Health advice within six weeks at 91%."),
            (11, 2, 3, "Holding."),
        ),
        (("Each trust names a lead for EHC health advice", "dco", 3, 3),),
    ),
    RiskSpec(
        "Speech and language therapy vacancies keep waits long",
        "Consequence: children wait over a year for therapy.",
        WORKFORCE,
        "therapies",
        (4, 4),
        (2, 3),
        ("5.1", "5.2"),
        (
            (0, 4, 4, ""),
            (4, 4, 4, "Two adverts failed to fill three posts."),
            (7, 3, 4, "Two therapists appointed; weekend clinics continue."),
            (10, 3, 3, "Third therapist in post."),
            (12, 2, 3, "Longest wait down to 44 weeks."),
        ),
        (
            ("Weekend clinics for the longest waits", "therapies", 3, 3),
            ("Shared recruitment campaign by the trust and the ICB", "community_ops", 6, 7),
        ),
    ),
    RiskSpec(
        "Annual reviews are not completed on time",
        "Consequence: plans fall out of date and families lose trust.",
        STATUTORY,
        "member",
        (5, 3),
        (2, 3),
        ("2.5", "2.6"),
        (
            (0, 4, 3, ""),
            (3, 4, 3, "Backlog of 410 reviews overdue."),
            (6, 4, 3, "Weekly amendment panel started."),
            (9, 3, 3, "Backlog below 300."),
            (11, 2, 3, "Backlog below 100."),
        ),
        (("Weekly amendment panel", "member", 6, 6),),
    ),
    RiskSpec(
        "Families lose confidence in the partnership",
        "Cause: long waits and poor communication. Consequence: complaints and tribunal "
        "appeals rise and co-production weakens.",
        REPUTATION,
        "manager",
        (4, 4),
        (2, 3),
        ("6.4", "6.5"),
        (
            (0, 4, 4, ""),
            (3, 3, 4, "Named co-ordinators welcomed by the Parent Carer Forum."),
            (6, 4, 4, "The waiting list closure drew many complaints."),
            (9, 3, 4, "You Said, We Did published every quarter."),
            (12, 3, 3, "Forum survey shows improvement on last year."),
        ),
        (("Publish You Said, We Did every quarter", "editor", 3, 3),),
    ),
    RiskSpec(
        "Case management data is not reliable enough to report timeliness",
        "Consequence: figures given to the Board and the DfE are wrong.",
        DATA,
        "analyst",
        (4, 3),
        (1, 3),
        ("1.6", "6.3"),
        (
            (0, 4, 3, ""),
            (4, 3, 3, "Data cleanse corrected 230 records."),
            (8, 2, 3, "Monthly data quality checks in place."),
            (11, 2, 3, "Figures reconcile with the SEN2 return."),
        ),
        (("Data cleanse of the case management system", "analyst", 4, 4),),
    ),
    RiskSpec(
        "Partners cannot staff the multi-agency audit of EHC plans",
        "Consequence: the quality of advice is not checked together.",
        PARTNERSHIP,
        "auditor",
        (4, 3),
        (2, 2),
        ("2.3",),
        (
            (2, 3, 3, ""),
            (5, 4, 3, "Health and social care auditors not released this quarter."),
            (8, 4, 3, "Task and finish group set up."),
            (11, 3, 3, "Two of three partners now attend monthly."),
        ),
        (("Name an auditor from each partner", "icb_send", 5, None),),
    ),
    RiskSpec(
        "Not enough specialist school places for September",
        "Consequence: children placed out of area at high cost.",
        SERVICE,
        "education",
        (4, 4),
        (2, 4),
        (),
        (
            (1, 4, 4, ""),
            (4, 3, 4, "Resourced provision at two secondary schools agreed."),
            (7, 3, 4, "Places confirmed for September."),
            (10, 3, 3, "Place planning for next year under way."),
        ),
        (("Open resourced provision in two secondary schools", "education", 8, 8),),
    ),
    RiskSpec(
        "Tribunal appeals rise",
        "Consequence: cost, delay and strain for families.",
        STATUTORY,
        "ehc_lead",
        (3, 4),
        (2, 3),
        ("2.10",),
        (
            (0, 3, 4, ""),
            (6, 3, 4, "Appeals steady."),
            (10, 2, 4, "Fewer appeals than last year."),
        ),
        (("Offer mediation at every decision not to issue", "ehc_lead", 3, 3),),
        every=4,
    ),
    RiskSpec(
        "No lead for transitions in adult social care",
        "Consequence: young people reach 18 without a plan for adult services.",
        PARTNERSHIP,
        "social_care",
        (4, 3),
        (1, 3),
        ("6.9",),
        (
            (1, 4, 3, ""),
            (4, 3, 3, "Interim lead named."),
            (7, 2, 3, "Permanent transitions lead appointed."),
        ),
        (("Appoint a transitions lead in adult social care", "social_care", 6, 7),),
        closed=(9, "A permanent transitions lead is in post and the protocol is in use."),
    ),
    RiskSpec(
        "Home to school transport is not in place at the start of term",
        "Consequence: children with SEND miss the first days of term.",
        SERVICE,
        "education",
        (3, 4),
        (2, 3),
        (),
        (
            (2, 3, 4, ""),
            (5, 3, 3, "Routes for September planned a term early."),
        ),
        (("Plan September routes by the end of the summer term", "education", 7, None),),
    ),
]

ESCALATION_DECISION = (
    "The Board accepted the escalation and asked for the risk to come to every meeting, "
    "with its mitigations, until its score falls."
)
