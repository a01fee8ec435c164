// Wizard step 1: how Winnow reads the file (encoding, delimiter, sheet, header row), each editable, over the decoded first rows.
import { useEffect, useRef, useState } from 'react';
import type { FilePreview, ReadOptions } from '../../../src/api/contract';
import { DELIMITER_CHOICES, ENCODING_CHOICES, normalizeEncoding } from './field-labels';

const PREVIEW_DATA_ROWS = 8;
const PREVIEW_COLS = 40;
const HEADER_ROW_DELAY_MS = 350;

export interface PreviewStepProps {
  preview: FilePreview;
  overrides: ReadOptions;
  loading: boolean;
  /** The last change could not be read (the error is shown above): the rows on screen no longer match the settings. */
  failed: boolean;
  onChange: (next: ReadOptions) => void;
}

export function PreviewStep({ preview, overrides, loading, failed, onChange }: PreviewStepProps) {
  const xlsx = preview.kind === 'xlsx';
  // The settings show what the user chose even while (or if) the file cannot be read that way.
  const encoding = normalizeEncoding(overrides.encoding ?? preview.encoding);
  const delimiter = overrides.delimiter ?? preview.delimiter;
  const sheet = overrides.sheet ?? preview.sheet ?? '';
  const headerRow = overrides.headerRow ?? preview.headerRow;
  const encodingChoices = ENCODING_CHOICES.some((c) => c.value === encoding) ? ENCODING_CHOICES : [...ENCODING_CHOICES, { value: encoding, label: preview.encoding }];
  const delimiterChoices = DELIMITER_CHOICES.some((c) => c.value === delimiter) ? DELIMITER_CHOICES : [...DELIMITER_CHOICES, { value: delimiter, label: `“${delimiter}”`, word: delimiter }];
  const set = (patch: ReadOptions) => onChange({ ...overrides, ...patch });

  return (
    <div className="wz-step" data-testid="import-step" data-step="preview">
      <div className="wz-settings">
        {!xlsx && (
          <div className="wz-setting">
            <label htmlFor="wz-encoding">Encoding</label>
            <select id="wz-encoding" className="input select" data-testid="import-encoding" value={encoding} onChange={(e) => set({ encoding: e.target.value })}>
              {encodingChoices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {!xlsx && (
          <div className="wz-setting">
            <label htmlFor="wz-delimiter">Delimiter</label>
            <select id="wz-delimiter" className="input select" data-testid="import-delimiter" value={delimiter} onChange={(e) => set({ delimiter: e.target.value })}>
              {delimiterChoices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {xlsx && (
          <div className="wz-setting wz-setting-wide">
            <label htmlFor="wz-sheet">Sheet</label>
            <select
              id="wz-sheet"
              className="input select"
              data-testid="import-sheet"
              value={sheet}
              disabled={preview.sheets.length < 2}
              // A new sheet has its own header row: let Winnow detect it again.
              onChange={(e) => onChange({ sheet: e.target.value })}
            >
              {preview.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="wz-setting wz-setting-narrow">
          <label htmlFor="wz-header-row">Header row</label>
          <HeaderRowInput value={headerRow} onCommit={(headerRow) => set({ headerRow })} />
        </div>
        <div className="wz-detected" data-testid="import-detected">
          {failed ? null : loading ? (
            <span className="wz-loading" data-testid="import-preview-loading">
              <span className="spinner" /> Reading again…
            </span>
          ) : (
            <DetectedLine preview={preview} overrides={overrides} />
          )}
        </div>
      </div>
      {!failed && <PreviewTable preview={preview} dimmed={loading} onPickHeader={(row) => set({ headerRow: row })} />}
      <p className="wz-footnote" hidden={failed}>
        {preview.preamble.length > 0
          ? `${preview.preamble.length === 1 ? 'The row' : `The ${preview.preamble.length} rows`} above the header ${preview.preamble.length === 1 ? 'is' : 'are'} kept aside with the list, not imported as people. `
          : ''}
        Click a row to make it the header.
      </p>
    </div>
  );
}

/** "Windows-1252 — not valid UTF-8 …": the engine's reason, and which settings the user chose. */
function DetectedLine({ preview, overrides }: { preview: FilePreview; overrides: ReadOptions }) {
  const chosen = Object.keys(overrides).length > 0;
  if (preview.kind === 'xlsx') {
    return (
      <span data-testid="import-encoding-reason">
        Excel workbook{preview.sheets.length > 1 ? ` · ${preview.sheets.length} sheets` : ''} · header on row {preview.headerRow}
        {chosen ? ' (your choice)' : ''}
      </span>
    );
  }
  return (
    <span data-testid="import-encoding-reason" title={preview.encodingReason}>
      <strong>{ENCODING_CHOICES.find((c) => c.value === normalizeEncoding(preview.encoding))?.label.replace(/ \(.*\)$/, '') ?? preview.encoding}</strong>
      {preview.bom ? ' with BOM' : ''}
      {preview.encodingReason ? ` — ${preview.encodingReason}` : overrides.encoding ? ' (your choice)' : ''}
    </span>
  );
}

/** A number box that re-reads the file once the user pauses typing (or presses Enter), not on every digit. */
function HeaderRowInput({ value, onCommit }: { value: number; onCommit: (n: number) => void }) {
  const [text, setText] = useState(String(value));
  const [shownFor, setShownFor] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // When the preview says a new header row (detected, or after a click), show it.
  if (shownFor !== value) {
    setShownFor(value);
    setText(String(value));
  }
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const commit = (t: string) => {
    const n = Number(t);
    if (Number.isInteger(n) && n >= 1 && n <= 1000 && n !== value) onCommit(n);
  };
  return (
    <input
      id="wz-header-row"
      className="input"
      type="number"
      min={1}
      max={1000}
      data-testid="import-header-row"
      value={text}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(t), HEADER_ROW_DELAY_MS);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && Number(text) !== value) {
          // Enter here applies the row instead of moving to the next step.
          e.preventDefault();
          if (timer.current) clearTimeout(timer.current);
          commit(text);
        }
      }}
    />
  );
}

function PreviewTable({ preview, dimmed, onPickHeader }: { preview: FilePreview; dimmed: boolean; onPickHeader: (row: number) => void }) {
  const width = Math.min(PREVIEW_COLS, Math.max(preview.columns.length, ...preview.preamble.map((r) => r.length)));
  const cols = Array.from({ length: width }, (_, i) => i);
  const more = preview.columns.length - width;
  const data = preview.rows.slice(0, PREVIEW_DATA_ROWS);
  // File row numbers: the preamble sits directly above the header (blank lines, if any, are not shown).
  const firstAside = preview.headerRow - preview.preamble.length;
  const headerCells = preview.columns.map((c) => c.original ?? c.name);

  const row = (kind: 'aside' | 'header' | 'data', fileRow: number, cells: readonly string[], key: string) => (
    <tr
      key={key}
      className={`wz-row is-${kind}`}
      data-testid="preview-row"
      data-kind={kind}
      data-file-row={fileRow}
      onClick={kind === 'header' ? undefined : () => onPickHeader(fileRow)}
      title={kind === 'header' ? 'The header row' : `Use row ${fileRow} as the header`}
    >
      <th scope="row" className="wz-gutter">
        <span className="wz-gutter-no">{fileRow}</span>
        {kind === 'aside' && <span className="wz-tag">kept aside</span>}
        {kind === 'header' && <span className="wz-tag wz-tag-accent">header</span>}
      </th>
      {kind === 'aside' && cells.slice(1).every((v) => v === '') ? (
        // A title row is one cell of text: let it run across the table instead of widening the first column.
        <td colSpan={width + (more > 0 ? 1 : 0)} className="wz-aside-text" title={cells[0]}>
          {cells[0] ?? ''}
        </td>
      ) : (
        <>
          {cols.map((c) => (
            <td key={c} title={cells[c]} className={cells[c]?.includes('\uFFFD') ? 'is-undecodable' : undefined}>
              {cells[c] ?? ''}
            </td>
          ))}
          {more > 0 && <td className="muted">{kind === 'header' ? `+${more} more` : ''}</td>}
        </>
      )}
    </tr>
  );

  return (
    <div className={dimmed ? 'preview wz-preview is-dimmed' : 'preview wz-preview'} data-testid="import-preview">
      <table>
        <tbody>
          {preview.preamble.map((r, i) => row('aside', firstAside + i, r, `a${i}`))}
          {row('header', preview.headerRow, headerCells, 'h')}
          {data.map((r, i) => row('data', preview.headerRow + 1 + i, r, `d${i}`))}
          {data.length === 0 && (
            <tr>
              <td className="wz-gutter" />
              <td colSpan={width + (more > 0 ? 1 : 0)} className="muted">
                No rows under the header.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
