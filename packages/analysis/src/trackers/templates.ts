import type { TrackerSettings } from '@callmine/contracts';

/** Starter trackers the analysis editor offers; a user edits them freely. */
export const STARTER_TRACKERS: readonly TrackerSettings[] = [
  {
    name: 'Competitors',
    phrases: [
      { phrase: 'Chorus', synonyms: ['Chorus.ai', 'ZoomInfo Chorus'] },
      { phrase: 'Clari', synonyms: [] },
      { phrase: 'Salesloft', synonyms: ['Sales Loft'] },
      { phrase: 'Outreach', synonyms: ['Outreach.io'] },
    ],
  },
  {
    name: 'Pricing',
    phrases: [
      { phrase: 'price', synonyms: ['pricing', 'cost', 'how much'] },
      { phrase: 'discount', synonyms: ['discounts'] },
      { phrase: 'budget', synonyms: ['budgets'] },
      { phrase: 'per seat', synonyms: ['per user', 'per license'] },
    ],
  },
  {
    name: 'Next steps',
    phrases: [
      { phrase: 'next step', synonyms: ['next steps', 'follow-up', 'follow up'] },
      { phrase: 'proposal', synonyms: [] },
      { phrase: 'trial', synonyms: ['pilot', 'proof of concept'] },
    ],
  },
  {
    name: 'Security',
    phrases: [
      { phrase: 'security review', synonyms: ['security questionnaire'] },
      { phrase: 'SOC 2', synonyms: ['SOC2', 'ISO 27001'] },
      { phrase: 'GDPR', synonyms: [] },
    ],
  },
];
