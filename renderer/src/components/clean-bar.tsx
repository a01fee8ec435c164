// The clean bar above the grid: a calm "Not cleaned yet — Clean now" prompt, or the clean's one-line summary with the issue filter.
import type { ListInfo } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { formatCount, formatDateTime } from '../format';
import { openListExport } from '../state/export-store';
import { setUpload, startPostalImport } from '../state/jobs-store';
import { reportError } from '../state/toast-store';
import { IssueFilterMenu } from './issue-filter-menu';
import { Popover } from './popover';

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
      <span className="clean-disclaimer" data-testid="clean-disclaimer" title={CLEAN_DISCLAIMER}>
        {CLEAN_DISCLAIMER}
      </span>
      <PostalMenu projectId={projectId} list={list} />
    </div>
  );
}

/** The way to certified results: send the list to a licensed CASS/NCOA service bureau, and read its answer back. */
function PostalMenu({ projectId, list }: { projectId: string; list: ListInfo }) {
  const importResults = (close: () => void) => {
    close();
    // No await before the picker: the browser only opens it inside the user's click.
    api()
      .pickOpenFile({ purpose: 'import', title: 'Postal service results', onProgress: (p) => setUpload(p) })
      .then(
        (file) => {
          setUpload(null);
          if (file) void startPostalImport({ projectId, list, file });
        },
        (err: unknown) => {
          setUpload(null);
          reportError('Could not read the file', err);
        },
      );
  };
  return (
    <Popover testId="postal-button" title="CASS, DPV and NCOA through a licensed service bureau" alignRight label={<>Postal service ▾</>}>
      {(close) => (
        <div className="postal-menu" data-testid="postal-menu">
          <p className="postal-menu-note">
            For ZIP+4, DPV (does the address exist?) and NCOA (did they move?), send the list to a licensed service bureau, then bring its results file back. Nothing
            you imported is changed: the results sit beside each record and decide whether it is mailable.
          </p>
          <button
            type="button"
            className="menu-item menu-item-tall"
            data-testid="postal-export"
            onClick={() => {
              close();
              openListExport(projectId, list, 'cass');
            }}
          >
            <span className="menu-item-label">Export for a CASS/NCOA service…</span>
          </button>
          <button type="button" className="menu-item menu-item-tall" data-testid="postal-import" onClick={() => importResults(close)}>
            <span className="menu-item-label">Import the service’s results…</span>
          </button>
        </div>
      )}
    </Popover>
  );
}
