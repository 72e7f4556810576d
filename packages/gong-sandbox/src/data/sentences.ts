import { countTerms } from './terms.ts';

// Sentence templates by call phase and side. `{competitor}` becomes one of COMPETITORS, `{account}` the
// prospect's company and `{vendor}` the tenant's. Each template's tracked terms and question mark are
// worked out once here, so ground truth over 100,000 calls never has to re-scan the generated text.

export type Side = 'internal' | 'external';
export type Phase = 'setup' | 'discovery' | 'competition' | 'pricing' | 'nextSteps' | 'review';

export const TOPIC_OF: Record<Phase, string | null> = {
  setup: 'Call Setup',
  discovery: 'Discovery',
  competition: 'Competition',
  pricing: 'Pricing',
  nextSteps: 'Next Steps',
  review: null,
};

const RAW: Record<Phase, Record<Side, string[]>> = {
  setup: {
    internal: [
      'Hi everyone, thanks for making the time today.',
      'Good morning, can you hear me okay?',
      'Great to finally meet you all.',
      'Before we start, is it alright if I record this call for my notes?',
      'I thought we could spend the first few minutes on your goals and then look at the product.',
      'How has your week been so far?',
    ],
    external: [
      'Hi, yes, I can hear you fine.',
      'Thanks for having us.',
      'Sure, recording is fine with us.',
      'Busy week, but good, thanks for asking.',
      'Sounds like a good plan to me.',
      'Sorry, I was on mute there.',
    ],
  },
  discovery: {
    internal: [
      'Can you walk me through how your team handles this today?',
      'What made you start looking at this now?',
      'Who else is involved in making this decision?',
      'How many people on your team would use it?',
      'What does success look like for you six months from now?',
      'That makes a lot of sense.',
      'We hear that a lot from teams like yours.',
      'So the main pain is the manual reporting at the end of each quarter.',
      'Let me share my screen and show you how that works.',
    ],
    external: [
      'Right now we do most of it in spreadsheets, which is painful.',
      'Our reps spend hours every week updating the CRM by hand.',
      'Leadership wants better visibility into the pipeline.',
      'Does it integrate with Salesforce out of the box?',
      'How long does a typical rollout take?',
      'Can we control who sees which recordings?',
      'What happens to our data if we cancel?',
      'Is there a way to export everything to our warehouse?',
      'How do you handle security reviews and SOC 2?',
      'We tried to build something in house last year and it stalled.',
      'About forty people would use it at first.',
      'The team at {account} grew a lot this year.',
    ],
  },
  competition: {
    internal: [
      'How did your evaluation of {competitor} go?',
      'A lot of customers came to us from {competitor} for exactly that reason.',
      'Compared to {competitor}, our setup usually takes a week, not a quarter.',
      'What did you like about {competitor}?',
      'Happy to put together a side by side comparison for you.',
    ],
    external: [
      'We are also looking at {competitor} right now.',
      'Honestly, {competitor} gave us a very good demo last week.',
      'Some of our team used {competitor} at their last company.',
      'How are you different from {competitor}?',
      'Why would we pick you over {competitor}?',
      'We had {competitor} for a year but adoption was low.',
    ],
  },
  pricing: {
    internal: [
      'Our list price is per seat, billed annually.',
      'If you sign this quarter we can offer a discount on the first year.',
      'Do you already have budget set aside for this project?',
      'I can send over a proposal with the price broken down by team.',
      'For a multi-year agreement the discount is larger.',
    ],
    external: [
      'What is the price per seat?',
      'Our budget for this year is already tight.',
      'Is there any discount for nonprofits or multi-year deals?',
      'We would need to get budget approval from finance first.',
      'That price is higher than we expected.',
      'Can you do better on the discount if we commit to two years?',
      'Who owns the budget on our side is still an open question.',
    ],
  },
  nextSteps: {
    internal: [
      'As a next step, I will send a recap and the deck after this call.',
      'Could we book a follow-up with your IT team next week?',
      'I will set up a trial workspace for your team today.',
      'Does Thursday at two work for the technical deep dive?',
      'Thanks again, talk soon.',
    ],
    external: [
      'Sounds good, please send the recap.',
      'Let me check with my manager and get back to you.',
      'Can you include the security documentation in the follow-up?',
      'Thursday works for us.',
      'Thanks, this was really helpful.',
    ],
  },
  review: {
    internal: [
      'Where are we with the {account} opportunity?',
      'They mentioned {competitor} twice in the last call.',
      'I think we need to involve procurement earlier this time.',
      'Their budget might not be approved until next quarter.',
      'Should we offer a discount to close before the end of the month?',
      'The champion there is strong but the economic buyer is unclear.',
      'Let us sync again on Friday.',
      'What is blocking the security review?',
    ],
    external: [],
  },
};

export interface SentenceTemplate {
  text: string;
  /** Tracked terms written literally in the template (competitor placeholders are counted separately). */
  terms: readonly (readonly [string, number])[];
  competitorSlots: number;
  question: boolean;
  hasPlaceholders: boolean;
  words: number;
}

export function compile(text: string): SentenceTemplate {
  return {
    text,
    terms: [...countTerms(text.replace(/\{\w+\}/g, ' '))],
    competitorSlots: text.split('{competitor}').length - 1,
    question: text.endsWith('?'),
    hasPlaceholders: text.includes('{'),
    words: text.split(' ').length,
  };
}

export const TEMPLATES: Record<Phase, Record<Side, SentenceTemplate[]>> = Object.fromEntries(
  Object.entries(RAW).map(([phase, sides]) => [
    phase,
    { internal: sides.internal.map(compile), external: sides.external.map(compile) },
  ]),
) as Record<Phase, Record<Side, SentenceTemplate[]>>;
