// Shapes of the records as Gong's API v2 returns them (only the fields Callmine reads plus a few neighbours).

export interface GongUser {
  id: string;
  emailAddress: string;
  created: string;
  active: boolean;
  emailAliases: string[];
  trustedEmailAddress: string | null;
  firstName: string;
  lastName: string;
  title: string;
  phoneNumber: string | null;
  extension: string | null;
  personalMeetingUrls: string[];
  settings: {
    webConferencesRecorded: boolean;
    preventWebConferenceRecording: boolean;
    telephonyCallsImported: boolean;
  };
  managerId: string | null;
  meetingConsentPageUrl: string | null;
  spokenLanguages: { language: string; primary: boolean }[];
}

export interface GongWorkspace {
  id: string;
  name: string;
  description: string;
}

export interface GongCallMetaData {
  id: string;
  url: string;
  title: string;
  scheduled: string;
  started: string;
  duration: number;
  primaryUserId: string;
  direction: 'Conference' | 'Inbound' | 'Outbound' | 'Unknown';
  system: string;
  scope: 'External' | 'Internal' | 'Unknown';
  media: 'Video' | 'Audio';
  language: string;
  workspaceId: string;
  sdrDisposition: string | null;
  clientUniqueId: string | null;
  customData: string | null;
  purpose: string | null;
  meetingUrl: string;
  isPrivate: boolean;
  calendarEventId: string | null;
}

export type Affiliation = 'Internal' | 'External' | 'Unknown';

export interface GongParty {
  id: string;
  emailAddress: string;
  name: string;
  title: string;
  userId?: string;
  speakerId: string | null;
  context: unknown[];
  affiliation: Affiliation;
  phoneNumber: string | null;
  methods: string[];
}

export interface GongSentence {
  start: number;
  end: number;
  text: string;
}

export interface GongMonologue {
  speakerId: string;
  topic: string | null;
  sentences: GongSentence[];
}

/** One generated call: what the API shows plus the facts the generator needs to build its transcript. */
export interface SandboxCall {
  index: number;
  metaData: GongCallMetaData;
  parties: GongParty[];
  hasTranscript: boolean;
  accountName: string;
}
