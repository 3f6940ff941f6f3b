import type { ImageSpec } from "../images";

/**
 * The Northern Ledger: a fictional daily for a fictional northern English city, Calderbridge, on the (equally
 * fictional) River Wend. Every person, company and place below is invented; links point at .example domains.
 */

export const publication = {
  name: "The Northern Ledger",
  tagline: "Calderbridge and the Wend Valley, every day since 1871",
  // Dates read "28 November 2026"; <html lang> and og:locale follow (lib/time/reader-format.ts).
  language: "en-GB",
  timeZone: "Europe/London",
  // Null on purpose: the site then shows the default disclaimer text, which names the publication.
  opinionDisclaimer: null,
};

export const sections = [
  {
    slug: "news",
    name: "News",
    position: 1,
    description: "Calderbridge, the Wend Valley and the North: what happened and why it matters.",
  },
  {
    slug: "opinion",
    name: "Opinion",
    position: 2,
    description: "Argument and comment from Ledger columnists. Opinion pieces are the views of their writers.",
  },
  {
    slug: "business",
    name: "Business",
    position: 3,
    description: "Work, money and the companies that shape the region.",
  },
  {
    slug: "arts-and-life",
    name: "Arts & Life",
    position: 4,
    description: "Theatre, music, books, food and the way we live now.",
  },
] as const;

export type SectionSlug = (typeof sections)[number]["slug"];

export const tagNames = [
  "Housing",
  "Transport",
  "City Council",
  "Climate",
  "Environment",
  "Flooding",
  "Health",
  "Education",
  "Economy",
  "Energy",
  "Jobs",
  "Technology",
  "Justice",
  "Theatre",
  "Music",
  "Food & Drink",
  "Books",
  "Nightlife",
  "History",
  "Film",
] as const;

export type TagName = (typeof tagNames)[number];

type AuthorSeed = {
  slug: string;
  name: string;
  jobTitle: string;
  bio: string;
  links: { label: string; url: string }[];
  pseudonymous?: boolean;
  /** Palette of the drawn portrait; pseudonymous writers get none. */
  portrait?: ImageSpec["palette"];
};

export const authors = [
  {
    slug: "margaret-ashdown",
    name: "Margaret Ashdown",
    jobTitle: "Editor",
    bio: "Margaret Ashdown has edited the Northern Ledger since 2019. She joined the paper as a trainee court reporter and has worked on every desk in the newsroom except sport, which she maintains is for the best.",
    links: [
      { label: "Email", url: "mailto:editor@northernledger.example" },
      { label: "Letters to the editor", url: "https://northernledger.example/letters" },
    ],
    portrait: "paper",
  },
  {
    slug: "daniel-okafor",
    name: "Daniel Okafor",
    jobTitle: "City Hall Correspondent",
    bio: "Daniel Okafor covers Calderbridge City Council, planning and local politics. He spent six years at a regional news agency before joining the Ledger, and has sat through more planning committees than he would like to count.",
    links: [
      { label: "Email", url: "mailto:daniel.okafor@northernledger.example" },
      { label: "Mastodon", url: "https://social.example/@dokafor" },
    ],
    portrait: "slate",
  },
  {
    slug: "priya-raman",
    name: "Priya Raman",
    jobTitle: "Business Editor",
    bio: "Priya Raman writes about work, money and the companies of the Wend Valley. She previously covered retail and energy for a trade publication and still reads annual reports for fun.",
    links: [
      { label: "Email", url: "mailto:priya.raman@northernledger.example" },
      { label: "Newsletter", url: "https://northernledger.example/newsletters/ledger-money" },
    ],
    portrait: "harbour",
  },
  {
    slug: "tomas-whitlock",
    name: "Tomás Whitlock",
    jobTitle: "Arts Critic",
    bio: "Tomás Whitlock reviews theatre, music, books and restaurants for the Ledger. He grew up above a record shop in the Tannery Quarter and has been arguing about culture ever since.",
    links: [{ label: "Email", url: "mailto:tomas.whitlock@northernledger.example" }],
    portrait: "dusk",
  },
  {
    slug: "helen-baird",
    name: "Helen Baird",
    jobTitle: "Science, Health and Environment Reporter",
    bio: "Helen Baird reports on health services, the River Wend and the region's changing climate. She trained as a hydrologist before moving into journalism.",
    links: [
      { label: "Email", url: "mailto:helen.baird@northernledger.example" },
      { label: "Secure tip line", url: "https://northernledger.example/tips" },
    ],
    portrait: "moss",
  },
  {
    slug: "aisha-mensah",
    name: "Aisha Mensah",
    jobTitle: "Data and Transport Reporter",
    bio: "Aisha Mensah turns public data into stories about how Calderbridge moves, lives and spends. If a council publishes a spreadsheet, she has probably read it.",
    links: [
      { label: "Email", url: "mailto:aisha.mensah@northernledger.example" },
      { label: "Data notebooks", url: "https://data.northernledger.example" },
    ],
    portrait: "mint",
  },
  {
    slug: "joseph-kerrigan",
    name: "Joseph Kerrigan",
    jobTitle: "Columnist",
    bio: "Joseph Kerrigan writes a weekly column about Calderbridge and the North. He was a secondary school teacher in Northfield for twenty years.",
    links: [{ label: "Email", url: "mailto:joseph.kerrigan@northernledger.example" }],
    portrait: "brick",
  },
  {
    slug: "the-night-porter",
    name: "The Night Porter",
    jobTitle: "Columnist",
    bio: "The Night Porter is the pen name of a hospital worker who writes about Calderbridge after dark. The Ledger knows their identity; they write anonymously so that they can write honestly about their workplace.",
    links: [{ label: "Write to the Night Porter", url: "mailto:nightporter@northernledger.example" }],
    pseudonymous: true,
  },
] satisfies AuthorSeed[];

export type AuthorSlug = (typeof authors)[number]["slug"];
