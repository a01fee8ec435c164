// The import report: what was read, imported and kept aside, how the file was read and mapped; dismissible, links to problems.
import type { ImportResult } from '../../../src/api/contract';
import { formatCount, formatDuration, plural } from '../format';
import { delimiterWord, encodingLabel } from '../import/field-labels';
import { dismissReport, type ImportReportView } from '../state/jobs-store';
import { CloseIcon } from './icons';

function Stat({ id, label, value, tone }: { id: string; label: string; value: string; tone?: 'warn' }) {
  return (
    <span className={tone === 'warn' ? 'report-stat is-warn' : 'report-stat'} data-testid={`report-${id}`}>
      <span className="report-stat-label">{label}</span> <span className="report-stat-value">{value}</span>
    </span>
  );
}

/** "Windows-1252, comma" or "sheet “Leads”". */
export function describeRead(r: Pick<ImportResult, 'kind' | 'encoding' | 'delimiter' | 'sheet'>): string {
  return r.kind === 'xlsx' ? `Excel${r.sheet ? `, sheet “${r.sheet}”` : ''}` : `${encodingLabel(r.encoding)}, ${delimiterWord(r.delimiter)}`;
}

export function ImportReport({ report, onViewProblems }: { report: ImportReportView; onViewProblems: (listId: number) => void }) {
  const r = report.result;
  const complete = r.rowsImported === r.rowsRead;
  return (
    <section className="report" data-testid="import-report" aria-label={`Import report for ${r.listName}`}>
      <div className="report-head">
        <span className={r.rowsWithProblems > 0 ? 'report-dot is-warn' : 'report-dot'} aria-hidden="true" />
        <span className="report-title" data-testid="report-title">
          Imported {complete ? plural(r.rowsImported, 'row') : `${formatCount(r.rowsImported)} of ${plural(r.rowsRead, 'row')}`} into “{r.listName}”
        </span>
        <span className="muted">
          from {report.fileName} in {formatDuration(r.seconds * 1000)}
        </span>
        <span className="report-spacer" />
        {r.rowsWithProblems > 0 && (
          <button type="button" className="link-button" data-testid="report-view-problems" onClick={() => onViewProblems(r.listId)}>
            View {plural(r.rowsWithProblems, 'problem')}
          </button>
        )}
        <button type="button" className="icon-button" aria-label="Dismiss the import report" data-testid="report-dismiss" onClick={dismissReport}>
          <CloseIcon />
        </button>
      </div>
      <div className="report-stats">
        <Stat id="rows-read" label="Read" value={formatCount(r.rowsRead)} />
        <Stat id="rows-imported" label="Imported" value={formatCount(r.rowsImported)} />
        <Stat id="rows-problems" label="With problems" value={formatCount(r.rowsWithProblems)} tone={r.rowsWithProblems > 0 ? 'warn' : undefined} />
        <Stat id="blank-lines" label="Blank lines" value={formatCount(r.blankLines)} />
        <Stat id="above-header" label="Kept aside above header" value={formatCount(r.skippedAboveHeader)} />
        <span className="report-sep" aria-hidden="true" />
        <Stat id="read-as" label="Read as" value={describeRead(r)} />
        <Stat id="header-row" label="Header row" value={String(r.headerRow)} />
        <Stat id="columns" label="Columns" value={`${formatCount(r.mappedColumns)} mapped, ${formatCount(r.customColumns)} custom`} />
      </div>
    </section>
  );
}
