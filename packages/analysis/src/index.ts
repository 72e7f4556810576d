export { analyze } from './analyze.ts';
export { isoWeek } from './iso-week.ts';
export { isQuestion } from './questions/is-question.ts';
export { TALK_METRIC_EXPLANATIONS, type TalkMetricName } from './talk/explanations.ts';
export { PhraseAutomaton } from './trackers/automaton.ts';
export { TrackerMatcher } from './trackers/matcher.ts';
export { STARTER_TRACKERS } from './trackers/templates.ts';
