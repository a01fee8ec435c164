// The merge/purge report in service-bureau words: rows before → after, each list's part (priority, duplicates within and
// between lists, multi-buyers, kept), and the doubtful pairs waiting for review.
import type { MatchRunInfo } from '../../../src/api/contract';
import { RoleBadge } from '../components/role-badge';
import { formatCount, formatDateTime, formatDuration, plural } from '../format';
import { LEVEL_LABELS } from './review-format';

function Figure({ id, label, value, tone, children }: { id: string; label: string; value: number; tone?: 'warn' | 'accent'; children?: React.ReactNode }) {
  return (
    <div className={tone ? `dup-figure is-${tone}` : 'dup-figure'} data-testid={`dup-${id}`} data-value={value}>
      <span className="dup-figure-label">{label}</span>
      <span className="dup-figure-value">{children ?? formatCount(value)}</span>
    </div>
  );
}

export function DedupeReport({ run, onReview }: { run: MatchRunInfo; onReview: () => void }) {
  const r = run.report;
  const removed = r.rowsBefore - r.rowsAfter;
  const totals = r.lists.reduce(
    (t, l) => ({ rows: t.rows + l.rows, within: t.within + l.duplicatesWithin, between: t.between + l.duplicatesBetween, multi: t.multi + l.multiBuyers, kept: t.kept + l.kept }),
    { rows: 0, within: 0, between: 0, multi: 0, kept: 0 },
  );
  return (
    <div className="dup-report" data-testid="dup-report" data-run-id={run.runId}>
      <div className="dup-figures">
        <Figure id="rows" label="Rows before → after" value={r.rowsAfter}>
          <span data-testid="dup-rows-before">{formatCount(r.rowsBefore)}</span>
          <span className="dup-arrow" aria-label="to">
            →
          </span>
          <span data-testid="dup-rows-after">{formatCount(r.rowsAfter)}</span>
        </Figure>
        <Figure id="removed" label="Duplicates dropped" value={removed} />
        <Figure id="multi-buyers" label="Multi-buyers (on 2+ lists)" value={r.multiBuyers} />
        <Figure id="clusters" label="Entities with 2+ records" value={r.clusters} />
        <Figure id="to-review" label="Doubtful pairs to review" value={run.toReview} tone={run.toReview > 0 ? 'warn' : undefined} />
      </div>

      <div className="dup-review-line" data-testid="dup-review-line">
        {run.toReview > 0 ? (
          <>
            <span className="report-dot is-warn" aria-hidden="true" />
            <span data-testid="dup-review-count">
              <strong>{plural(run.toReview, 'doubtful pair')}</strong> to review — the scores could not tell for sure.
            </span>
            <button type="button" className="button button-primary button-small" data-testid="dup-open-review" onClick={onReview}>
              Review pairs
            </button>
            <span className="muted">
              or press <kbd>R</kbd>
            </span>
          </>
        ) : (
          <>
            <span className="report-dot" aria-hidden="true" />
            <span data-testid="dup-review-count">Nothing to review — every pair was clear-cut{r.reviewPairs > 0 ? ' or has been decided' : ''}.</span>
          </>
        )}
      </div>

      <div className="dup-table">
        <table data-testid="dup-lists">
          <thead>
            <tr>
              <th className="num" title="Source priority: 1 keeps its record over every other list">Priority</th>
              <th>List</th>
              <th>Role</th>
              <th className="num">Rows</th>
              <th className="num" title="Dropped: another record of the same list is the same entity">Dupes within</th>
              <th className="num" title="Dropped: a list with higher priority holds the same entity">Dupes between</th>
              <th className="num" title="Records of entities found on two or more lists">Multi-buyer records</th>
              <th className="num" title="Records that stay: one per entity">Kept</th>
            </tr>
          </thead>
          <tbody>
            {r.lists.map((l) => (
              <tr key={l.listId} data-testid="dup-list-row" data-list-id={l.listId}>
                <td className="num">{l.priority}</td>
                <td className="dup-list-name" title={l.listName}>
                  {l.listName}
                </td>
                <td>
                  <RoleBadge role={l.role} />
                </td>
                <td className="num">{formatCount(l.rows)}</td>
                <td className={l.duplicatesWithin > 0 ? 'num is-drop' : 'num is-zero'}>{formatCount(l.duplicatesWithin)}</td>
                <td className={l.duplicatesBetween > 0 ? 'num is-drop' : 'num is-zero'}>{formatCount(l.duplicatesBetween)}</td>
                <td className={l.multiBuyers > 0 ? 'num' : 'num is-zero'}>{formatCount(l.multiBuyers)}</td>
                <td className="num is-kept">{formatCount(l.kept)}</td>
              </tr>
            ))}
          </tbody>
          {r.lists.length > 1 && (
            <tfoot>
              <tr>
                <td />
                <td>All lists</td>
                <td />
                <td className="num">{formatCount(totals.rows)}</td>
                <td className="num">{formatCount(totals.within)}</td>
                <td className="num">{formatCount(totals.between)}</td>
                <td className="num">{formatCount(totals.multi)}</td>
                <td className="num is-kept">{formatCount(totals.kept)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      <p className="dup-footnote muted" data-testid="dup-footnote">
        Matched by {LEVEL_LABELS[run.level].toLowerCase()} · {plural(r.mergedPairs ?? 0, 'pair')} merged automatically of {formatCount(r.candidatePairs ?? 0)} compared · run{' '}
        {formatDateTime(run.createdAt)}
        {/* The engine's stored report has no seconds (only the job's result does): shown when present. */}
        {typeof r.seconds === 'number' ? ` in ${formatDuration(r.seconds * 1000)}` : ''}. Counts include your review decisions. A list with higher priority keeps
        its record when the same entity is on several lists.
      </p>
    </div>
  );
}
