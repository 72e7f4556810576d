import { idCodec } from './ids.ts';
import { FIRST_NAMES, LAST_NAMES, SALES_TITLES } from './names.ts';
import { randomFrom } from './random.ts';
import type { GongUser, GongWorkspace } from './types.ts';

export function emailDomainOf(tenantName: string): string {
  return `${tenantName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.example`;
}

/** The tenant's Gong users; user 0 is the manager of everyone else, as in a small sales team. */
export function generateUsers(seed: number, tenantId: string, tenantName: string, count: number): GongUser[] {
  const ids = idCodec(seed, tenantId, 'user');
  const domain = emailDomainOf(tenantName);
  const users: GongUser[] = [];
  for (let index = 0; index < count; index++) {
    const random = randomFrom(seed, tenantId, 'user', index);
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    // The index keeps addresses unique when two users draw the same name.
    const emailAddress = `${firstName}.${lastName}${index}@${domain}`.toLowerCase();
    const createdDay = random.int(0, 900);
    users.push({
      id: ids.encode(index),
      emailAddress,
      created: new Date(Date.UTC(2023, 0, 1) + createdDay * 86_400_000).toISOString().replace('.000Z', 'Z'),
      active: index === 0 || random.chance(0.9),
      emailAliases: [],
      trustedEmailAddress: emailAddress,
      firstName,
      lastName,
      title: index === 0 ? 'VP of Sales' : random.pick(SALES_TITLES),
      phoneNumber: random.chance(0.5) ? `+1555${String(random.int(1_000_000, 9_999_999))}` : null,
      extension: null,
      personalMeetingUrls: [],
      settings: {
        webConferencesRecorded: true,
        preventWebConferenceRecording: false,
        telephonyCallsImported: false,
      },
      managerId: index === 0 ? null : ids.encode(0),
      meetingConsentPageUrl: null,
      spokenLanguages: [{ language: 'en-US', primary: true }],
    });
  }
  return users;
}

const WORKSPACE_NAMES = ['Sales', 'Customer Success', 'Partnerships'] as const;

/** Named after the company ("Acme Sales"), so a screen that names a company by its workspaces tells tenants apart. */
export function generateWorkspaces(
  seed: number,
  tenantId: string,
  tenantName: string,
  count: number,
): GongWorkspace[] {
  const ids = idCodec(seed, tenantId, 'workspace');
  const company = tenantName.split(/\s+/)[0] || tenantName;
  return Array.from({ length: count }, (_, index) => ({
    id: ids.encode(index),
    name: `${company} ${WORKSPACE_NAMES[index % WORKSPACE_NAMES.length] ?? `Workspace ${index + 1}`}`,
    description: `${WORKSPACE_NAMES[index % WORKSPACE_NAMES.length] ?? 'Team'} calls`,
  }));
}
