// The clean bar above the grid: a calm "Not cleaned yet — Clean now" prompt, or the clean's one-line summary with the issue filter.
import type { ListInfo } from '../../../src/api/contract';
import { formatCount, formatDateTime } from '../format';
import { IssueFilterMenu } from './issue-filter-menu';

/** What Winnow's address work is, and is not (shown wherever cleaning results are). */
export const CLEAN_DISCLAIMER = 'USPS-style standardization from public data — not CASS, DPV or NCOA certified.';

function Stat({ id, label, value, of, tone }: { id: string; label: string; value: number; of?: number; tone?: 'warn' }) {
  return (
    <span className={tone ? `clean-stat is-${tone}` : 'clean-stat'} data-testid={`clean-${id}`} data-value={value}>
      <span className="clean-stat-label">{label}</span> <span className="clean-stat-value">{formatCount(value)}</span>
      {of !== undefined && <span className="clean-stat-of"> / {formatCount(of)}</span>}
    </span>
  );
}

export function CleanBar({ projectId, list, cleaning, onClean }: { projectId: string; list: ListInfo; cleaning: boolean; onClean: () => void }) {
  const c = list.clean;
  if (!c) {
    return (
      <div className="clean-bar is-prompt" data-testid="clean-prompt">
        <span className="clean-dot" aria-hidden="true" />
        <span>Not cleaned yet —</span>
        <button type="button" className="link-button" data-testid="clean-now" onClick={onClean} disabled={cleaning}>
          {cleaning ? 'Cleaning…' : 'Clean now'}
        </button>
        <span className="muted clean-hint">Standardizes and checks every record; imported values are kept.</span>
        <span className="clean-disclaimer" data-testid="clean-disclaimer">
          {CLEAN_DISCLAIMER}
        </span>
      </div>
    );
  }
  return (
    <div className="clean-bar" data-testid="clean-summary">
      <IssueFilterMenu projectId={projectId} list={list} />
      <span className="clean-sep" aria-hidden="true" />
      <span className="clean-stats" data-testid="clean-stats" title={`Cleaned ${formatDateTime(c.cleanedAt)}`}>
        <Stat id="mailable" label="Mailable" value={c.mailable} of={c.rows} />
        <Stat id="emailable" label="E-mailable" value={c.emailable} />
        <Stat id="callable" label="Callable" value={c.callable} />
        <Stat id="with-issues" label="With issues" value={c.withIssues} tone={c.withIssues > 0 ? 'warn' : undefined} />
        <Stat id="quality" label="Avg quality" value={Math.round(c.averageQuality)} />
      </span>
      <span className="clean-disclaimer" data-testid="clean-disclaimer">
        {CLEAN_DISCLAIMER}
      </span>
    </div>
  );
}
