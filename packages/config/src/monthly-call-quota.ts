// The allowance rule lives in contracts (the Operator page's form and procedure use it too); config re-exports it
// so CALLMINE_MONTHLY_CALL_QUOTA and `npm run quota` keep their one definition. Only that module is imported: every
// process loads config first, and the rest of contracts is not needed to read the environment.
export {
  MONTHLY_CALL_QUOTA_MAX,
  MONTHLY_CALL_QUOTA_MIN,
  monthlyCallQuota,
  monthlyCallQuotaRange,
} from '@callmine/contracts/allowance';
