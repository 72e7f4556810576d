/**
 * Shown when Gong says a new key (or OAuth grant) reads another Gong company than the connected one. Nothing was
 * saved; the admin reads what a change does and confirms, or keeps the current company.
 */
export function CompanyChangeConfirm({
  message,
  pending,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  /** The server's sentence naming both companies by their Gong workspaces. */
  message: string;
  pending: boolean;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div
      role="alertdialog"
      aria-labelledby="gong-company-change-title"
      aria-describedby="gong-company-change-desc"
      className="confirm"
    >
      <h4 id="gong-company-change-title">Connect a different Gong company?</h4>
      <p id="gong-company-change-desc">{message}</p>
      <ul>
        <li>Reports made so far keep the calls they were made from.</li>
        <li>
          New runs, and every schedule of this workspace at its next slot, read the other company’s calls: a
          report after the change compares with reports of another company, and themes compare with calls
          cached from both.
        </li>
        <li>Analyses, schedules and the monthly quota stay as they are.</li>
      </ul>
      <div className="actions">
        <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
          {pending ? 'Validating with Gong…' : confirmLabel}
        </button>
        <button type="button" disabled={pending} onClick={onCancel}>
          Keep the current company
        </button>
      </div>
    </div>
  );
}
