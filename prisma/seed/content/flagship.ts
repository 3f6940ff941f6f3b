import type { ArticleSpec, BodyPicture } from "./types";

/**
 * Hand-written opinion pieces. Each uses every element an article body can hold (headings, bold, italic, links,
 * quotes, both kinds of list, a rule, a figure and related-article callouts), so the demo shows them all and a
 * change to rendering is visible at a glance.
 */

export const flagshipPictures: BodyPicture[] = [
  {
    key: "figure-goods-line",
    motif: "rail",
    palette: "slate",
    hoursAgo: 400,
    alt: "Illustration of a single railway line running between embankments towards a low horizon under a grey sky",
    caption: "The old goods line through Eastgate, where the tram extension would run.",
    credit: "Illustration: Ruth Agyeman for the Northern Ledger",
  },
  {
    key: "figure-city-after-midnight",
    motif: "skyline",
    palette: "ink",
    hoursAgo: 300,
    alt: "Illustration of dark city blocks at night with a scattering of lit windows and a pale moon",
    caption: "Calderbridge city centre after midnight, when the last scheduled bus has gone.",
    credit: "Illustration: Ledger graphics desk",
  },
  {
    key: "figure-magistrates-court",
    motif: "skyline",
    palette: "brick",
    hoursAgo: 700,
    alt: "Illustration of a row of civic buildings in warm red brick against an evening sky",
    caption: "The civic quarter on Old Town Square, home to Calderbridge Magistrates' Court.",
    credit: "Illustration: Ledger graphics desk",
  },
  {
    key: "figure-wend-at-millbank",
    motif: "river",
    palette: "harbour",
    hoursAgo: 500,
    alt: "Illustration of a wide river under a three-arched bridge, with ripples catching the light",
    caption: "The Wend at Millbank, where a new flood wall has been delayed until at least next year.",
    credit: "Illustration: Ruth Agyeman for the Northern Ledger",
  },
];

export const flagship: ArticleSpec[] = [
  {
    key: "tram-column",
    section: "opinion",
    type: "OPINION",
    status: "PUBLISHED",
    headline: "The tram line is a test of whether Calderbridge still believes in its own future",
    dek: "Six hours of debate, one narrow vote, and a question the city keeps dodging: will we build anything that takes longer than an election cycle?",
    authors: ["joseph-kerrigan"],
    tags: ["Transport", "City Council"],
    hoursAgo: 3,
    hero: {
      motif: "rail",
      palette: "dawn",
      alt: "Illustration of a yellow tram approaching along converging tracks at sunrise",
      caption: "The Eastgate extension would be the first new tram line in the Wend Valley for forty years.",
      credit: "Illustration: Ruth Agyeman for the Northern Ledger",
    },
    related: ["tram-extension-vote", "ledger-view-tram-business-case"],
    body: (d) => [
      d.p(
        "Shortly before midnight, after six hours of speeches, points of order and one prolonged argument about the air conditioning, Calderbridge City Council [voted to back the Eastgate tram extension](@tram-extension-vote). The margin was four votes. The applause from the public gallery was louder than that.",
      ),
      d.p(
        "I was there, and I clapped too. But I left the chamber with the uneasy feeling that we had just cheered the easy part.",
      ),
      d.h2("The easy part is saying yes"),
      d.p(
        "A vote in principle costs nothing. The £180 million the line will need is still, in the careful language of the committee report, *subject to confirmation*. The route is drawn on a map, not on the ground. And the thing that has killed every transport scheme in this city for forty years — the slow loss of nerve when costs rise and the next election approaches — has not gone anywhere.",
      ),
      d.p("Consider the record. Since 1985 Calderbridge has announced:"),
      d.ol(
        "A light rail line to Northfield (1987), abandoned after a change of administration.",
        "A guided busway along the old goods line (1998), abandoned when the contractor's price doubled.",
        "A tram to Saltmarsh Quay (2011), abandoned in the spending cuts that followed.",
        'An "ambitious rapid transit network" (2019), which became, in practice, some new bus shelters.',
      ),
      d.p(
        "None of these was a bad idea. Each was dropped for reasons that seemed sensible at the time. Together they add up to a city that has spent four decades planning for a future it never quite commits to.",
      ),
      d.figure("figure-goods-line"),
      d.h2("What it would take this time"),
      d.p(
        "If the council is serious — and I think, this time, many of its members are — there are three things it can do now, before a single rail is laid.",
      ),
      d.h3("Publish the business case"),
      d.p(
        "The full business case runs to 340 pages. Councillors have seen it; residents have seen a twelve-page summary. **Publish the whole thing.** If the numbers are sound, they will survive scrutiny. If they are not, better to find out now than in 2028.",
      ),
      d.h3("Protect the money"),
      d.p(
        "Ring-fence the local contribution so that a future council cannot quietly raid it. Other cities have done this with a dedicated fund and an annual report to an independent panel. It is not glamorous, but it is how long projects survive short attention spans.",
      ),
      d.h3("Tell people what they will get"),
      d.p(
        "The case for the tram is not really about trams. It is about a nurse in Eastgate getting to a 7am shift at the Infirmary without a car, and a teenager in Northfield taking the college course she wants rather than the one on the bus route. Say that, plainly and often.",
      ),
      d.quote(
        "We are not asking people to love trams. We are asking them to imagine their own street in ten years' time, and decide whether they want it to be the same.",
        "— Councillor Sarah Pennington, leader of Calderbridge City Council, before the vote",
      ),
      d.p(
        "Pennington is right, but imagining is the cheap part. The test is whether the council can hold its nerve when the first cost overrun arrives — because it will arrive. Every large project overruns. What matters is what you do next:",
      ),
      d.ul(
        "**If costs rise by a tenth**, go ahead: the contingency exists for exactly this.",
        "**If costs rise by a third**, come back to residents with options, not a decision made in private.",
        "**If the government's share falls through**, say so at once, rather than waiting for the Ledger to find out.",
      ),
      d.related("bus-franchising"),
      d.hr(),
      d.p(
        "I have lived in this city for fifty-one years and taught a good number of its children. Many of them left to find work somewhere with better connections. I would like the next generation to have more reason to stay. *A tram will not do that on its own.* But a city that can finish what it starts just might.",
      ),
      d.p(
        "*Joseph Kerrigan's column appears every Thursday. Read [our report on the vote](@tram-extension-vote) and [our explainer on bus franchising](@bus-franchising).*",
      ),
    ],
  },
  {
    key: "night-porter-3am",
    section: "opinion",
    type: "OPINION",
    status: "PUBLISHED",
    headline: "What Calderbridge sounds like at 3am, and why the council should listen",
    dek: "The city after midnight is not empty. It is full of people going to work, coming home from it, or trying to get help.",
    authors: ["the-night-porter"],
    tags: ["Nightlife", "Transport", "Health"],
    hoursAgo: 26,
    hero: {
      motif: "skyline",
      palette: "dusk",
      alt: "Illustration of a city skyline at dusk, windows lit in amber under a violet sky",
      caption:
        "Night workers make up about one in eight of Calderbridge's workforce, according to the Combined Authority.",
      credit: "Illustration: Ruth Agyeman for the Northern Ledger",
    },
    related: ["night-buses-return", "night-porter-ward-4am"],
    body: (d) => [
      d.p(
        "At three in the morning, Calderbridge has a particular sound. The hum of the Infirmary's air handling units. A delivery lorry reversing behind the Pennock's loading bay. The last bus that isn't a bus at all, because there hasn't been one since half past eleven.",
      ),
      d.p(
        "I have worked nights at the hospital for eleven years. In that time I have learned that the city after midnight is **not** empty. It is full of the people who keep the daytime city running: cleaners, bakers, carers, security staff, porters like me. Most of us get home the same way — on foot, by taxi if we can afford it, or in a colleague's car if they live vaguely in the right direction.",
      ),
      d.h2("The night shift is not a lifestyle choice"),
      d.p(
        "When people talk about the *night-time economy* they usually mean bars and clubs. Those matter, and the argument over [The Cellar's future](@cellar-venue-closure) is an important one. But the night-time economy also includes the forty people who clean the Infirmary between 10pm and 6am, and the bakers on Fenwick Road who start at four.",
      ),
      d.p("Ask any of them what would make their lives easier and you will hear the same answer."),
      d.quote(
        "A bus. Just one bus, every hour, that goes where we live.",
        "— a ward cleaner from Eastgate, who asked not to be named",
      ),
      d.figure("figure-city-after-midnight"),
      d.h2("What the return of night buses should look like"),
      d.p(
        "So I welcomed [the news that night buses will return to three routes](@night-buses-return). It is a start. Here is what I hope the Combined Authority does with it:",
      ),
      d.ol(
        "**Run them to where night workers live**, not only to where people drink. The Eastgate and Holloway Heights routes matter more than the loop around the Old Town.",
        "**Timetable them around shift changes.** A bus at 10.15pm and another at 6.15am are worth three at 1am.",
        "**Publish the passenger figures** every quarter, so the service is judged on who uses it, not on who complains about it.",
      ),
      d.p("And a few things I hope they will not do:"),
      d.ul(
        "Cut the routes after six months because they are quiet in their first winter.",
        "Treat safety as an afterthought. A bus stop with no light is not a bus stop; it is a hazard.",
        "Forget that [the children's ward closing overnight](@infirmary-ward-closure) means more families travelling to other hospitals in the dark.",
      ),
      d.h3("A note on safety"),
      d.p(
        "Several readers wrote after my last column to say they no longer walk home at night at all. That is a loss for them and for the city. Better lighting on the routes between the hospital, the bus station and the estates would cost a fraction of the tram, and it would make a difference this year rather than this decade.",
      ),
      d.related("night-buses-return"),
      d.hr(),
      d.p(
        "At the end of a shift I sometimes stand on the Infirmary steps and watch the city wake up: the first buses, the coffee stalls, the school run. It is easy, in daylight, to forget the people who made the morning possible. *I am asking the council not to.*",
      ),
      d.p(
        "*The Night Porter writes about Calderbridge after dark. You can write to them at [nightporter@northernledger.example](mailto:nightporter@northernledger.example).*",
      ),
    ],
  },
  {
    key: "editor-courts-policy",
    section: "opinion",
    type: "OPINION",
    status: "PUBLISHED",
    headline: "Why the Ledger is changing the way it reports the courts",
    dek: "From next month we will stop naming people accused of minor offences until they are convicted. The editor explains why, and what will not change.",
    authors: ["margaret-ashdown"],
    tags: ["Justice"],
    hoursAgo: 200,
    hero: {
      motif: "shapes",
      palette: "paper",
      alt: "Abstract illustration of overlapping circles, triangles and rectangles in red, cream and charcoal",
      caption: "The Ledger received 47 requests to remove or amend court reports in the past year.",
      credit: "Illustration: Ruth Agyeman for the Northern Ledger",
    },
    related: ["court-landlord-fined"],
    body: (d) => [
      d.p(
        "Every newspaper makes decisions about what to publish that its readers never see. Most are small: which photograph, which quote, how long. A few are large enough that readers deserve to see the reasoning. This is one of those.",
      ),
      d.p(
        "From the first of next month, the Northern Ledger will **no longer name people charged with minor, non-violent offences** until and unless they are convicted. We will still report those cases where there is a public interest in doing so. We will still name anyone convicted. And we will continue to report serious crime, including every case that reaches the Crown Court, in full.",
      ),
      d.h2("Why now"),
      d.p(
        "Court reporting used to be a short item in the paper, read once and thrown away. Now it is a permanent search result. A man acquitted of shoplifting in 2016 wrote to me last year to say that our report of his *charge* — not his acquittal, which we did not cover — was still the first thing employers found when they searched for his name.",
      ),
      d.p(
        "He was not unusual. In the past twelve months we received 47 requests to remove or amend court reports. When we looked at them closely, we found a pattern:",
      ),
      d.ul(
        "Most concerned minor charges: shoplifting, criminal damage, low-level public order offences.",
        "In nearly a third of cases, the charge had later been dropped or the person acquitted.",
        "In almost none had we reported the outcome.",
      ),
      d.p(
        "That is not a record I am proud of. Open justice matters — it is one of the reasons local newspapers exist — but it depends on reporting the whole of a case, not only its most embarrassing moment.",
      ),
      d.figure("figure-magistrates-court"),
      d.h2("What will change, and what will not"),
      d.p("Our new policy, published in full in our editorial standards, works like this:"),
      d.ol(
        "For minor, non-violent offences, we will report the case without naming the defendant until there is a conviction.",
        "If a defendant is convicted, we will name them, as we do now.",
        "If we have named someone who is later acquitted, or whose case is dropped, we will report that outcome as prominently as the original story.",
        "Anyone can ask us to review an old court report. A senior editor, not the reporter, will decide.",
      ),
      d.p(
        "Some things will not change at all. We will name public figures where a charge is relevant to their role. We will report cases of violence, sexual offences and fraud as we always have. And we will keep sending reporters to court — including to cases like [the Holloway Heights landlord fined over damp flats](@court-landlord-fined), where naming the defendant is exactly the point.",
      ),
      d.quote(
        "Justice should not only be done, but should manifestly and undoubtedly be seen to be done.",
        "— Lord Hewart, *R v Sussex Justices, ex parte McCarthy* (1924)",
      ),
      d.p("That principle is why we sit on the press bench. It is not an argument for treating a charge as a verdict."),
      d.h3("An objection we take seriously"),
      d.p(
        "Some colleagues argued that this policy makes us gatekeepers, deciding on readers' behalf what they may know. It is a fair point. My answer is that we have always been gatekeepers — every story we leave out is a decision — and that it is better to make that decision openly, by a published rule, than case by case on deadline.",
      ),
      d.related("court-landlord-fined"),
      d.hr(),
      d.p(
        "If you think we have got this wrong, I would like to hear from you. Write to [editor@northernledger.example](mailto:editor@northernledger.example), or read our [editorial standards](https://northernledger.example/standards) in full. *We will review the policy after a year and publish what we find.*",
      ),
    ],
  },
  {
    key: "ledger-view-river",
    section: "opinion",
    type: "OPINION",
    status: "PUBLISHED",
    headline: "The Ledger's view: the Wend is telling us something, and the city should listen",
    dek: "Another delay to the Millbank flood wall, another year of sandbags. Calderbridge needs a plan for the river it has, not the one it used to have.",
    authors: ["margaret-ashdown"],
    tags: ["Flooding", "Climate", "Environment"],
    hoursAgo: 40,
    hero: {
      motif: "river",
      palette: "slate",
      alt: "Illustration of a grey river under a long bridge, with pale ripples across the water",
      caption: "About 900 homes on the east bank of the Wend remain without a permanent flood defence.",
      credit: "Illustration: Ledger graphics desk",
    },
    related: ["wend-flood-defences", "river-sewage-data"],
    body: (d) => [
      d.p(
        "For the third time in two years, the new flood wall at Millbank [has been delayed](@wend-flood-defences). The reasons are familiar: rising costs, a contractor's revised timetable, a funding bid that must now be resubmitted. Each is reasonable on its own. Together they leave about 900 homes on the east bank exposed for at least another winter.",
      ),
      d.p(
        "This newspaper has covered the Wend for more than 150 years. Our archive records serious floods in 1883, 1947, 1968 and 2000. It records *eleven* since 2007. **The river has changed.** Our planning has not kept pace.",
      ),
      d.h2("What the evidence says"),
      d.p(
        "Our reporting this year, including [our analysis of sewage releases into the river](@river-sewage-data), points one way. The Wend is rising faster, falling more slowly and carrying more than it used to. Scientists at the University of Calderbridge, whose [new sensor network](@university-river-sensors) should give the city far better warning, say the pattern matches what they see across the region.",
      ),
      d.figure("figure-wend-at-millbank"),
      d.p(
        "None of this is a reason for despair. It is a reason for a plan that matches the size of the problem. We would start with four things:",
      ),
      d.ol(
        "**A firm date for the Millbank wall**, with a named person accountable for meeting it.",
        "**Natural flood management upstream**: the woodland and wetland schemes on Ashby Moor that slow the river before it reaches the city.",
        "**Honest insurance advice** for households in the flood zone, who are too often left to work it out alone.",
        "**An annual river report** to the full council, so that the Wend is discussed every year, not only after it floods.",
      ),
      d.h3("The cost of waiting"),
      d.p(
        "The wall's budget has risen from £14 million to £21 million since it was first proposed, and much of that increase is the price of delay. Every flood, meanwhile, costs households, businesses and the council itself. The cheapest flood defence is the one built on time.",
      ),
      d.quote(
        "We don't need sympathy every time the water comes up. We need the wall.",
        "— Janet Foley, chair of the Millbank Residents' Association",
      ),
      d.p(
        "Residents have been patient for a long time. They have kept sandbags in their hallways, carried their furniture upstairs and sat through meetings where the timetable slipped again. They are owed more than another revised estimate.",
      ),
      d.ul(
        "Residents can check whether their home is in the flood zone on the council's [flood map](https://calderbridge.example/flood-map).",
        "The Millbank Residents' Association meets on the first Monday of each month at St Aidan's church hall.",
        "Read our [full report on the latest delay](@wend-flood-defences).",
      ),
      d.related("wend-flood-defences"),
      d.hr(),
      d.p(
        "*The Ledger's view is the opinion of the newspaper, agreed by its editorial board and written by the editor.*",
      ),
    ],
  },
];
