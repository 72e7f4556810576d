import type { StoredReportBody } from '@callmine/contracts';

// A report as stored (its row's JSON, parsed), in a file of its own: the filter index and the loader both use it.
export interface StoredReport extends StoredReportBody {
  id: string;
}
