/**
 * Background paragraphs by beat, so that generated stories reach a believable length without each one being
 * written out in full. Slots: {subject} (what the story is about), {place} (where), {org} (who is responsible).
 * Every story also carries its own hand-written lede, detail and quote; these only fill in around them.
 */

export type Beat =
  | "council"
  | "transport"
  | "environment"
  | "health"
  | "education"
  | "business"
  | "culture"
  | "food"
  | "opinion"
  | "analysis"
  | "feature";

export const fillers: Record<Beat, string[]> = {
  council: [
    "The decision will return to the full council for a final vote. Officers told councillors that {subject} could be paid for from existing budgets, a claim opposition members said they wanted to see tested line by line.",
    "Residents of {place} have followed the process closely. At the most recent committee meeting the public gallery was full before the agenda had been handed out, and several people were turned away at the door.",
    "{org} said it would publish a summary of consultation responses alongside the committee papers, and that people could continue to comment online until the end of next month.",
    "It is not the first time the question has come before councillors. A similar proposal was shelved in 2019 after costs rose, and some of the objections heard this week were almost word for word the same.",
    'Councillor Marcus Hale, who leads the largest opposition group, said his members would "scrutinise the detail rather than the press release" and called for the papers to be published a fortnight before any vote.',
  ],
  transport: [
    "Passenger numbers across the Wend Valley network are still below their pre-pandemic level on weekdays but have overtaken it at weekends, according to figures published by the Combined Authority last month.",
    "{org} said it understood the frustration of people in {place} and would set out a timetable for {subject} in the spring.",
    "The Ledger's analysis of punctuality data shows that the worst delays are concentrated in the evening peak, when a single late service can knock on across a whole route.",
    "Campaigners say the test of {subject} will be whether it works for the people who rely on public transport most: shift workers, carers, students and anyone without a car.",
    "About three in ten households in Calderbridge do not have access to a car, rising to almost half in parts of {place}, according to the most recent census.",
  ],
  environment: [
    "The Wend rose by more than two metres in under a day during last winter's storms, and modelling by the Wend Valley Rivers Trust suggests that such surges will become more frequent over the next thirty years.",
    "Researchers at the University of Calderbridge have been monitoring {place} for four years. Their data, shared with the Ledger, suggests {subject} is not an isolated case.",
    "{org} said the work would be reviewed every year and that residents would be consulted before any further changes were made.",
    "For people living nearby, the argument is not abstract. Several told the Ledger they now keep sandbags in the hallway from October to March.",
  ],
  health: [
    "Calderbridge Royal Infirmary has been under sustained pressure for more than a year, with waiting times in its emergency department regularly exceeding the national target.",
    "{org} said {subject} would be kept under review and that patients should continue to attend appointments unless they were contacted directly.",
    "Staff who spoke to the Ledger on condition of anonymity described long shifts, unfilled rotas and a sense that parts of the service were running on goodwill.",
    "The change will be watched closely in {place}, where the nearest alternative is a forty-minute bus journey away.",
  ],
  education: [
    "Schools across the city are managing falling rolls in some neighbourhoods and overcrowding in others, a pattern that follows where new homes have, and have not, been built.",
    "{org} said it had written to parents in {place} and would hold an open meeting before the end of term.",
    "Head teachers say {subject} will only work if the money follows the pupils, and that the past three years have been spent plugging gaps rather than planning.",
    "Primary pupil numbers in Calderbridge are forecast to fall by about six per cent by the end of the decade, according to council projections.",
  ],
  business: [
    "{org} is one of the larger private employers in the Wend Valley, and its decisions are felt well beyond its own payroll, from suppliers to the cafés near its sites.",
    "Analysts said {subject} reflected wider pressures on the sector: higher borrowing costs, uneven demand and energy bills that remain well above where they were five years ago.",
    "Trade union representatives said they expected to be consulted before any changes to shifts or jobs, and that they had asked for a meeting with management this month.",
    "In {place}, the mood is cautious. Several business owners told the Ledger they were postponing investment until the picture became clearer.",
    "The Wend Valley's economy grew by 1.2 per cent last year, slightly behind the national average, according to the Combined Authority's latest economic review.",
  ],
  culture: [
    "The Lantern Theatre, which reopened two years ago after a long restoration, has built a reputation for bringing ambitious work to {place} at prices that do not shut out the people who live there.",
    "Much of the credit belongs to the production team, who make a virtue of a modest budget: a few well-chosen objects, careful lighting and a sound design that fills the room.",
    "{org} said tickets for the remaining dates were selling quickly and that a number of pay-what-you-can seats would be released each week.",
    "It is a reminder that the arts in Calderbridge do not need to look elsewhere for permission. Some of the most interesting work in the region is being made a short walk from the river.",
  ],
  food: [
    "The Quayside Makers Market has become a weekend fixture in {place}, and a testing ground for traders who go on to open permanent premises nearby.",
    "Prices are fair for the care involved. Service is warm, quick and not in the least bit precious.",
    "{org} said it hoped {subject} would bring more people to the area in the evenings, when many of the surrounding streets are quiet.",
    "If there is a criticism, it is that the menu plays safe in places. On the evidence of a busy Tuesday, few people seem to mind.",
  ],
  opinion: [
    "None of this is an argument for doing nothing. It is an argument for doing the obvious things first, and doing them properly.",
    "There is a tendency in civic debate to treat every decision as a referendum on everything else. {Subject} deserves to be judged on its own terms.",
    "The people of {place} have been patient. They have sat through the consultations, filled in the forms and turned up to the meetings. They deserve an answer that is more than a press release.",
    "It would be easy to blame {org}. It would also be lazy. The harder truth is that the choices now on the table were made inevitable by years of avoiding them.",
    "So here is a modest proposal: publish the numbers, set a date, and let people judge the result.",
  ],
  analysis: [
    "Behind the headline figure are several smaller trends that point in different directions, and which do not all fit the story either side has been telling.",
    "The figures, published by {org}, cover the past five years. They show steady change rather than a sudden break, which suggests the causes are structural rather than seasonal.",
    "What happens next depends on decisions that have not yet been made, and on money that has not yet been found.",
    "Comparisons with similar cities are instructive. Calderbridge is neither the best nor the worst performer, but it has moved more slowly than most since 2020.",
  ],
  feature: [
    "On a grey weekday morning in {place}, the first visitors arrive before nine. Most of them know each other by name.",
    "It was not always like this. Ten years ago, {subject} would have seemed an unlikely idea, and the building at the heart of it had stood empty for the best part of a decade.",
    "Not everyone is convinced. Some neighbours worry about noise and parking; others about what happens if the money runs out.",
    "For now, though, the doors are open and the kettle is on.",
  ],
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function fill(template: string, facts: { subject: string; place: string; org: string }): string {
  return template
    .replace(/(^|\. )\{org\}/g, (_, lead: string) => lead + capitalise(facts.org))
    .replaceAll("{Subject}", capitalise(facts.subject))
    .replaceAll("{subject}", facts.subject)
    .replaceAll("{place}", facts.place)
    .replaceAll("{org}", facts.org);
}
