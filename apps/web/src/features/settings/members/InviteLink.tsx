import { CopyField } from '../../../components/CopyField.tsx';

/** The invitation link to share: Callmine sends no mail. */
export function InviteLink({ link }: { link: string }) {
  return <CopyField label="Invitation link" value={link} copyLabel="Copy link" />;
}
