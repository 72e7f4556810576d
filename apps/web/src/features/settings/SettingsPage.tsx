import type { SessionView } from '@callmine/contracts';
import { isAdmin } from '../../lib/session.ts';
import { ApiTokensSection } from './api-tokens/ApiTokensSection.tsx';
import { IntegrationsSection } from './integrations/IntegrationsSection.tsx';
import { MembersSection } from './members/MembersSection.tsx';
import { UsageSection } from './usage/UsageSection.tsx';
import { WorkspaceSection } from './WorkspaceSection.tsx';
import { WebhooksSection } from './webhooks/WebhooksSection.tsx';

export function SettingsPage({ session }: { session: SessionView }) {
  const admin = isAdmin(session);
  return (
    <section className="settings">
      <h1>Settings</h1>
      {admin ? null : <p className="hint">You can view these settings; a workspace admin can change them.</p>}
      <WorkspaceSection canEdit={admin} />
      <IntegrationsSection session={session} />
      <MembersSection session={session} />
      <UsageSection session={session} />
      {admin ? <ApiTokensSection /> : null}
      {admin ? <WebhooksSection /> : null}
    </section>
  );
}
