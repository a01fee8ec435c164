// The record drawer: one record as the engine sees it — verdicts, quality and why, each finding with its suggested fix,
// every column's imported and current value, and the standardized values.
import { useEffect, useState } from 'react';
import type { ListInfo, RecordDetail, RecordIssue } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { formatCount } from '../format';
import { FIELD_LABELS } from '../import/field-labels';
import { errorMessage } from '../state/toast-store';
import { CLEAN_DISCLAIMER } from './clean-bar';
import { CloseIcon } from './icons';

interface Props {
  projectId: string;
  list: ListInfo;
  /** The record shown (the grid cursor's row), or null while it loads. */
  rowNo: number | null;
  /** Changes whenever a row changed (edit, undo...): the record is read again. */
  revision: number;
  onClose: () => void;
  /** Sets a column of this record to a finding's suggested value. */
  onApply: (rowNo: number, column: number, value: string) => void;
}

type Loaded = { key: string; detail: RecordDetail } | { key: string; error: string };

export function RecordDrawer({ projectId, list, rowNo, revision, onClose, onApply }: Props) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = `${list.id}:${rowNo}:${revision}`;

  useEffect(() => {
    if (rowNo === null) return;
    let live = true;
    // A short pause, so holding an arrow key down asks only for the record the cursor stops on.
    const timer = setTimeout(() => {
      api()
        .invoke('records.get', { projectId, listId: list.id, rowNo })
        .then(
          (detail) => live && setLoaded({ key, detail }),
          (err: unknown) => live && setLoaded({ key, error: errorMessage(err) }),
        );
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [projectId, list.id, rowNo, key]);

  // Keep showing the previous record until the next one arrives (no flash while moving the cursor).
  const detail = loaded && 'detail' in loaded ? loaded.detail : null;
  const stale = loaded?.key !== key;

  return (
    <aside
      className="drawer"
      aria-label={rowNo === null ? 'Record' : `Record in row ${rowNo}`}
      data-testid="record-drawer"
      data-row-no={detail?.rowNo}
      data-stale={stale ? 'true' : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="drawer-head">
        <span className="drawer-title" data-testid="drawer-title">
          {rowNo === null ? 'Record' : `Row ${formatCount(rowNo)}`}
        </span>
        {detail && <span className="muted drawer-line">line {formatCount(detail.lineNo)} of the file</span>}
        <span className="clean-spacer" />
        <button type="button" className="icon-button" aria-label="Close the record" title="Close (Esc)" data-testid="drawer-close" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="drawer-body">
        {loaded && 'error' in loaded && !stale ? (
          <p className="drawer-error" role="alert">
            {loaded.error}
          </p>
        ) : !detail ? (
          <p className="muted drawer-note">{rowNo === null ? 'Move to a row to see its record.' : 'Loading…'}</p>
        ) : (
          <RecordBody detail={detail} onApply={onApply} />
        )}
      </div>
    </aside>
  );
}

function RecordBody({ detail, onApply }: { detail: RecordDetail; onApply: Props['onApply'] }) {
  const c = detail.clean;
  return (
    <>
      {c ? (
        <>
          <section className="drawer-section" aria-label="Verdicts">
            <div className="verdicts">
              <Verdict id="mailable" label="Mailable" ok={c.verdict.mailable} />
              <Verdict id="emailable" label="E-mailable" ok={c.verdict.emailable} />
              <Verdict id="callable" label="Callable" ok={c.verdict.callable} />
            </div>
            <div className="quality" data-testid="drawer-quality" data-value={c.verdict.quality}>
              <span className="quality-score">{Math.round(c.verdict.quality)}</span>
              <span className="muted">/ 100 quality</span>
              <span className="quality-bar" aria-hidden="true">
                <span className={`quality-fill ${qualityTone(c.verdict.quality)}`} style={{ width: `${Math.max(0, Math.min(100, c.verdict.quality))}%` }} />
              </span>
            </div>
            {c.qualityReasons.length > 0 && (
              <ul className="quality-reasons" data-testid="drawer-quality-reasons">
                {c.qualityReasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
          </section>
          <section className="drawer-section" aria-label="Issues">
            <h3 className="drawer-h">
              Issues <span className="drawer-count">{c.issues.length}</span>
            </h3>
            {c.issues.length === 0 ? (
              <p className="muted drawer-note" data-testid="drawer-no-issues">
                Nothing to fix in this record.
              </p>
            ) : (
              <ul className="drawer-issues">
                {c.issues.map((issue, i) => (
                  <IssueItem key={`${issue.code}:${i}`} issue={issue} columns={detail.columns} onApply={(column, value) => onApply(detail.rowNo, column, value)} />
                ))}
              </ul>
            )}
          </section>
        </>
      ) : (
        <p className="muted drawer-note" data-testid="drawer-not-cleaned">
          Not cleaned yet: clean the list to see verdicts, quality and issues.
        </p>
      )}
      {detail.postal && <PostalSection postal={detail.postal} />}
      <section className="drawer-section" aria-label="Values">
        <h3 className="drawer-h">Values</h3>
        <dl className="drawer-values">
          {detail.columns.map((col) => (
            <div key={col.index} className={col.edited ? 'drawer-value is-edited' : 'drawer-value'} data-testid="drawer-column" data-col={col.index} data-edited={col.edited ? 'true' : undefined}>
              <dt title={col.field ? `${col.name} — ${FIELD_LABELS[col.field]}` : col.name}>{col.name}</dt>
              <dd>
                <span className="drawer-current" data-testid="drawer-current">
                  {col.value === '' ? <span className="muted">empty</span> : col.value}
                </span>
                {col.edited && (
                  <span className="drawer-raw" data-testid="drawer-raw" title="The imported value, kept unchanged">
                    edited · was {col.raw === '' ? <em>empty</em> : <s>{col.raw}</s>}
                  </span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {c && c.normalized.length > 0 && (
        <section className="drawer-section" aria-label="Standardized values">
          <h3 className="drawer-h">
            Standardized <span className="muted drawer-h-note">name reads as {c.nameKind}</span>
          </h3>
          <dl className="drawer-values">
            {c.normalized.map((n, i) => (
              <div key={`${n.field}:${i}`} className="drawer-value" data-testid="drawer-normalized" data-field={n.field}>
                <dt>{n.label}</dt>
                <dd>{n.value}</dd>
              </div>
            ))}
          </dl>
          <p className="drawer-footnote">{CLEAN_DISCLAIMER}</p>
        </section>
      )}
    </>
  );
}

/** What the licensed CASS/DPV/NCOA service said about this record's address (from the results file the user brought back). */
function PostalSection({ postal: p }: { postal: NonNullable<RecordDetail['postal']> }) {
  const zip = p.zip4 ? `${p.zip5}-${p.zip4}` : p.zip5;
  return (
    <section className={p.applies ? 'drawer-section postal' : 'drawer-section postal is-set-aside'} aria-label="Postal service result" data-testid="drawer-postal" data-applies={p.applies ? 'true' : 'false'} data-undeliverable={p.undeliverable ? 'true' : 'false'}>
      <h3 className="drawer-h">
        Postal service result <span className="muted drawer-h-note">{p.fileName}, line {formatCount(p.lineNo)}</span>
      </h3>
      {!p.applies && <p className="drawer-note muted">The address was edited after this result came back, so it no longer counts. Send the record again to have the new address checked.</p>}
      <div className={p.undeliverable ? 'postal-verdict is-bad' : 'postal-verdict'} data-testid="drawer-postal-summary">
        {p.summary}
      </div>
      <dl className="drawer-values">
        {(p.address1 || p.city) && (
          <div className="drawer-value">
            <dt>Standardized</dt>
            <dd>
              {[p.address1, p.address2].filter(Boolean).join(' ')}
              {p.address1 && <br />}
              {[p.city, [p.state, zip].filter(Boolean).join(' ')].filter(Boolean).join(', ')}
            </dd>
          </div>
        )}
        <div className="drawer-value">
          <dt>DPV</dt>
          <dd data-testid="drawer-postal-dpv" data-code={p.dpv.code}>
            {/* The summary above says it in words; here the code the bureau wrote, its meaning on hover. */}
            <span title={p.dpv.words}>{p.dpv.code || 'none (the bureau did not match the address)'}</span>
          </dd>
        </div>
        {p.vacant !== null && (
          <div className="drawer-value">
            <dt>Vacant</dt>
            <dd>{p.vacant ? 'Yes — no one receives mail there' : 'No'}</dd>
          </div>
        )}
        {p.move && (
          <div className="drawer-value">
            <dt>Moved</dt>
            <dd data-testid="drawer-postal-move">
              {p.move.words}
              {p.move.newAddress && (
                <>
                  <br />
                  <span className="muted">to</span> {p.move.newAddress}
                </>
              )}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function qualityTone(q: number): string {
  return q >= 80 ? 'is-good' : q >= 50 ? 'is-fair' : 'is-poor';
}

function Verdict({ id, label, ok }: { id: string; label: string; ok: boolean }) {
  return (
    <span className={ok ? 'verdict is-yes' : 'verdict is-no'} data-testid={`verdict-${id}`} data-value={ok ? 'yes' : 'no'} title={ok ? `${label}` : `Not ${label.toLowerCase()}`}>
      <span aria-hidden="true">{ok ? '✓' : '✕'}</span> {label}
    </span>
  );
}

function IssueItem({ issue, columns, onApply }: { issue: RecordIssue; columns: RecordDetail['columns']; onApply: (column: number, value: string) => void }) {
  const column = issue.columns[0];
  const colName = column === undefined ? null : (columns.find((c) => c.index === column)?.name ?? `Column ${column + 1}`);
  return (
    <li className={`drawer-issue is-${issue.severity}`} data-testid="drawer-issue" data-code={issue.code} data-severity={issue.severity}>
      <span className={`severity-dot is-${issue.severity}`} aria-label={issue.severity} />
      <div className="drawer-issue-text">
        <div>{issue.message}</div>
        {issue.suggestion !== undefined && (
          <div className="drawer-suggestion">
            <span className="muted">Suggested{colName ? ` ${colName}` : ''}:</span> <code data-testid="drawer-suggestion">{issue.suggestion}</code>
            {column !== undefined && (
              <button type="button" className="button button-small" data-testid="apply-suggestion" onClick={() => onApply(column, issue.suggestion!)}>
                Apply suggestion
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
