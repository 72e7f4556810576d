import { hashOf, type Random } from './random.ts';
import { compile, type SentenceTemplate } from './sentences.ts';

// Ground truth for themes and question groups, planted in customer speech on top of the generated calls. Planted
// sentences come from their own random stream and are appended to existing turns, so the calls' other sentences,
// their order and their timing stay exactly as before.

export interface PlantedTheme {
  /** The phrase a theme finder should report, as customers say it. */
  phrase: string;
  /** Customer sentences about it, with the filler and small talk real speech has around a topic. */
  sentences: SentenceTemplate[];
}

const theme = (phrase: string, sentences: string[]): PlantedTheme => ({
  phrase,
  sentences: sentences.map(compile),
});

const THEME_POOL: PlantedTheme[] = [
  theme('data residency', [
    'Honestly, data residency is a hard requirement for our legal folks.',
    'We would need data residency in the EU, you know, for the German entity.',
    'Data residency came up again with our lawyers yesterday, to be fair.',
    'So, um, where would data residency sit for a customer like us?',
  ]),
  theme('SSO integration', [
    'The SSO integration with Okta has to work from the start, basically.',
    'Without a proper SSO integration our admins will push back, I think.',
    'Our IT folks will ask about the SSO integration first, for sure.',
    'Well, the SSO integration is the first box they tick.',
  ]),
  theme('renewal discount', [
    'Honestly, we would expect a renewal discount if we stay on.',
    'The renewal discount matters more to finance than anything else, really.',
    'Last time the vendor dropped the renewal discount without telling us.',
    'If a renewal discount is written into the contract, that helps a lot.',
  ]),
  theme('audit logs', [
    'Our compliance team insists on audit logs for every admin action.',
    'Do you keep audit logs, like, for each change an admin makes.',
    'We got burned before because audit logs were missing, you know.',
    'Audit logs are basically a must for our regulators.',
  ]),
  theme('sandbox environment', [
    'We would want a sandbox environment to try things first.',
    'A sandbox environment would make our rollout team much calmer.',
    'Honestly, without a sandbox environment nobody here signs off.',
    'Can the sandbox environment mirror our real setup, more or less.',
  ]),
  theme('onboarding plan', [
    'We need an onboarding plan that our managers can follow.',
    'The onboarding plan was the weak spot with our last vendor.',
    'An onboarding plan with clear owners would really help us.',
    'Honestly, a written onboarding plan is what leadership will ask for.',
  ]),
  theme('coaching scorecards', [
    'Our managers keep asking for coaching scorecards per rep.',
    'Coaching scorecards would replace a spreadsheet we keep by hand.',
    'We would roll out coaching scorecards to the frontline managers first.',
    'Are coaching scorecards something your team can set up for us.',
  ]),
  theme('forecast accuracy', [
    'Forecast accuracy is what the CFO cares about, frankly.',
    'Our forecast accuracy dropped a lot after the reorg.',
    'If this improves forecast accuracy, the business case writes itself.',
    'Honestly, forecast accuracy is the metric our board watches.',
  ]),
];

export interface TenantThemes {
  /** Said all along, in about two calls in five, a few sentences at a time. */
  steady: PlantedTheme[];
  /** Said only in the newest calls (from EMERGING_FROM of the timeline on): up most against the previous period. */
  emerging: PlantedTheme;
}

/** The last 15 % of a tenant's calls (by index, so by start time) carry the emerging theme. */
export const EMERGING_FROM = 0.85;
export const STEADY_THEME_CHANCE = 0.5;
export const EMERGING_THEME_CHANCE = 0.5;

/** Five of the pool's themes per tenant, chosen by hash: four steady, one emerging. */
export function themesOf(seed: number, tenantId: string): TenantThemes {
  const order = THEME_POOL.map((planted, index) => ({ planted, key: hashOf(seed, tenantId, 'theme', index) }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.planted);
  return { steady: order.slice(0, 4), emerging: order[4]! };
}

/**
 * Wordings of one customer question. `{competitor}` is the call's competitor, so each competitor makes its own
 * group: "How are you different from Clari?" is not the Salesloft question.
 */
export interface ParaphraseGroup {
  id: string;
  /** Wordings already in the call templates (sentences.ts): they stay where they are. */
  existing: string[];
  /** Wordings planted here. */
  planted: SentenceTemplate[];
  /** The call phase whose customer turns get the planted wording. */
  phase: 'discovery' | 'competition' | 'pricing';
  chance: number;
}

const group = (
  id: string,
  phase: ParaphraseGroup['phase'],
  chance: number,
  existing: string[],
  planted: string[],
): ParaphraseGroup => ({ id, phase, chance, existing, planted: planted.map(compile) });

export const PARAPHRASE_GROUPS: ParaphraseGroup[] = [
  group(
    'compare',
    'competition',
    0.6,
    ['How are you different from {competitor}?', 'Why would we pick you over {competitor}?'],
    ['What sets you apart from {competitor}?'],
  ),
  group(
    'seat-price',
    'pricing',
    0.5,
    ['What is the price per seat?'],
    ['How much does a seat cost?', 'What would one seat cost us?'],
  ),
  group(
    'salesforce',
    'discovery',
    0.3,
    ['Does it integrate with Salesforce out of the box?'],
    ['Do you have a Salesforce integration?', 'Can it connect to Salesforce?'],
  ),
  group(
    'warehouse-export',
    'discovery',
    0.25,
    ['Is there a way to export everything to our warehouse?'],
    ['Can we export our data to the warehouse?'],
  ),
];

const PLANTED_TEMPLATES = new Set<SentenceTemplate>([
  ...THEME_POOL.flatMap((t) => t.sentences),
  ...PARAPHRASE_GROUPS.flatMap((g) => g.planted),
]);

export function isPlanted(template: SentenceTemplate): boolean {
  return PLANTED_TEMPLATES.has(template);
}

/** Planted sentences for one call: which turn (by phase) gets which templates. */
export interface Planting {
  phase: 'discovery' | 'competition' | 'pricing';
  templates: SentenceTemplate[];
}

/** What to plant in a call with customers, drawn from the call's own planted stream. */
export function plantingsFor(random: Random, themes: TenantThemes, emergingActive: boolean): Planting[] {
  const plantings: Planting[] = [];
  const talkAbout = (planted: PlantedTheme) => {
    // A customer who raises a topic dwells on it: two sentences, two different wordings.
    const first = random.int(0, planted.sentences.length - 1);
    const second = (first + random.int(1, planted.sentences.length - 1)) % planted.sentences.length;
    plantings.push({
      phase: 'discovery',
      templates: [planted.sentences[first]!, planted.sentences[second]!],
    });
  };
  for (const planted of themes.steady) if (random.chance(STEADY_THEME_CHANCE)) talkAbout(planted);
  // Drawn for every call so the stream stays aligned whether or not the theme is active yet.
  const emergingDraw = random.chance(EMERGING_THEME_CHANCE);
  if (emergingActive && emergingDraw) talkAbout(themes.emerging);
  for (const paraphrases of PARAPHRASE_GROUPS) {
    if (!random.chance(paraphrases.chance)) continue;
    plantings.push({ phase: paraphrases.phase, templates: [random.pick(paraphrases.planted)] });
  }
  return plantings;
}
