// The import dialog: shows what Winnow detected in the chosen file, asks for the list's name and role, starts the import.
import { useEffect, useState } from 'react';
import { LIST_ROLES, type FilePreview, type ListRole } from '../../../src/api/contract';
import { api } from '../api/create-client';
import type { PickedFile } from '../api/client-types';
import { formatBytes, plural } from '../format';
import { startImport } from '../state/jobs-store';
import { errorMessage } from '../state/toast-store';
import { ModalDialog } from './modal-dialog';
import { ROLE_HINTS, ROLE_LABELS } from './role-badge';

const DELIMITERS: Record<string, string> = { ',': 'comma-separated', '\t': 'tab-separated', ';': 'semicolon-separated', '|': 'pipe-separated' };
const PREVIEW_ROWS = 5;
const PREVIEW_COLS = 30;

const ENCODINGS: Record<string, string> = { 'utf-8': 'UTF-8', utf8: 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'Windows-1252', 'iso-8859-1': 'Latin-1' };

/** "UTF-8 · comma-separated · 14 columns": what Winnow detected, in the words a user knows from Excel. */
export function describeFormat(p: Pick<FilePreview, 'encoding' | 'delimiter' | 'columns' | 'bom'>): string {
  const delim = DELIMITERS[p.delimiter] ?? `separated by “${p.delimiter}”`;
  const encoding = ENCODINGS[p.encoding.toLowerCase()] ?? p.encoding;
  return `${encoding}${p.bom ? ' (with BOM)' : ''} · ${delim} · ${plural(p.columns.length, 'column')}`;
}

export function ImportDialog({ projectId, file, existingNames, onClose }: { projectId: string; file: PickedFile; existingNames: string[]; onClose: () => void }) {
  const [name, setName] = useState(() => file.name.replace(/\.[^.]+$/, ''));
  const [role, setRole] = useState<ListRole>('prospects');
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    let live = true;
    api()
      .invoke('import.preview', { file: { fileId: file.fileId } })
      .then(
        (p) => live && setPreview(p),
        (err: unknown) => live && setPreviewError(errorMessage(err)),
      );
    return () => {
      live = false;
    };
  }, [file.fileId]);

  const trimmed = name.trim();
  const clash = existingNames.includes(trimmed);
  const canSubmit = trimmed.length > 0 && !clash && !previewError && !submitting;

  const submit = async () => {
    if (!canSubmit) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      await startImport({ projectId, file, name: trimmed, role });
      onClose();
    } catch (err) {
      setSubmitError(errorMessage(err));
      setSubmitting(false);
    }
  };

  return (
    <ModalDialog
      title="Import a list"
      testId="import-dialog"
      wide
      onCancel={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          <span className="modal-footer-hint">Enter to import · Esc to cancel</span>
          <button type="button" className="button" data-testid="import-cancel" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="import-submit" disabled={!canSubmit}>
            {submitting ? 'Starting…' : 'Import'}
          </button>
        </>
      }
    >
      <div className="import-file">
        <div className="import-file-name" data-testid="import-file-name">
          {file.name}
        </div>
        <div className="muted" data-testid="import-format">
          {formatBytes(file.size)}
          {preview ? ` · ${describeFormat(preview)}` : previewError ? '' : ' · reading…'}
        </div>
      </div>
      {previewError && (
        <p className="form-error" role="alert" data-testid="import-preview-error">
          {previewError}
        </p>
      )}
      {preview && <PreviewTable preview={preview} />}
      <div className="form-grid">
        <label htmlFor="import-name">List name</label>
        <div>
          <input id="import-name" className="input" data-testid="import-name" value={name} autoFocus maxLength={200} onChange={(e) => setName(e.target.value)} />
          {clash && <div className="form-error">This project already has a list called “{trimmed}”.</div>}
        </div>
        <span id="import-role-label">Role</span>
        <div className="role-options" role="radiogroup" aria-labelledby="import-role-label" data-testid="import-role">
          {LIST_ROLES.map((r) => (
            <label key={r} className={r === role ? 'role-option is-checked' : 'role-option'}>
              <input type="radio" name="import-role" value={r} checked={r === role} onChange={() => setRole(r)} />
              <span className={`role-dot role-${r}`} aria-hidden="true" />
              <span className="role-option-label">{ROLE_LABELS[r]}</span>
              <span className="role-option-hint">{ROLE_HINTS[r]}</span>
            </label>
          ))}
        </div>
      </div>
      {submitError && (
        <p className="form-error" role="alert" data-testid="import-error">
          {submitError}
        </p>
      )}
    </ModalDialog>
  );
}

function PreviewTable({ preview }: { preview: FilePreview }) {
  const cols = preview.columns.map((c) => c.name).slice(0, PREVIEW_COLS);
  const more = preview.columns.map((c) => c.name).length - cols.length;
  return (
    <div className="preview" data-testid="import-preview">
      <table>
        <thead>
          <tr>
            {cols.map((h, i) => (
              <th key={i} title={h}>
                {h}
              </th>
            ))}
            {more > 0 && <th className="muted">+{more} more</th>}
          </tr>
        </thead>
        <tbody>
          {preview.rows.slice(0, PREVIEW_ROWS).map((r, i) => (
            <tr key={i}>
              {cols.map((_, c) => (
                <td key={c} title={r[c]}>
                  {r[c]}
                </td>
              ))}
              {more > 0 && <td />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
