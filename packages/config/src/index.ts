// @callmine/config — the only reader of process.env, shared by the server and the worker processes.
export { type Config, ConfigError, loadConfig, type Role, roleRuns } from './config.ts';
export {
  MONTHLY_CALL_QUOTA_MAX,
  MONTHLY_CALL_QUOTA_MIN,
  monthlyCallQuota,
  monthlyCallQuotaRange,
} from './monthly-call-quota.ts';
