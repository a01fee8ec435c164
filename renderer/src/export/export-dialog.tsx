// The export dialog over export.set: format (by the file name's extension), fields (a preset or a chosen order), one piece per
// household or company, ZIP order, one file per state / segment / band, the best N by score, UTF-8 BOM, formula neutralizing,
// and the mailing set's name and channel when the export forms one. The toolbar's Export… (Ctrl+E) opens it for a list; the
// Mailing view opens it for a run's mailing set (recorded in the ledger first when it is not yet).
import { useMemo, useState } from 'react';
import { MAILING_CHANNELS, type ListInfo, type MailingChannel, type MailingInfo } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { ModalDialog } from '../components/modal-dialog';
import { formatCount, safeFileName } from '../format';
import { CHANNEL_LABELS, isoDay } from '../mailing/recipe-edit';
import { startExportSet, startMailingExport, type ExportSetOptions } from '../state/jobs-store';
import { reportError } from '../state/toast-store';
import { fieldChoices, fieldsSpec, formatOfName, GROUP_LABELS, moveKey, orderWithTicked, presetKeys, PRESETS, type FieldPreset } from './export-fields';

/** What is exported: a list, or the mailing set of a waterfall run (with its ledger entry once it has one). */
export type ExportSource =
  | { kind: 'list'; list: ListInfo }
  | { kind: 'run'; runId: number; records: number; list: ListInfo | null; defaultName: string; recorded: MailingInfo | null };

type OnePer = '' | 'household' | 'company';
type SplitBy = '' | 'state' | 'segment' | 'band';

const SPLITS: { value: SplitBy; label: string }[] = [
  { value: '', label: 'One file' },
  { value: 'state', label: 'One file per state' },
  { value: 'segment', label: 'One file per lead grade (A1-D3)' },
  { value: 'band', label: 'One file per fit band (A-D)' },
];

export interface ExportDialogProps {
  projectId: string;
  source: ExportSource;
  onClose: () => void;
  /** Test id prefix: "<prefix>-dialog", "<prefix>-name", "<prefix>-submit"… */
  prefix?: string;
  /** The fields preset to start with (default: the list's original columns). */
  initialPreset?: FieldPreset;
}

export function ExportDialog({ projectId, source, onClose, prefix = 'export', initialPreset = 'original' }: ExportDialogProps) {
  const list = source.list;
  const choices = useMemo(() => fieldChoices(list), [list]);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [preset, setPreset] = useState<FieldPreset>(initialPreset);
  const [ticked, setTicked] = useState<string[]>(() => presetKeys(initialPreset, choices));
  const [onePer, setOnePer] = useState<OnePer>('');
  const [zipOrder, setZipOrder] = useState(false);
  const [splitBy, setSplitBy] = useState<SplitBy>('');
  const [capOn, setCapOn] = useState(false);
  const [cap, setCap] = useState('1000');
  const [bom, setBom] = useState(false);
  const [neutralize, setNeutralize] = useState(true);
  const recorded = source.kind === 'run' ? source.recorded : null;
  const [name, setName] = useState(source.kind === 'run' ? (recorded?.name ?? source.defaultName) : `${source.list.name} ${isoDay()}`);
  const [channel, setChannel] = useState<MailingChannel>(recorded?.channel ?? 'direct-mail');
  const [mailedAt, setMailedAt] = useState(isoDay());
  const [focusKey, setFocusKey] = useState<string | null>(null);

  const capN = Number(cap);
  const capOk = !capOn || (/^\d+$/.test(cap.trim()) && capN >= 1);
  const spec = fieldsSpec(preset, choices, ticked);
  // A list export forms a mailing set (recorded in the ledger) when it keeps one per household/company or caps the count.
  const formsSet = source.kind === 'list' ? onePer !== '' || capOn : recorded === null;
  const nameOk = !formsSet || name.trim().length > 0;
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(mailedAt);
  const ok = spec !== null && capOk && nameOk && (source.kind === 'list' || recorded !== null || dateOk);
  const records = source.kind === 'run' ? source.records : source.list.rowCount;
  const displayed = orderWithTicked(choices, ticked).map((c) => c.key);

  const choosePreset = (p: FieldPreset) => {
    if (p === 'custom' && preset !== 'custom') {
      // Start from what the preset would have written, in its order.
      setTicked(presetKeys(preset, choices));
    }
    setPreset(p);
  };

  const toggle = (key: string) => setTicked((t) => (t.includes(key) ? t.filter((k) => k !== key) : [...t, key]));
  const move = (key: string, delta: number) => {
    setTicked((t) => moveKey(t, key, delta));
    setFocusKey(key);
  };

  const submit = () => {
    if (!ok || spec === null) return;
    const options: ExportSetOptions = { fields: spec, bom: format === 'csv' && bom, neutralize, channel };
    if (onePer) options.onePer = onePer;
    if (zipOrder) options.sort = 'zip';
    if (splitBy) options.splitBy = splitBy;
    if (capOn) options.limit = capN;
    if (source.kind === 'list' && formsSet) options.name = name.trim();
    const base = source.kind === 'run' ? name.trim() || source.defaultName : source.list.name;
    const suggestedName = `${safeFileName(base)}.${format}`;
    onClose();
    // The save picker opens straight from the click (no await before it).
    api()
      .pickSaveFile({ purpose: 'export', suggestedName })
      .then(async (target) => {
        if (!target) return;
        if (source.kind === 'list') {
          await startExportSet({ projectId, list: source.list, target, options });
        } else if (recorded) {
          await startExportSet({ projectId, mailing: { id: recorded.mailingId, name: recorded.name }, target, options });
        } else {
          // The run's set goes into the ledger first (mailing.export); anything it does not write itself follows through export.set.
          const plain = (spec === 'original' || spec === 'canonical' || spec === 'all') && formatOfName(target.name) === 'csv' && !options.bom && neutralize && !onePer && !zipOrder && !splitBy && !capOn;
          await startMailingExport({
            projectId,
            runId: source.runId,
            target,
            name: name.trim(),
            channel,
            mailedAt,
            fields: spec === 'canonical' || spec === 'all' ? spec : 'original',
            ...(plain ? {} : { then: options }),
          });
        }
      })
      .catch((err: unknown) => reportError('Could not export', err));
  };

  const onListKey = (e: React.KeyboardEvent, key: string) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    if (ticked.includes(key)) move(key, e.key === 'ArrowUp' ? -1 : 1);
  };

  const title = source.kind === 'run' ? 'Export mailing set' : `Export “${source.list.name}”`;
  return (
    <ModalDialog
      title={title}
      testId={`${prefix}-dialog`}
      wide
      className="export-dialog"
      onCancel={onClose}
      onSubmit={submit}
      footer={
        <>
          <span className="modal-footer-hint">
            {formsSet ? 'Recorded in the mailing ledger. ' : ''}Written under a temporary name, then renamed when complete.
          </span>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid={`${prefix}-submit`} disabled={!ok}>
            Export {capOn && capOk && capN < records ? `the best ${formatCount(capN)}` : `${onePer ? 'up to ' : ''}${formatCount(records)}`} records…
          </button>
        </>
      }
    >
      <div className="export-grid">
        <span>Format</span>
        <div className="export-row">
          <span className="mail-seg" role="radiogroup" aria-label="Format">
            {(['csv', 'xlsx'] as const).map((f) => (
              <button key={f} type="button" role="radio" aria-checked={format === f} className="mail-seg-option" data-testid={`export-format-${f}`} onClick={() => setFormat(f)}>
                {f === 'csv' ? 'CSV' : 'Excel .xlsx'}
              </button>
            ))}
          </span>
          <span className="muted export-note">The file name decides: .xlsx writes a workbook, .csv/.txt commas, .tsv tabs.</span>
        </div>

        <label htmlFor="export-fields">Fields</label>
        <div className="export-fields">
          <select id="export-fields" className="input select" data-testid="export-fields" value={preset} onChange={(e) => choosePreset(e.target.value as FieldPreset)}>
            {PRESETS.map((p) => (
              <option key={p.preset} value={p.preset}>
                {p.label} — {p.note}
              </option>
            ))}
          </select>
          {preset === 'custom' && (
            <div className="export-field-list" role="group" aria-label="Fields to write, in order (Alt+↑/↓ moves a ticked field)" data-testid="export-field-list">
              {displayed.map((key) => {
                const c = choices.find((x) => x.key === key)!;
                const on = ticked.includes(key);
                const at = ticked.indexOf(key);
                return (
                  <div key={key} className={on ? 'export-field is-on' : 'export-field'} data-testid="export-field" data-key={key} title={c.blocked}>
                    <label className="mail-check">
                      <input
                        type="checkbox"
                        checked={on}
                        disabled={Boolean(c.blocked)}
                        onChange={() => toggle(key)}
                        onKeyDown={(e) => onListKey(e, key)}
                        ref={(el) => {
                          if (el && focusKey === key && document.activeElement !== el) el.focus();
                        }}
                        data-testid="export-field-check"
                      />
                      <span className="mail-check-name">{c.label}</span>
                    </label>
                    <span className="export-field-group">{GROUP_LABELS[c.group]}</span>
                    {on && (
                      <span className="export-field-move">
                        <span className="export-field-pos">{at + 1}</span>
                        <button type="button" className="icon-button" aria-label={`Move ${c.label} up (Alt+↑)`} title="Move up (Alt+↑)" disabled={at === 0} onClick={() => move(key, -1)}>
                          ↑
                        </button>
                        <button type="button" className="icon-button" aria-label={`Move ${c.label} down (Alt+↓)`} title="Move down (Alt+↓)" disabled={at === ticked.length - 1} onClick={() => move(key, 1)}>
                          ↓
                        </button>
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          )}
          {preset === 'custom' && spec === null && <p className="form-error">Tick at least one field.</p>}
        </div>

        <label htmlFor="export-one-per">Pieces</label>
        <div className="export-row">
          <select id="export-one-per" className="input select export-select" data-testid="export-one-per" value={onePer} onChange={(e) => setOnePer(e.target.value as OnePer)}>
            <option value="">Every record</option>
            <option value="household">One per household</option>
            <option value="company">One per company</option>
          </select>
          {onePer && <span className="muted export-note">Keeps the best-scored, then the merge/purge survivor; finds duplicates first if needed.</span>}
        </div>

        <span>Order</span>
        <label className="mail-check">
          <input type="checkbox" checked={zipOrder} data-testid="export-zip-order" onChange={(e) => setZipOrder(e.target.checked)} />
          ZIP order (ZIP, ZIP+4, delivery line) — for presort at the print shop
        </label>

        <label htmlFor="export-split">Files</label>
        <select id="export-split" className="input select export-select" data-testid="export-split" value={splitBy} onChange={(e) => setSplitBy(e.target.value as SplitBy)}>
          {SPLITS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>

        <span>Cap</span>
        <div className="export-row">
          <label className="mail-check">
            <input type="checkbox" checked={capOn} data-testid="export-cap-on" onChange={(e) => setCapOn(e.target.checked)} />
            Only the best
          </label>
          <input
            className="input mail-num export-cap"
            data-testid="export-cap"
            inputMode="numeric"
            value={cap}
            disabled={!capOn}
            aria-label="How many pieces"
            aria-invalid={!capOk}
            onChange={(e) => setCap(e.target.value)}
          />
          <span className="muted">by score (needs Scoring → Score leads)</span>
        </div>

        <span>Safety</span>
        <div className="export-checks">
          <label className="mail-check">
            <input type="checkbox" checked={neutralize} data-testid="export-neutralize" onChange={(e) => setNeutralize(e.target.checked)} />
            Neutralize formulas
          </label>
          <p className="mail-hint">
            A cell starting with = + - @ could run as a formula when the file is opened in Excel; Winnow puts a ' before it (phone numbers
            and amounts such as +1 212 555 0100 or -12.50 stay as they are). Turn off only for files no spreadsheet will open.
          </p>
          <label className="mail-check">
            <input type="checkbox" checked={format === 'csv' && bom} disabled={format !== 'csv'} data-testid="export-bom" onChange={(e) => setBom(e.target.checked)} />
            Start with a UTF-8 byte-order mark (CSV), so Excel reads accents right
          </label>
        </div>

        {formsSet && (
          <>
            <label htmlFor={`${prefix}-name`}>Mailing</label>
            <div className="export-row">
              <input
                id={`${prefix}-name`}
                className="input"
                data-testid={`${prefix}-name`}
                value={name}
                autoFocus={source.kind === 'run'}
                maxLength={200}
                placeholder="Spring catalog 2026"
                aria-invalid={!nameOk}
                onChange={(e) => setName(e.target.value)}
              />
              <select className="input select export-select" aria-label="Channel" data-testid={`${prefix}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as MailingChannel)}>
                {MAILING_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {CHANNEL_LABELS[c]}
                  </option>
                ))}
              </select>
              {source.kind === 'run' && (
                <input type="date" className="input export-date" aria-label="Mailed on" data-testid={`${prefix}-date`} value={mailedAt} aria-invalid={!dateOk} onChange={(e) => setMailedAt(e.target.value)} />
              )}
            </div>
          </>
        )}
        {recorded && (
          <>
            <span>Mailing</span>
            <p className="mail-hint export-recorded" data-testid={`${prefix}-recorded`}>
              “{recorded.name}” is in the ledger ({formatCount(recorded.recipients)} pieces, {CHANNEL_LABELS[recorded.channel]}, {recorded.mailedAt}): this export records the file, not new pieces.
            </p>
          </>
        )}
      </div>
    </ModalDialog>
  );
}
