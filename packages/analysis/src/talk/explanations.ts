// The explanations live in contracts so the SPA (which imports only contracts) shows the same words.
export { TALK_METRIC_EXPLANATIONS, type TalkMetricName } from '@callmine/contracts';
