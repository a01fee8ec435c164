// The records one waterfall step removed, a page at a time, each with the reason the engine stored on it.
import type { ListInfo, MailingRunResult } from '../../../src/api/contract';
import { formatCount } from '../format';
import { Pager } from '../components/pager';
import { REMOVED_PAGE, type RemovedPage } from '../state/mailing-store';

export interface RemovedRecordsProps {
  run: MailingRunResult;
  stepIndex: number;
  page: RemovedPage | null;
  loading: boolean;
  lists: ListInfo[];
  onPage: (offset: number) => void;
}

export function RemovedRecords({ run, stepIndex, page, loading, lists, onPage }: RemovedRecordsProps) {
  const step = run.steps[stepIndex];
  if (!step || stepIndex === 0) {
    return (
      <div className="empty-state mail-pane-empty" data-testid="removed-none">
        <p className="muted">Choose a step of the waterfall (click it, or ↑/↓ then Enter) to see the records it removed and why.</p>
      </div>
    );
  }
  const listName = (id: number) => lists.find((l) => l.id === id)?.name ?? `list ${id}`;
  const shown = page && page.step === stepIndex && page.runId === run.runId ? page : null;
  const total = shown?.total ?? step.removed;
  return (
    <div className="mail-removed-pane" data-testid="removed-records" data-step={stepIndex}>
      <div className="problems-bar">
        <span>
          Removed by step {stepIndex}: <strong>{step.step}</strong>
        </span>
        <span className="clean-spacer" />
        {loading && <span className="spinner spinner-small" />}
        {shown && total > 0 && <Pager offset={shown.offset} shown={shown.records.length} total={total} pageSize={REMOVED_PAGE} onPage={onPage} testId="removed" />}
      </div>
      {shown && shown.records.length === 0 ? (
        <p className="problems-empty muted">This step removed no records.</p>
      ) : (
        <div className="problems-table">
          <table>
            <thead>
              <tr>
                <th className="problems-num">Row</th>
                <th>Record</th>
                <th>Why it was removed</th>
              </tr>
            </thead>
            <tbody>
              {(shown?.records ?? []).map((r) => (
                <tr key={`${r.listId}:${r.rowNo}`} data-testid="removed-row">
                  <td className="problems-num" title={`Row ${r.rowNo} of ${listName(r.listId)}`}>
                    {formatCount(r.rowNo)}
                  </td>
                  <td className="mail-summary" title={r.summary}>
                    {r.summary}
                  </td>
                  <td className="mail-reason" data-testid="removed-reason" title={r.reason}>
                    {r.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
