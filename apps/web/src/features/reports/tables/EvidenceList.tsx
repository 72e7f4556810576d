import type { Evidence, ReportCall } from '@callmine/contracts';
import { callTime, n, sideLabel } from '../format.ts';

/** The sentences behind a count: what was said, by which side, when in which call, with a link to the call in Gong. */
export function EvidenceList({
  label,
  evidence,
  total,
  calls,
}: {
  label: string;
  evidence: ReadonlyArray<Evidence>;
  /** The full count; evidence is capped per item (settings.evidenceLimit) so the report stays small. */
  total: number;
  calls: ReadonlyMap<string, ReportCall>;
}) {
  if (evidence.length === 0) return <p className="hint">No sentences were kept for this item.</p>;
  return (
    <div className="evidence">
      {total > evidence.length ? (
        <p className="hint">
          Showing {n(evidence.length)} of {n(total)}; the rest are counted but not kept in the report.
        </p>
      ) : null}
      <ul aria-label={label}>
        {evidence.map((item) => {
          const call = calls.get(item.callId);
          return (
            <li key={`${item.callId}-${item.sentenceIndex}-${item.startMs}`}>
              <blockquote>{item.text}</blockquote>
              <p className="hint">
                <span className={`badge badge-side-${item.side}`}>{sideLabel[item.side]}</span> at{' '}
                <time>{callTime(item.startMs)}</time> in {call?.title || 'an untitled call'}
                {call?.url ? (
                  <>
                    {' · '}
                    <a href={call.url} target="_blank" rel="noreferrer noopener">
                      Open the call in Gong
                    </a>
                  </>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
