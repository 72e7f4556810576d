import type { EvidenceSection, ReportFilters } from '@callmine/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { callTime, n, sideLabel } from '../format.ts';

const PAGE = 10;

/** The sentences behind a row, a page at a time from the API: what was said, by whom, on which call and when. */
export function EvidencePanel({
  label,
  reportId,
  section,
  evidenceKey,
  filters,
}: {
  label: string;
  reportId: string;
  section: EvidenceSection;
  evidenceKey: string;
  filters: ReportFilters;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [cursor, setCursor] = useState(0);
  const page = useQuery({
    ...trpc.reports.evidence.queryOptions({
      reportId,
      section,
      key: evidenceKey,
      ...filters,
      ...(search.trim() ? { search: search.trim() } : {}),
      cursor,
      limit: PAGE,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="evidence">
      <label className="search no-print">
        Search the evidence{' '}
        <input
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setCursor(0);
          }}
        />
      </label>
      {page.isError ? <Alert tone="error">{errorMessage(page.error)}</Alert> : null}
      {page.data ? (
        page.data.total === 0 ? (
          <p className="hint">No sentences kept in the report match.</p>
        ) : (
          <>
            <p className="hint" aria-live="polite">
              {page.isPlaceholderData
                ? 'Loading the sentences…'
                : `Sentences ${n(cursor + 1)}–${n(cursor + page.data.items.length)} of ${n(page.data.total)} kept in the report, newest call first.`}
            </p>
            <ul aria-label={label}>
              {page.data.items.map((item) => (
                <li key={`${item.callId}-${item.sentenceIndex}`}>
                  <blockquote>{item.text}</blockquote>
                  <p className="hint">
                    <span className={`badge badge-side-${item.side}`}>{sideLabel[item.side]}</span> at{' '}
                    <time>{callTime(item.startMs)}</time> in{' '}
                    <cite>{item.callTitle || 'an untitled call'}</cite> on{' '}
                    <time dateTime={item.callStarted}>{item.callStarted.slice(0, 10)}</time>, {item.repName}’s
                    call
                    {item.callUrl ? (
                      <>
                        {' · '}
                        <a href={item.callUrl} target="_blank" rel="noreferrer noopener">
                          Open the call in Gong
                        </a>
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
            <div className="pager no-print">
              <button
                type="button"
                disabled={cursor === 0}
                onClick={() => setCursor(Math.max(0, cursor - PAGE))}
              >
                Previous sentences
              </button>
              <button
                type="button"
                disabled={page.data.nextCursor === null}
                onClick={() => setCursor(page.data?.nextCursor ?? cursor)}
              >
                Next sentences
              </button>
            </div>
          </>
        )
      ) : (
        <p className="hint">Loading the evidence…</p>
      )}
    </div>
  );
}
