// What each talk metric means, in plain words. Shared so the report view (which imports only contracts) and the
// analysis engine say the same thing; @callmine/analysis re-exports it.

/** Plain-language explanations of the talk metrics, for the report view's table and print layout. */
export const TALK_METRIC_EXPLANATIONS = {
  talkRatio:
    'Share of the speaking time on the rep’s calls that was the rep talking. Below half usually means the rep listened more than they pitched.',
  longestMonologue:
    'The longest stretch the rep spoke without anyone else saying a sentence, measured from the first sentence’s start to the last one’s end.',
  longestCustomerStory:
    'The longest stretch one customer spoke without interruption on the rep’s calls: a sign the rep let them tell their story.',
  interactivity:
    'How often the speaker changed, per minute of call. Higher means a conversation; lower means presentations.',
  questionRate: 'Questions the rep asked per hour of call time.',
} as const;

export type TalkMetricName = keyof typeof TALK_METRIC_EXPLANATIONS;
