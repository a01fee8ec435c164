// The Mailing view's two small dialogs: "Export mailing set…" (name, channel, date, columns; recorded in the ledger) and
// "Save recipe as…".
import { useState } from 'react';
import { MAILING_CHANNELS, type MailingChannel } from '../../../src/api/contract';
import { ModalDialog } from '../components/modal-dialog';
import { formatCount } from '../format';
import type { ExportFields } from '../state/jobs-store';
import { CHANNEL_LABELS, isoDay } from './recipe-edit';

export interface MailingExportChoice {
  name: string;
  channel: MailingChannel;
  mailedAt: string;
  fields: ExportFields;
}

const FIELD_CHOICES: { fields: ExportFields; label: string }[] = [
  { fields: 'original', label: 'Original columns, with your edits' },
  { fields: 'canonical', label: 'Cleaned columns' },
  { fields: 'all', label: 'Cleaned + original columns' },
];

export function ExportMailingDialog({ kept, defaultName, onCancel, onExport }: { kept: number; defaultName: string; onCancel: () => void; onExport: (c: MailingExportChoice) => void }) {
  const [name, setName] = useState(defaultName);
  const [channel, setChannel] = useState<MailingChannel>('direct-mail');
  const [mailedAt, setMailedAt] = useState(isoDay());
  const [fields, setFields] = useState<ExportFields>('original');
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(mailedAt);
  const ok = name.trim().length > 0 && validDate;
  const submit = () => {
    if (ok) onExport({ name: name.trim(), channel, mailedAt, fields });
  };
  return (
    <ModalDialog
      title="Export mailing set"
      testId="mail-export-dialog"
      onCancel={onCancel}
      onSubmit={submit}
      footer={
        <>
          <span className="modal-footer-hint">Recorded in the ledger.</span>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="mail-export-submit" disabled={!ok}>
            Export {formatCount(kept)} records…
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="mail-export-name">Name</label>
        <input
          id="mail-export-name"
          className="input"
          data-testid="mail-export-name"
          value={name}
          autoFocus
          maxLength={200}
          placeholder="Spring catalog 2026"
          aria-invalid={name.trim().length === 0}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="mail-export-channel">Channel</label>
        <select id="mail-export-channel" className="input select" data-testid="mail-export-channel" value={channel} onChange={(e) => setChannel(e.target.value as MailingChannel)}>
          {MAILING_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
        <label htmlFor="mail-export-date">Mailed on</label>
        <input id="mail-export-date" type="date" className="input" data-testid="mail-export-date" value={mailedAt} aria-invalid={!validDate} onChange={(e) => setMailedAt(e.target.value)} />
        <label htmlFor="mail-export-fields">Columns</label>
        <select id="mail-export-fields" className="input select" data-testid="mail-export-fields" value={fields} onChange={(e) => setFields(e.target.value as ExportFields)}>
          {FIELD_CHOICES.map((c) => (
            <option key={c.fields} value={c.fields}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </ModalDialog>
  );
}

export function SaveRecipeDialog({ initial, existing, onCancel, onSave }: { initial: string; existing: string[]; onCancel: () => void; onSave: (name: string) => void }) {
  const [name, setName] = useState(initial);
  const trimmed = name.trim();
  const replaces = existing.includes(trimmed);
  return (
    <ModalDialog
      title="Save recipe"
      testId="recipe-save-dialog"
      onCancel={onCancel}
      onSubmit={() => trimmed && onSave(trimmed)}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="recipe-save-submit" disabled={!trimmed}>
            {replaces ? 'Replace' : 'Save'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="recipe-name">Name</label>
        <input id="recipe-name" className="input" data-testid="recipe-name" value={name} autoFocus maxLength={200} placeholder="Reno 50 miles, no customers" onChange={(e) => setName(e.target.value)} />
      </div>
      {replaces && <p className="mail-hint">A recipe with this name exists: saving replaces it.</p>}
    </ModalDialog>
  );
}
