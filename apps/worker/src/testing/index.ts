export { busiestSecond } from './measure.ts';
export { type CallmineProcess, spawnCallmine, stopAll, waitForHealth } from './processes.ts';
export {
  CALLS_UNTIL,
  isFinished,
  RATE_PER_SECOND,
  type RunEnv,
  startRunEnv,
  WHOLE_HISTORY,
} from './run-env.ts';
export { startTestWorker, type TestWorker } from './test-worker.ts';
export {
  type ReceivedWebhook,
  startWebhookReceiver,
  verifyCallmineWebhook,
  type WebhookReceiver,
} from './webhook-receiver.ts';
