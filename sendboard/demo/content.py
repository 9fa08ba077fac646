"""The words of the Northshire demo: a fictional partnership, its people and a year of business.

Every name, organisation and sentence here is invented. The builder rotates through
these pools month by month, so the text is plain data and the dates come from the
builder.
"""

PARTNERSHIP = {
    "name": "Northshire SEND Partnership",
    "slug": "northshire",
    "local_authority": "Northshire Council",
    "contact_email": "send.partnership@northshire.example",
    "local_offer_url": "https://localoffer.northshire.example/",
}

# key, name, short name, kind
ORGANISATIONS = [
    ("council", "Northshire Council", "Northshire Council", "council"),
    (
        "icb",
        "NHS Northshire and Eastvale Integrated Care Board",
        "Northshire and Eastvale ICB",
        "icb",
    ),
    (
        "community_trust",
        "Northshire Community Health NHS Trust",
        "Community Health Trust",
        "nhs_trust",
    ),
    (
        "hospital_trust",
        "Eastvale and Northshire Hospitals NHS Foundation Trust",
        "Eastvale Hospitals",
        "nhs_trust",
    ),
    ("primary_heads", "Northshire Primary Headteachers' Association", "Primary Heads", "school"),
    ("secondary_heads", "Northshire Secondary Heads Network", "Secondary Heads", "school"),
    ("special_schools", "Northshire Special Schools Partnership", "Special Schools", "school"),
    ("college", "Northshire College", "Northshire College", "college"),
    ("early_years", "Northshire Early Years Alliance", "Early Years Alliance", "early_years"),
    ("pcf", "Northshire Parent Carer Forum", "Parent Carer Forum", "pcf"),
    ("dfe", "Department for Education", "DfE", "dfe"),
    ("nhse", "NHS England", "NHSE", "nhse"),
    ("young_voices", "Northshire Young Voices", "Young Voices", "voluntary"),
    ("voluntary_action", "Northshire Voluntary Action", "Voluntary Action", "voluntary"),
]

# key, name, job title, organisation key (None: independent)
PEOPLE = [
    ("chair", "Margaret Osei", "Independent Chair", None),
    ("dcs", "Richard Aldane", "Director of Children's Services", "council"),
    ("icb_director", "Dr Helen Marsh", "Director of Children, Young People and Maternity", "icb"),
    ("member", "Tom Whitfield", "Head of SEND and Inclusion", "council"),
    ("councillor", "Cllr Janet Pryce", "Cabinet Member for Children and Education", "council"),
    ("education", "Fiona Garside", "Director of Education and Skills", "council"),
    ("assistant_director", "Sarah Quinn", "Assistant Director, Education", "council"),
    ("ehc_lead", "Sunita Rahman", "EHC Assessment and Review Service Manager", "council"),
    ("ep", "Dr Martin Hale", "Principal Educational Psychologist", "council"),
    ("social_care", "Denise Moore", "Head of the Disabled Children's Service", "council"),
    ("pfa", "Craig Whitaker", "Preparation for Adulthood Lead", "council"),
    ("public_health", "Dr Amrit Sandhu", "Consultant in Public Health", "council"),
    ("dco", "Gareth Lloyd", "Designated Clinical Officer for SEND", "icb"),
    ("icb_send", "Aisha Bello", "Associate Director for SEND", "icb"),
    ("therapies", "Claire Donnelly", "Head of Children's Therapies", "community_trust"),
    ("community_ops", "Mark Ellery", "Director of Operations", "community_trust"),
    ("paediatrician", "Dr Priya Nair", "Consultant Community Paediatrician", "hospital_trust"),
    (
        "hospital_deputy",
        "Ben Hartley",
        "Deputy Divisional Director, Children's Services",
        "hospital_trust",
    ),
    ("pcf_chair", "Lorraine Briggs", "Co-Chair", "pcf"),
    ("pcf_cochair", "Daniel Okafor", "Co-Chair", "pcf"),
    ("young_adviser", "Ellie Marsden", "SEND Young Adviser", "young_voices"),
    ("voluntary", "Kevin Shaw", "Chief Executive", "voluntary_action"),
    ("primary_head", "Rachel Cope", "Headteacher, Brookfield Primary School", "primary_heads"),
    ("secondary_head", "Imran Siddiqui", "Headteacher, Eastvale Academy", "secondary_heads"),
    (
        "special_head",
        "Joanne Fairley",
        "Executive Headteacher, Riverside School",
        "special_schools",
    ),
    ("college", "Paul Stanton", "Vice Principal, Inclusion", "college"),
    ("early_years", "Naomi Greaves", "Early Years SEND Lead", "early_years"),
    ("dfe_adviser", "Victoria Lang", "SEND Adviser", "dfe"),
    ("dfe_regional", "Simon Archer", "Regional Lead", "dfe"),
    ("nhse_adviser", "Dr Karen Whitlow", "SEND Adviser", "nhse"),
    ("manager", "Hannah Kerr", "SEND Partnership Manager", "council"),
    ("editor", "Josh Patel", "Board Support Officer", "council"),
    ("analyst", "Laura Finch", "SEND Performance and Intelligence Lead", "council"),
    ("auditor", "Olivia Grant", "EHCP Quality Assurance Lead", "council"),
]

# One sign-in per role. `person` links the account to its Person; `role` is the
# partnership role the account holds.
SIGN_INS = [
    ("manager", "northshire.manager", "manager"),
    ("editor", "northshire.editor", "editor"),
    ("member", "northshire.member", "member"),
    ("chair", "northshire.chair", "member"),
    ("analyst", "northshire.analyst", "analyst"),
    ("auditor", "northshire.auditor", "auditor"),
    ("dfe_adviser", "northshire.viewer", "viewer"),
]

BOARD = {
    "name": "Northshire SEND Partnership Board",
    "slug": "board",
    "action_prefix": "NSPB",
    "cadence": "Monthly, on the third Wednesday, 10:00 to 12:30",
    "purpose": (
        "Holds the partners to account for improving the lives of children and young people "
        "with special educational needs and disabilities in Northshire, and for the Priority "
        "Action Plan agreed after its area SEND inspection."
    ),
    "terms_of_reference": (
        "1. The Board sets the partnership's SEND strategy and agrees its priorities.\n"
        "2. It receives a report from each subgroup every month and resolves what they escalate.\n"
        "3. It monitors EHC needs assessment timeliness, waiting times for therapies and the "
        "neurodevelopmental pathway, and the quality of EHC plans.\n"
        "4. It makes sure the voices of children, young people and parent carers shape its work.\n"
        "5. Quorum: the independent chair or a co-chair, and at least one senior representative "
        "each from the council, the ICB and the Parent Carer Forum.\n"
        "6. Minutes are agreed at the next meeting; a plain-English summary is published within "
        "two weeks of every meeting."
    ),
    # person key, membership role, deputy for
    "members": [
        ("chair", "independent_chair", None),
        ("dcs", "co_chair", None),
        ("icb_director", "co_chair", None),
        ("member", "member", None),
        ("councillor", "member", None),
        ("education", "member", None),
        ("dco", "member", None),
        ("icb_send", "member", None),
        ("community_ops", "member", None),
        ("paediatrician", "member", None),
        ("pcf_chair", "member", None),
        ("pcf_cochair", "member", None),
        ("young_adviser", "member", None),
        ("voluntary", "member", None),
        ("primary_head", "member", None),
        ("secondary_head", "member", None),
        ("special_head", "member", None),
        ("college", "member", None),
        ("early_years", "member", None),
        ("social_care", "member", None),
        ("assistant_director", "deputy", "dcs"),
        ("hospital_deputy", "deputy", "paediatrician"),
        ("dfe_adviser", "adviser", None),
        ("dfe_regional", "adviser", None),
        ("nhse_adviser", "adviser", None),
        ("manager", "in_attendance", None),
        ("editor", "in_attendance", None),
        ("analyst", "in_attendance", None),
        ("auditor", "in_attendance", None),
        ("public_health", "in_attendance", None),
    ],
}

SUBGROUPS = [
    {
        "key": "cig",
        "name": "Continuous Improvement Group",
        "slug": "continuous-improvement",
        "cadence": "Monthly, a week before the Board",
        "every_months": 1,
        "weekday": 2,
        "purpose": "Drives the Priority Action Plan and checks each action makes a difference.",
        "terms_of_reference": (
            "Owns the Priority Action Plan; agrees owners and milestones for each action; reviews "
            "evidence of impact; escalates risks to delivery to the Board."
        ),
        "members": [
            ("education", "chair"),
            ("icb_send", "co_chair"),
            ("member", "member"),
            ("ehc_lead", "member"),
            ("ep", "member"),
            ("therapies", "member"),
            ("pfa", "member"),
            ("pcf_chair", "member"),
            ("special_head", "member"),
            ("manager", "in_attendance"),
        ],
        "topics": [
            "EHCP recovery plan: progress against the trajectory",
            "Graduated approach toolkit for mainstream schools",
            "Preparation for adulthood: transition protocol at 14+",
            "Neurodevelopmental pathway redesign",
            "Annual review backlog",
            "SALT waiting list initiative",
        ],
    },
    {
        "key": "pig",
        "name": "Performance and Impact Group",
        "slug": "performance-impact",
        "cadence": "Monthly, a week before the Board",
        "every_months": 1,
        "weekday": 3,
        "purpose": "Keeps the SEND dashboard and tells the Board what the data says.",
        "terms_of_reference": (
            "Agrees the indicators on the SEND dashboard and their targets; reviews each month's "
            "figures with the service leads; commissions deep dives where the figures move."
        ),
        "members": [
            ("dco", "chair"),
            ("analyst", "co_chair"),
            ("ehc_lead", "member"),
            ("auditor", "member"),
            ("therapies", "member"),
            ("public_health", "member"),
            ("member", "member"),
            ("pcf_cochair", "member"),
        ],
        "topics": [
            "SEND dashboard: monthly figures",
            "EHCP quality audit results",
            "Therapy waiting times by service",
            "Tribunal and mediation figures",
            "Suspensions and exclusions of pupils with SEND",
            "Data quality of the case management system",
        ],
    },
    {
        "key": "peg",
        "name": "Participation and Engagement Group",
        "slug": "participation-engagement",
        "cadence": "Every two months",
        "every_months": 2,
        "weekday": 1,
        "purpose": "Makes sure families and young people shape the work, and hear what changed.",
        "terms_of_reference": (
            "Co-produces the engagement plan with the Parent Carer Forum and Young Voices; "
            "keeps the You Said, We Did log; reviews complaints and compliments for themes."
        ),
        "members": [
            ("pcf_chair", "co_chair"),
            ("pfa", "co_chair"),
            ("young_adviser", "member"),
            ("voluntary", "member"),
            ("pcf_cochair", "member"),
            ("editor", "in_attendance"),
        ],
        "topics": [
            "You Said, We Did: the quarter's log",
            "Local offer website: feedback from families",
            "SEND roadshow planning",
            "Young Voices: what young people told us",
        ],
    },
    {
        "key": "sdg",
        "name": "Strategic Delivery Group",
        "slug": "strategic-delivery",
        "cadence": "Every two months",
        "every_months": 2,
        "weekday": 0,
        "purpose": "Oversees the delivery plan, risks and resources behind the SEND strategy.",
        "terms_of_reference": (
            "Tracks the delivery plan and the SEND risk register; agrees joint commissioning "
            "proposals for the Board; takes on finished actions as business as usual."
        ),
        "members": [
            ("dcs", "chair"),
            ("icb_director", "co_chair"),
            ("education", "member"),
            ("community_ops", "member"),
            ("social_care", "member"),
            ("manager", "in_attendance"),
        ],
        "topics": [
            "Delivery plan review",
            "SEND risk register",
            "Joint commissioning of therapies",
            "High needs budget position",
        ],
    },
]

# What each subgroup told the Board, one month at a time: a note, and sometimes an
# escalation the Board must resolve.
SUBGROUP_REPORTS = {
    "cig": [
        (
            "The EHCP recovery plan is ahead of its trajectory: more plans were finalised in "
            "the month than in any month since the plan began.",
            "",
        ),
        (
            "The graduated approach toolkit has been tested with eight primary schools; SENCOs "
            "said the checklists helped them plan support before asking for an assessment.",
            "",
        ),
        (
            "A draft transition protocol for young people from age 14 is out for comment with the "
            "college and adult social care.",
            "Adult social care has not yet named a lead for transitions; the group asks the Board "
            "to secure one.",
        ),
        (
            "Referrals to the neurodevelopmental pathway now go through a single front door; "
            "duplicate referrals fell by a third.",
            "",
        ),
        (
            "The annual review backlog fell in the month; two extra officers started, and the "
            "figures page shows the reviews overdue.",
            "",
        ),
        (
            "The SALT waiting list initiative has offered weekend clinics to the children who "
            "had waited longest.",
            "Funding for the weekend clinics ends in March; the group asks partners to agree how "
            "they continue.",
        ),
    ],
    "pig": [
        (
            "The share of EHC plans issued within 20 weeks rose again in the month, as the "
            "figures page shows; it is still below the England average.",
            "",
        ),
        (
            "The quality audit found most plans good or better; health advice was the weakest "
            "section, often late or general.",
            "Late health advice delays plans; the group asks the ICB to report on advice "
            "timeliness.",
        ),
        (
            "The longest waits for speech and language therapy are falling; waits for "
            "occupational therapy are rising.",
            "",
        ),
        (
            "Fewer tribunal appeals were registered this year than last; most still concern "
            "the school named in the plan.",
            "",
        ),
        (
            "Suspensions of pupils with EHC plans rose in secondary schools in the autumn term.",
            "",
        ),
        (
            "A data cleanse of the case management system corrected records with missing "
            "dates, which made the timeliness figure more reliable.",
            "",
        ),
    ],
    "peg": [
        (
            "The You Said, We Did log grew again; families asked for named contacts and "
            "each EHC co-ordinator's details are now on the local offer.",
            "",
        ),
        (
            "Families tested the local offer website; search and the EHCP pages were the hardest "
            "to use and are being rewritten with them.",
            "",
        ),
        (
            "The SEND roadshow will visit six towns in the spring, co-hosted by the Parent Carer "
            "Forum.",
            "",
        ),
        (
            "Young Voices ran two sessions on moving to college; young people want to visit "
            "earlier and meet their tutor before they start.",
            "",
        ),
    ],
    "sdg": [
        (
            "The delivery plan was reviewed line by line, and the actions ready to move to "
            "business as usual were agreed.",
            "",
        ),
        (
            "The risk register was reviewed at a workshop; the risk on educational psychology "
            "capacity was raised to high.",
            "Educational psychology capacity is the partnership's highest risk; the group asks the "
            "Board to consider a joint recruitment campaign.",
        ),
        (
            "A proposal to commission therapies jointly across the council and the ICB will come "
            "to the Board for decision.",
            "",
        ),
        (
            "The high needs budget forecast shows a pressure of 4.1 million pounds; the deficit "
            "management plan has been refreshed.",
            "",
        ),
    ],
}

CYP_VOICE = [
    "Young Voices said that waiting for a diagnosis feels like waiting to be believed; they "
    "asked schools to support them while they wait.",
    "Young people described anxiety about moving from primary to secondary school and asked for "
    "more visits before September.",
    "Ellie shared feedback from a survey of young people: most felt listened to at their "
    "annual review, but fewer than half had read their plan.",
    "Young people asked for the local offer to have a section written for them, not their parents.",
    "Young Voices presented their film about travelling independently to college.",
    "Young people said that short breaks matter to them as much as to their parents, and asked "
    "to help design the new offer.",
]

PARENT_CARER = [
    "The Forum's survey had its most replies yet; communication with the EHC team was the "
    "main concern, "
    "followed by waits for therapy.",
    "Parents welcomed the named co-ordinator contacts but said phone calls are still not "
    "always returned.",
    "The Forum ran three coffee mornings on the neurodevelopmental pathway; families asked what "
    "support is available before an assessment.",
    "Parent carers raised delays to transport arrangements at the start of term.",
    "The Forum thanked the SALT service for the weekend clinics and asked that they continue.",
    "Parents reported that annual reviews are more often on time, but amended plans take too "
    "long to arrive.",
]

CHALLENGES = [
    (
        "The Chair asked how the partnership knows that the improvement is felt by families, not "
        "only seen in the figures.",
        "The Forum's next survey will ask the same questions as last year so the answers can be "
        "compared; results will come to the Board.",
    ),
    (
        "A member asked whether schools have the capacity to use the new toolkit without extra "
        "training.",
        "Training is built into the SENCO network meetings; no school is asked to release staff "
        "for extra days.",
    ),
    (
        "The DfE adviser asked what the trajectory is for 20-week timeliness by the end of the "
        "year.",
        "The service expects a steady rise to March if recruitment holds; the Performance and "
        "Impact Group will report monthly against the trajectory on the figures page.",
    ),
    (
        "The Parent Carer Forum asked why families were not told about the change before it "
        "happened.",
        "The service accepted this and will share changes with the Forum a month in advance in "
        "future.",
    ),
    (
        "The NHSE adviser asked whether waiting-time figures include children waiting for a "
        "second appointment.",
        "They do not yet; the trust will add the second-appointment wait to next month's report.",
    ),
    (
        "A co-chair challenged whether the budget pressure puts the recovery plan at risk.",
        "The recovery plan is funded for this year; next year's funding will be part of the "
        "deficit management plan.",
    ),
]

# Deep dives, reports and presentations the Board asked for, in the order they were
# (or will be) heard. owner key, kind, and for past ones what was said and decided.
FORWARD_PLAN = [
    {
        "title": "Deep dive: EHC needs assessment timeliness",
        "kind": "deep_dive",
        "owner": "ehc_lead",
        "note": "Sunita presented where delay sits in the 20 weeks: the decision to assess is "
        "mostly on time, but drafting waits for advice from health and educational psychology.",
        "decision": "The Board agreed a joint target for advice returned within six weeks.",
        "action": ("Report advice timeliness by service each month to the Board", "dco"),
    },
    {
        "title": "Speech and language therapy waiting times",
        "kind": "report",
        "owner": "therapies",
        "note": "Claire reported that the longest waits are over a year, and that referrals are "
        "up a fifth on last year.",
        "decision": "The Board supported a waiting list initiative funded jointly for six months.",
        "action": ("Agree the funding split for the SALT waiting list initiative", "icb_send"),
    },
    {
        "title": "Neurodevelopmental pathway: the case for a single front door",
        "kind": "presentation",
        "owner": "paediatrician",
        "note": "Dr Nair set out the proposal to triage all ND referrals in one place, with "
        "support for families while they wait.",
        "decision": "The Board approved the single front door from the first of next quarter.",
        "action": ("Publish the ND pathway and waiting support on the local offer", "member"),
    },
    {
        "title": "Preparation for adulthood framework",
        "kind": "report",
        "owner": "pfa",
        "note": "Craig presented the draft framework, co-produced with young people at the "
        "college.",
        "decision": "The Board endorsed the framework for consultation.",
        "action": ("Run the consultation on the preparation for adulthood framework", "pfa"),
    },
    {
        "title": "EHCP quality assurance framework",
        "kind": "report",
        "owner": "auditor",
        "note": "Olivia presented the audit results and the new multi-agency audit cycle.",
        "decision": "The Board agreed that every partner will audit at least two plans a month.",
        "action": ("Name an auditor from each partner for the multi-agency audits", "icb_send"),
    },
    {
        "title": "Annual reviews: clearing the backlog",
        "kind": "deep_dive",
        "owner": "member",
        "note": "Tom explained the backlog's causes: reviews held but amended plans not issued "
        "within four weeks.",
        "decision": "The Board agreed a weekly amendment panel until the backlog is cleared.",
        "action": ("Report the amendment panel's throughput to the next meeting", "member"),
    },
    {
        "title": "Inclusion in mainstream schools",
        "kind": "presentation",
        "owner": "primary_head",
        "note": "Rachel and Imran described inclusion in their schools and what helps: time "
        "for SENCOs, and quick advice from specialists.",
        "decision": "The Board asked for an outreach offer from special schools to mainstream.",
        "action": ("Draft an outreach offer from special schools to mainstream", "special_head"),
    },
    {
        "title": "Short breaks offer review",
        "kind": "report",
        "owner": "social_care",
        "note": "Denise presented the review of short breaks, with families' views on what works.",
        "decision": "The Board agreed to co-produce the new offer with families and young people.",
        "action": ("Set up a co-production group for the short breaks offer", "social_care"),
    },
    {
        "title": "Joint commissioning of therapies",
        "kind": "report",
        "owner": "icb_send",
        "note": "Aisha presented options for commissioning therapies jointly across the council "
        "and the ICB.",
        "decision": "The Board chose the pooled budget option, subject to both cabinets' approval.",
        "action": ("Take the pooled budget proposal through council and ICB approval", "dcs"),
    },
    {
        "title": "Self-evaluation refresh",
        "kind": "update",
        "owner": "manager",
        "note": "Hannah presented the refreshed self-evaluation, graded with partners in a "
        "workshop.",
        "decision": "The Board agreed the self-evaluation, to be shared with families in summary.",
        "action": ("Publish a family-friendly summary of the self-evaluation", "manager"),
    },
    {
        "title": "Alternative provision and part-time timetables",
        "kind": "deep_dive",
        "owner": "education",
        "note": (
            "The Director of Education and Skills reported how many pupils with SEND"
            " are on part-time timetables and why."
        ),
        "decision": "The Board asked for every part-time timetable over six weeks to be reviewed.",
        "action": ("Review all part-time timetables longer than six weeks", "education"),
    },
    {
        "title": "SEND strategy: year one report",
        "kind": "report",
        "owner": "dcs",
        "note": "Richard reported on the first year of the SEND strategy against its four aims.",
        "decision": "The Board agreed the priorities for year two.",
        "action": ("Refresh the delivery plan for year two of the strategy", "manager"),
    },
    # Upcoming: not yet heard.
    {"title": "Educational psychology workforce plan", "kind": "report", "owner": "ep"},
    {"title": "Occupational therapy waiting times", "kind": "report", "owner": "therapies"},
    {"title": "Early years inclusion funding", "kind": "presentation", "owner": "early_years"},
    {
        "title": "Post-16 destinations of young people with EHC plans",
        "kind": "deep_dive",
        "owner": "college",
    },
    {"title": "Emotionally based school avoidance", "kind": "deep_dive", "owner": "public_health"},
    {"title": "Local offer annual report", "kind": "report", "owner": "editor"},
]

DEFERRAL_REASON = "The paper needs the autumn term's figures, which are not yet validated."

# Actions raised at the Board under the standing and subgroup items.
# title, owner key
BOARD_ACTIONS = [
    ("Share the Forum's survey results with every EHC co-ordinator", "ehc_lead"),
    ("Add a young people's page to the local offer", "editor"),
    ("Confirm a transitions lead in adult social care", "social_care"),
    ("Report occupational therapy waits alongside SALT waits", "therapies"),
    ("Write to schools about support while children wait for an ND assessment", "member"),
    ("Bring the school transport start-of-term review to the Board", "education"),
    ("Set out options to continue the weekend SALT clinics", "icb_send"),
    ("Add second-appointment waits to the therapies report", "community_ops"),
    ("Circulate the audit findings on health advice to the ICB", "auditor"),
    ("Agree a joint recruitment campaign for educational psychologists", "dcs"),
    ("Publish the You Said, We Did log on the local offer", "editor"),
    ("Explain the rise in secondary suspensions to the Performance and Impact Group", "education"),
    ("Share the transition protocol with the college and sixth forms", "pfa"),
    ("Update the SEND dashboard with England and statistical neighbour figures", "analyst"),
    ("Return phone calls from families within two working days: report compliance", "ehc_lead"),
    ("Invite Young Voices to co-design the short breaks survey", "young_adviser"),
    ("Confirm the date of the joint area inspection readiness workshop", "manager"),
    ("Report tribunal outcomes by reason for appeal", "analyst"),
    ("Circulate the draft deficit management plan to members", "dcs"),
    ("Brief headteachers on the outreach offer from special schools", "special_head"),
    ("Set up a task and finish group on part-time timetables", "education"),
    ("Ask each trust to name a lead for EHC health advice", "dco"),
    ("Publish the roadshow dates with the Parent Carer Forum", "pcf_chair"),
    ("Review the terms of reference of the Board", "manager"),
    ("Check the data on children missing education with SEND", "analyst"),
    ("Share the early years inclusion fund criteria with settings", "early_years"),
    ("Prepare the Board's annual report to the Health and Wellbeing Board", "manager"),
    ("Agree how the voluntary sector is represented in each subgroup", "voluntary"),
    ("Report how many plans name a health outcome", "dco"),
    ("Add the amendment backlog to the SEND dashboard", "analyst"),
    ("Arrange a Board development session on preparation for adulthood", "manager"),
    ("Reply to the Forum's letter about transport delays", "education"),
    ("Confirm funding for the Young Voices participation worker", "icb_director"),
    ("Summarise complaints about EHC plans by theme", "ehc_lead"),
    ("Take the therapies pooled budget to the ICB board", "icb_director"),
    ("Agree a protocol for sharing plans with the college before enrolment", "college"),
]

# Actions raised at subgroup meetings, by subgroup.
SUBGROUP_ACTIONS = {
    "cig": [
        ("Update the recovery trajectory with the new officers' caseloads", "ehc_lead"),
        ("Collect SENCO feedback on the graduated approach toolkit", "primary_head"),
        ("Map transition points for young people aged 14 to 25", "pfa"),
        ("Agree the triage criteria for the ND front door", "paediatrician"),
        ("Draft the letter to families with overdue annual reviews", "member"),
        ("Book venues for the weekend SALT clinics", "therapies"),
        ("Add milestones to the Priority Action Plan lines without dates", "manager"),
        ("Check the EP advice template against the quality framework", "ep"),
        ("Invite the college to present its transition offer", "pfa"),
        ("Test the ND waiting support pack with parents", "pcf_chair"),
        ("Report on the recruitment of EHC co-ordinators", "member"),
        ("Share the outreach offer draft with special school heads", "special_head"),
    ],
    "pig": [
        ("Reconcile the timeliness figure with the SEN2 return", "analyst"),
        ("Add health advice timeliness to the dashboard", "analyst"),
        ("Split therapy waits by age band", "therapies"),
        ("Get mediation figures from the mediation service each quarter", "ehc_lead"),
        ("Break down suspensions by school and primary need", "analyst"),
        ("Write a data quality note for the case management system", "analyst"),
        ("Moderate ten audited plans with the ICB", "auditor"),
        ("Define the indicator for plans issued after an annual review", "analyst"),
        ("Compare tribunal rates with statistical neighbours", "analyst"),
        ("Add a commentary box to each dashboard page", "analyst"),
        ("Check the figures for children electively home educated with SEND", "member"),
        ("Report the number of plans ceased by reason", "ehc_lead"),
    ],
    "peg": [
        ("Add the named co-ordinator entry to You Said, We Did", "editor"),
        ("Run two usability sessions on the local offer search", "editor"),
        ("Book the roadshow venues", "pcf_cochair"),
        ("Write up Young Voices' college transition asks", "young_adviser"),
        ("Agree a quarterly slot for young people at the Board", "pcf_chair"),
        ("Draft the engagement plan for the short breaks review", "voluntary"),
    ],
    "sdg": [
        ("Update the delivery plan RAG ratings before the Board", "manager"),
        ("Score the EP capacity risk again after recruitment", "education"),
        ("Draft the section 75 agreement for pooled therapies", "icb_send"),
        ("Model the high needs forecast with and without the new special school", "dcs"),
        ("List delivery plan actions ready to move to business as usual", "manager"),
        ("Review the risk register's owners and review dates", "community_ops"),
    ],
}

UPDATES = {
    "started": [
        "Work has started; a first draft is with the owner's team.",
        "Lead officer named and a meeting with partners is booked.",
        "Scoping done; the owner will report progress at the next meeting.",
    ],
    "progress": [
        "Halfway: the draft has been shared with partners for comment.",
        "Figures gathered for the last two quarters; checking with the service.",
        "Delayed by staff absence but back on track this month.",
    ],
    "complete": [
        "Done: circulated to members with the papers for this meeting.",
        "Complete; the result was reported to the Board and is in the minutes.",
        "Finished and published on the local offer.",
    ],
    "deferred": "Deferred by agreement of the Board until the new data system is live.",
    "transferred": "Transferred to {where} to be followed up as business as usual.",
}

TRANSFER_DESTINATIONS = [
    "the Strategic Delivery Group's delivery plan",
    "the SEND Service operational plan",
]

SUBGROUP_NOTES = [
    "The group reviewed progress since the last meeting and agreed what to report to the Board.",
    "Members discussed the figures and agreed that the trend needs another month before "
    "drawing conclusions.",
    "The lead officer took the group through the paper; members welcomed the clear milestones.",
]

AOB = [
    "No other business was raised.",
    "The Chair thanked Josh for producing the papers a full week before the meeting.",
    "Members were reminded of the SENCO conference next month.",
    "The Forum invited members to its annual general meeting.",
]

LOCATIONS = {
    "in_person": "Council Chamber, Northshire Civic Centre",
    "hybrid": "Committee Room 2, Northshire Civic Centre, and Microsoft Teams",
    "online": "Microsoft Teams",
}
