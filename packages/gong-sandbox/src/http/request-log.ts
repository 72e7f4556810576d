export interface RequestLogEntry {
  requestId: string;
  /** 'app' for the OAuth host, else the cluster name. */
  host: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** The tenant the credential resolved to, or null when it did not (401, faults before auth). */
  tenant: string | null;
  /** How the request authenticated; the Authorization header itself is never recorded. */
  auth: 'basic' | 'bearer' | 'none';
  at: number;
}
