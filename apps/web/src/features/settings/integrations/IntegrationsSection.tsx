import type { SessionView } from '@callmine/contracts';
import { isAdmin } from '../../../lib/session.ts';
import { GongCard } from './gong/GongCard.tsx';

export function IntegrationsSection({ session }: { session: SessionView }) {
  return (
    <section aria-labelledby="integrations-heading" className="card">
      <h2 id="integrations-heading">Integrations</h2>
      <GongCard canManage={isAdmin(session)} />
    </section>
  );
}
