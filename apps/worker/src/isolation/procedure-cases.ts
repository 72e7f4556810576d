// One entry per procedure of the router: the input a caller from workspace B sends, built from workspace A's ids
// (or, for procedures that take no id, an ordinary input). The isolation suite fails when a procedure has no entry,
// so a new procedure is covered the day it is added.
import { WHOLE_HISTORY } from '../testing/run-env.ts';

/** The ids of one workspace's things. The suite passes A's, then the same shape filled with random ids. */
export interface TenantIds {
  workspaceId: string;
  workspaceName: string;
  analysisId: string;
  runId: string;
  reportId: string;
  scheduleId: string;
  tokenId: string;
  /** A member's row (not the owner's). */
  memberId: string;
  memberEmail: string;
  /** Still pending: what members.revokeInvitation could wrongly revoke. */
  pendingInvitationId: string;
  /**
   * Already accepted. An invitation link is a capability (whoever holds it may join), so the public invitation
   * procedures are probed with a used one: it must answer exactly like an id that never existed.
   */
  usedInvitationId: string;
  /** A webhook endpoint of the workspace and one of its deliveries. */
  webhookId: string;
  webhookDeliveryId: string;
}

/** The caller's own (workspace B's) ids, for inputs that mix one of B's ids with one of A's. */
export interface OwnIds {
  scheduleId: string;
  analysisId: string;
}

export interface ProcedureCase {
  /** One or more inputs; undefined for a procedure without input. */
  inputs: (a: TenantIds, own: OwnIds) => unknown[];
  /** Run after every other procedure (it ends the caller's session or disconnects B's Gong). */
  last?: boolean;
  /** Rightly allowed to a person who is a member of A as well (so not probed as that caller), and why. */
  allowedToMemberOfBoth?: string;
}

const definition = {
  name: 'Probe analysis',
  window: { kind: 'absolute', ...WHOLE_HISTORY },
  filters: {},
  settings: { analysers: ['trackers'], trackers: [{ name: 'Pricing', phrases: [{ phrase: 'price' }] }] },
};
const daily = (analysisId: string) => ({ analysisId, kind: 'daily', time: '09:00', timeZone: 'UTC' });
const none = () => [undefined];
const byId = (pick: (a: TenantIds) => string) => (a: TenantIds) => [{ id: pick(a) }];

export const procedureCases: Record<string, ProcedureCase> = {
  'analyses.create': { inputs: () => [definition] },
  'analyses.delete': { inputs: byId((a) => a.analysisId) },
  'analyses.estimate': { inputs: byId((a) => a.analysisId) },
  'analyses.get': { inputs: byId((a) => a.analysisId) },
  'analyses.list': { inputs: none },
  'analyses.schedules': { inputs: byId((a) => a.analysisId) },
  'analyses.run': { inputs: byId((a) => a.analysisId) },
  'analyses.templates': { inputs: none },
  'analyses.update': { inputs: (a) => [{ id: a.analysisId, ...definition }] },
  'apiTokens.create': { inputs: () => [{ name: 'Probe token', role: 'read' }] },
  'apiTokens.list': { inputs: none },
  'apiTokens.revoke': { inputs: (a) => [{ tokenId: a.tokenId }] },
  'auth.session': { inputs: none },
  'auth.signIn': { inputs: (a) => [{ email: a.memberEmail, password: 'a wrong password' }] },
  'auth.signOut': { inputs: none, last: true },
  // A's member's email and A's name: sign-up must not tell that either exists.
  'auth.signUp': {
    inputs: (a) => [
      {
        name: 'Probe',
        email: a.memberEmail,
        password: 'probe long password',
        workspaceName: a.workspaceName,
      },
    ],
  },
  'integrations.gong.auditLog': { inputs: none },
  'integrations.gong.connectBasic': {
    inputs: () => [{ accessKey: 'probe', secretKey: 'probe', baseUrl: '' }],
  },
  'integrations.gong.disconnect': { inputs: none, last: true },
  'integrations.gong.get': { inputs: none },
  'integrations.gong.oauthAvailability': { inputs: none },
  'integrations.gong.startOAuth': { inputs: none },
  'invitations.accept': {
    inputs: (a) => [{ invitationId: a.usedInvitationId, name: 'Probe', password: 'probe long password' }],
  },
  'invitations.join': {
    inputs: (a) => [{ invitationId: a.usedInvitationId, password: 'probe long password' }],
  },
  'invitations.preview': { inputs: (a) => [{ invitationId: a.usedInvitationId }] },
  'members.changeRole': { inputs: (a) => [{ memberId: a.memberId, role: 'admin' }] },
  'members.invitations': { inputs: none },
  'members.invite': { inputs: () => [{ email: 'probe@probe.example', role: 'member' }] },
  'members.list': { inputs: none },
  'members.remove': { inputs: (a) => [{ memberId: a.memberId }] },
  'members.revokeInvitation': { inputs: (a) => [{ invitationId: a.pendingInvitationId }] },
  'operator.auditLog': { inputs: none },
  'operator.createWorkspace': {
    inputs: (a) => [{ name: a.workspaceName, adminEmail: 'probe@probe.example' }],
  },
  'operator.delete': { inputs: (a) => [{ id: a.workspaceId, confirmName: a.workspaceName }] },
  'operator.resume': { inputs: byId((a) => a.workspaceId) },
  'operator.setAllowance': { inputs: (a) => [{ id: a.workspaceId, monthlyCalls: 1 }] },
  'operator.suspend': { inputs: byId((a) => a.workspaceId) },
  'operator.workspaces': { inputs: none },
  'reports.delete': { inputs: byId((a) => a.reportId) },
  'reports.get': { inputs: byId((a) => a.reportId) },
  'reports.export': { inputs: byId((a) => a.reportId) },
  'reports.calls': { inputs: (a) => [{ reportId: a.reportId }, { reportId: a.reportId, search: 'a' }] },
  'reports.evidence': {
    inputs: (a) => [
      { reportId: a.reportId, section: 'trackers' },
      { reportId: a.reportId, section: 'talk' },
    ],
  },
  'reports.list': { inputs: (a) => [{ search: '' }, { search: a.workspaceName }] },
  'runs.cancel': { inputs: byId((a) => a.runId) },
  'runs.get': { inputs: byId((a) => a.runId) },
  'runs.list': { inputs: none },
  'runs.start': { inputs: () => [WHOLE_HISTORY] },
  'schedules.create': { inputs: (a) => [daily(a.analysisId)] },
  'schedules.delete': { inputs: byId((a) => a.scheduleId) },
  'schedules.estimate': { inputs: byId((a) => a.scheduleId) },
  'schedules.estimateDraft': {
    inputs: (a, own) => [
      { id: a.scheduleId, schedule: daily(own.analysisId) },
      { schedule: daily(a.analysisId) },
    ],
  },
  'schedules.get': { inputs: byId((a) => a.scheduleId) },
  'schedules.list': { inputs: none },
  'schedules.pause': { inputs: byId((a) => a.scheduleId) },
  'schedules.resume': { inputs: byId((a) => a.scheduleId) },
  'schedules.runNow': { inputs: byId((a) => a.scheduleId) },
  'schedules.setWorkspaceTimeZone': { inputs: () => [{ timeZone: 'Europe/Berlin' }] },
  // Both ways round: A's schedule with B's analysis, and B's own schedule pointed at A's analysis.
  'schedules.update': {
    inputs: (a, own) => [
      { id: a.scheduleId, schedule: daily(own.analysisId) },
      { id: own.scheduleId, schedule: daily(a.analysisId) },
    ],
  },
  'schedules.workspaceTimeZone': { inputs: none },
  'setup.createOwner': {
    inputs: (a) => [
      {
        name: 'Probe',
        email: 'probe@probe.example',
        password: 'probe long password',
        workspaceName: a.workspaceName,
      },
    ],
  },
  'setup.status': { inputs: none },
  'usage.estimate': { inputs: () => [WHOLE_HISTORY] },
  'usage.summary': { inputs: none },
  'workspace.get': { inputs: none },
  'workspace.rename': { inputs: () => [{ name: 'Beta Corp' }] },
  'webhooks.list': { inputs: none },
  'webhooks.create': { inputs: () => [{ url: 'https://hooks.probe.example/in', events: ['run.finished'] }] },
  'webhooks.update': { inputs: (a) => [{ id: a.webhookId, enabled: false }] },
  'webhooks.delete': { inputs: byId((a) => a.webhookId) },
  'webhooks.rotateSecret': { inputs: byId((a) => a.webhookId) },
  'webhooks.sendTest': { inputs: (a) => [{ endpointId: a.webhookId }] },
  'webhooks.deliveries': { inputs: (a) => [{ endpointId: a.webhookId }] },
  'webhooks.resend': { inputs: (a) => [{ deliveryId: a.webhookDeliveryId }] },
  'workspaces.mine': { inputs: none },
  'workspaces.switch': {
    inputs: byId((a) => a.workspaceId),
    allowedToMemberOfBoth: 'a member of A may make A the active workspace: that is what switching is',
  },
};
