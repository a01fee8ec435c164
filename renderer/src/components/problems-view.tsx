// The Problems tab of a list: rows kept with a problem (line in the file, row, reason, cells), paged, and "Export problems…".
import { useEffect, useState } from 'react';
import type { ImportProblemRow, ListInfo } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { Pager } from './pager';
import { formatCount, plural, safeFileName } from '../format';
import { startExport } from '../state/jobs-store';
import { errorMessage, reportError } from '../state/toast-store';

const PAGE = 200;
const MAX_CELLS = 30;

interface Page {
  key: string;
  total: number;
  problems: ImportProblemRow[];
  error: string | null;
}

export function ProblemsView({ projectId, list }: { projectId: string; list: ListInfo }) {
  const [offset, setOffset] = useState(0);
  const key = `${projectId}:${list.id}:${offset}`;
  const [page, setPage] = useState<Page | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let live = true;
    const [pid, lid, off] = key.split(':');
    api()
      .invoke('lists.problems', { projectId: pid!, listId: Number(lid), offset: Number(off), count: PAGE })
      .then(
        (r) => live && setPage({ key, total: r.total, problems: r.problems, error: null }),
        (err: unknown) => live && setPage({ key, total: 0, problems: [], error: errorMessage(err) }),
      );
    return () => {
      live = false;
    };
  }, [key]);

  const loading = page?.key !== key;
  const total = page?.total ?? list.problemCount;
  const width = Math.min(MAX_CELLS, Math.max(list.columns.length, ...(page?.problems.map((p) => p.cells.length) ?? [0])));
  const cols = Array.from({ length: width }, (_, i) => i);

  const exportProblems = async () => {
    setExporting(true);
    try {
      // The engine writes the file (line, row, reason, cells) like any export; the browser host then downloads it.
      const target = await api().pickSaveFile({ purpose: 'export', suggestedName: `${safeFileName(`${list.name} problems`)}.csv` });
      if (target) await startExport({ projectId, list, target, what: 'problems' });
    } catch (err) {
      reportError('Could not export the problems', err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="problems" data-testid="problems-view">
      <div className="problems-bar">
        <span data-testid="problems-total">
          {plural(total, 'row')} of “{list.name}” {total === 1 ? 'was' : 'were'} imported with a problem
        </span>
        <span className="muted">— kept whole, so nothing is lost; fix them in the source file or leave them.</span>
        <span className="report-spacer" />
        {total > PAGE && <Pager offset={offset} shown={Math.min(PAGE, total - offset)} total={total} pageSize={PAGE} onPage={setOffset} testId="problems" />}
        <button
          type="button"
          className="button button-small"
          data-testid="problems-export"
          disabled={exporting || total === 0}
          title="Save these rows as a CSV file: line, row, reason, then the row's cells"
          onClick={() => void exportProblems()}
        >
          {exporting ? 'Exporting…' : 'Export problems…'}
        </button>
      </div>
      {page?.error && (
        <p className="form-error problems-error" role="alert">
          {page.error}
        </p>
      )}
      <div className={loading ? 'problems-table is-dimmed' : 'problems-table'}>
        <table>
          <thead>
            <tr>
              <th className="problems-num">Line</th>
              <th className="problems-num">Row</th>
              <th className="problems-reason">Reason</th>
              {cols.map((c) => (
                <th key={c} title={list.columns[c]?.name}>
                  {list.columns[c]?.name ?? `Column ${c + 1}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(page?.problems ?? []).map((p, i) => (
              <tr key={`${p.lineNo}:${i}`} data-testid="problem-row" data-line={p.lineNo}>
                <td className="problems-num">{formatCount(p.lineNo)}</td>
                <td className="problems-num">{p.rowNo === null ? '—' : formatCount(p.rowNo)}</td>
                <td className="problems-reason" title={p.reason}>
                  {p.reason}
                </td>
                {cols.map((c) => (
                  <td key={c} title={p.cells[c]} className={c >= list.columns.length ? 'is-extra' : undefined}>
                    {p.cells[c] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && page && page.problems.length === 0 && !page.error && <p className="problems-empty muted">No problems.</p>}
      </div>
    </div>
  );
}
