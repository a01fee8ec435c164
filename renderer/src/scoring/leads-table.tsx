// A page of scored leads (best fit first): row, who, fit with a small bar, grade, the reasons the fit is high and the flags,
// all in the engine's words. Shared by the Leads and Sales-ready tabs.
import type { LeadsPage } from '../state/scoring-store';
import { Pager } from '../components/pager';
import { LEADS_PAGE } from '../state/scoring-store';
import { formatCount } from '../format';

export interface LeadsTableProps {
  page: LeadsPage | null;
  loading: boolean;
  testId: string;
  empty: string;
  onPage: (offset: number) => void;
  caption: React.ReactNode;
}

export function LeadsTable({ page, loading, testId, empty, onPage, caption }: LeadsTableProps) {
  return (
    <div className="score-leads" data-testid={testId} data-total={page?.total ?? ''}>
      <div className="problems-bar">
        {caption}
        <span className="clean-spacer" />
        {loading && <span className="spinner spinner-small" />}
        {page && page.total > 0 && <Pager offset={page.offset} shown={page.leads.length} total={page.total} pageSize={LEADS_PAGE} onPage={onPage} testId={testId} />}
      </div>
      {!page || page.leads.length === 0 ? (
        <p className="problems-empty muted" data-testid={`${testId}-empty`}>
          {page || !loading ? empty : ''}
        </p>
      ) : (
        <div className="problems-table">
          <table>
            <thead>
              <tr>
                <th className="problems-num">Row</th>
                <th>Lead</th>
                <th className="score-col-fit">Fit</th>
                <th>Grade</th>
                <th>Why it fits</th>
                <th>Flags</th>
              </tr>
            </thead>
            <tbody>
              {page.leads.map((l) => (
                <tr key={`${l.listId}:${l.rowNo}`} data-testid="lead-row" data-grade={l.grade} data-fit={l.fit} data-sales-ready={l.salesReady}>
                  <td className="problems-num" title={`Row ${l.rowNo} of ${l.listName}`}>
                    {formatCount(l.rowNo)}
                  </td>
                  <td className="score-lead" title={`${l.summary}\n${l.listName}`}>
                    {l.salesReady && (
                      <span className="score-ready-dot" title="Sales-ready" aria-label="Sales-ready">
                        ●
                      </span>
                    )}
                    {l.summary}
                  </td>
                  <td className="score-col-fit">
                    <span className="score-fit" aria-label={`Fit ${Math.round(l.fit)} of 100`}>
                      <span className="score-fit-meter" aria-hidden="true">
                        <span className="score-fit-fill" style={{ width: `${Math.max(0, Math.min(100, l.fit))}%` }} />
                      </span>
                      <span className="score-fit-n">{Math.round(l.fit)}</span>
                    </span>
                  </td>
                  <td>
                    <span className={`score-grade is-${l.grade.charAt(0).toLowerCase()}`} data-testid="lead-grade">
                      {l.grade}
                    </span>
                  </td>
                  <td className="score-reasons" title={l.reasons.join('\n')}>
                    {l.reasons.length > 0 ? l.reasons.join('; ') : <span className="muted">—</span>}
                  </td>
                  <td className="score-flags" title={l.flags.join('\n')}>
                    {l.flags.map((f) => (
                      <span key={f} className="score-flag">
                        {f}
                      </span>
                    ))}
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
