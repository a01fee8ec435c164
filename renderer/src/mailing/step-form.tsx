// One step's small form in the recipe builder: the fields of its kind, a radius centre checked with the engine as it is typed,
// and "Where my best customers are" filling a ZIP3 step from the customers' own areas.
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAILING_CHANNELS, WinnowError, type ListInfo } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { errorMessage, reportError } from '../state/toast-store';
import { patchStep, useMailingStore } from '../state/mailing-store';
import { CHANNEL_LABELS, describeBestAreas, describeDraft, LEVEL_CHOICES, parseCodes, type DraftOf, type StepDraft } from './recipe-edit';

export function StepForm({ step, lists, projectId }: { step: StepDraft; lists: ListInfo[]; projectId: string }) {
  switch (step.kind) {
    case 'suppress':
      return <SuppressForm step={step} lists={lists} />;
    case 'customers':
      return (
        <div className="mail-fields">
          <ModeSwitch
            value={step.mode}
            options={[
              ['exclude', 'Exclude them'],
              ['only', 'Only them'],
            ]}
            onChange={(mode) => patchStep(step.id, { mode })}
            label="Existing customers"
          />
          <LevelSelect value={step.level} onChange={(level) => patchStep(step.id, { level })} />
        </div>
      );
    case 'states':
    case 'zip3':
    case 'zips':
      return <CodesForm step={step} projectId={projectId} />;
    case 'radius':
      return <RadiusForm step={step} />;
    case 'notMailed':
      return (
        <div className="mail-fields">
          <label className="mail-inline">
            <span>Days</span>
            <input className="input mail-num" inputMode="numeric" value={step.days} data-testid="step-days" onChange={(e) => patchStep(step.id, { days: e.target.value })} />
          </label>
          <div className="mail-checks" role="group" aria-label="Channels (none checked: every channel)">
            {MAILING_CHANNELS.map((c) => (
              <label key={c} className="mail-check">
                <input
                  type="checkbox"
                  checked={step.channels.includes(c)}
                  onChange={(e) => patchStep(step.id, { channels: e.target.checked ? [...step.channels, c] : step.channels.filter((x) => x !== c) })}
                />
                {CHANNEL_LABELS[c]}
              </label>
            ))}
          </div>
          <span className="mail-hint">{step.channels.length === 0 ? 'Any channel counts.' : 'Only these channels count.'}</span>
        </div>
      );
    case 'householdLimit':
      return (
        <div className="mail-fields">
          <label className="mail-inline">
            <span>At most</span>
            <input className="input mail-num" inputMode="numeric" value={step.pieces} onChange={(e) => patchStep(step.id, { pieces: e.target.value })} />
            <span>pieces per household in</span>
            <input className="input mail-num" inputMode="numeric" value={step.days} onChange={(e) => patchStep(step.id, { days: e.target.value })} />
            <span>days</span>
          </label>
        </div>
      );
    case 'mailable':
      return <p className="mail-hint">Removes records the clean did not find a deliverable postal address for.</p>;
    case 'multiBuyers':
      return (
        <div className="mail-fields">
          <label className="mail-inline">
            <span>On at least</span>
            <input className="input mail-num" inputMode="numeric" value={step.minLists} onChange={(e) => patchStep(step.id, { minLists: e.target.value })} />
            <span>bought lists</span>
          </label>
        </div>
      );
  }
}

function ModeSwitch<T extends string>({ value, options, onChange, label }: { value: T; options: [T, string][]; onChange: (v: T) => void; label: string }) {
  return (
    <span className="mail-seg" role="radiogroup" aria-label={label}>
      {options.map(([v, text]) => (
        <button key={v} type="button" role="radio" aria-checked={value === v} className="mail-seg-option" data-testid={`mode-${v}`} onClick={() => onChange(v)}>
          {text}
        </button>
      ))}
    </span>
  );
}

function LevelSelect({ value, onChange }: { value: string; onChange: (v: DraftOf<'suppress'>['level']) => void }) {
  return (
    <label className="mail-inline">
      <span>Match by</span>
      <select className="input select mail-select" value={value} data-testid="step-level" onChange={(e) => onChange(e.target.value as DraftOf<'suppress'>['level'])}>
        {LEVEL_CHOICES.map((c) => (
          <option key={c.level} value={c.level}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function SuppressForm({ step, lists }: { step: DraftOf<'suppress'>; lists: ListInfo[] }) {
  // Suppression lists first: they are what this step is usually for.
  const ordered = [...lists].sort((a, b) => Number(b.role === 'suppression') - Number(a.role === 'suppression'));
  return (
    <div className="mail-fields">
      <div className="mail-checks is-column" role="group" aria-label="Lists to suppress">
        {ordered.map((l) => (
          <label key={l.id} className="mail-check">
            <input
              type="checkbox"
              checked={step.listIds.includes(l.id)}
              onChange={(e) => patchStep(step.id, { listIds: e.target.checked ? [...step.listIds, l.id] : step.listIds.filter((x) => x !== l.id) })}
            />
            <span className="mail-check-name">{l.name}</span>
            <span className="mail-hint">{l.role}</span>
          </label>
        ))}
      </div>
      <LevelSelect value={step.level} onChange={(level) => patchStep(step.id, { level })} />
    </div>
  );
}

const CODE_PLACEHOLDER = { states: 'NV, CA, OR', zip3: '895, 961', zips: '89501 89502' } as const;

function CodesForm({ step, projectId }: { step: DraftOf<'states' | 'zip3' | 'zips'>; projectId: string }) {
  const [best, setBest] = useState(() => useMailingStore.getState().bestStepId === step.id);
  return (
    <div className="mail-fields">
      <ModeSwitch
        value={step.mode}
        options={[
          ['include', 'Only these'],
          ['exclude', 'Not these'],
        ]}
        onChange={(mode) => patchStep(step.id, { mode })}
        label="Include or exclude"
      />
      <textarea
        className="input textarea mail-codes"
        rows={3}
        spellCheck={false}
        placeholder={CODE_PLACEHOLDER[step.kind]}
        aria-label={step.kind === 'states' ? 'State codes' : step.kind === 'zip3' ? 'ZIP3 areas' : 'ZIP codes'}
        data-testid="step-codes"
        value={step.text}
        onChange={(e) => patchStep(step.id, step.kind === 'zip3' ? { text: e.target.value, note: undefined } : { text: e.target.value })}
      />
      {parseCodes(step.text, step.kind).codes.length > 0 && !(step.kind === 'zip3' && step.note) && (
        <p className="mail-hint" data-testid="step-codes-count">
          {describeDraft(step)}
        </p>
      )}
      {step.kind === 'zip3' && (
        <>
          {step.note && (
            <p className="mail-ok" data-testid="best-areas-note">
              {step.note}
            </p>
          )}
          {best ? (
            <BestAreasForm projectId={projectId} stepId={step.id} onDone={() => setBest(false)} />
          ) : (
            <button type="button" className="link-button" data-testid="best-areas-open" onClick={() => setBest(true)}>
              Where my best customers are…
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** The fewest ZIP3 areas holding a share of the customers (or of what they bought), as this step's areas. */
export function BestAreasForm({ projectId, stepId, onDone }: { projectId: string; stepId: number; onDone: () => void }) {
  const [percent, setPercent] = useState('80');
  const [by, setBy] = useState<'customers' | 'amount'>('customers');
  const [busy, setBusy] = useState(false);
  const value = Number(percent);
  const valid = Number.isFinite(value) && value >= 1 && value <= 100;
  const fill = async () => {
    if (!valid || busy) return;
    setBusy(true);
    try {
      const r = await api().invoke('geo.bestAreas', { projectId, percent: value, by });
      if (r.zip3.length === 0) {
        reportError('No areas found', new WinnowError('NOT_FOUND', 'None of the customers has a ZIP code Winnow can place on the map.'));
        return;
      }
      patchStep(stepId, { mode: 'include', text: r.zip3.join(', '), note: describeBestAreas(r) });
      onDone();
    } catch (err) {
      reportError('Could not find where your best customers are', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      className="mail-best"
      data-testid="best-areas"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.altKey && !e.ctrlKey) {
          e.preventDefault();
          void fill();
        } else if (e.key === 'Escape') {
          e.stopPropagation();
          onDone();
        }
      }}
    >
      <span>The fewest areas holding</span>
      <input className="input mail-num" inputMode="decimal" aria-label="Percent" value={percent} data-testid="best-areas-percent" onChange={(e) => setPercent(e.target.value)} />
      <span>% of</span>
      <select className="input select mail-select" value={by} aria-label="Of" onChange={(e) => setBy(e.target.value as 'customers' | 'amount')}>
        <option value="customers">customers</option>
        <option value="amount">purchase amount</option>
      </select>
      <button type="button" className="button button-small button-primary" disabled={!valid || busy} data-testid="best-areas-fill" onClick={() => void fill()}>
        {busy ? 'Finding…' : 'Use them'}
      </button>
      <button type="button" className="button button-small button-quiet" onClick={onDone}>
        Cancel
      </button>
    </div>
  );
}

type Resolved = { text: string; ok: true; label: string } | { text: string; ok: false; error: string };

function RadiusForm({ step }: { step: DraftOf<'radius'> }) {
  const [resolved, setResolved] = useState<Resolved | null>(null);
  const [checking, setChecking] = useState(false);
  const center = step.center.trim();

  // Where the centre is, asked of the engine a moment after the user stops typing (and right away on leaving the field);
  // a text already asked about is not asked again.
  const asked = useRef('');
  const check = useCallback((text: string) => {
    if (text.length < 3 || asked.current === text) return;
    asked.current = text;
    setChecking(true);
    api()
      .invoke('geo.resolve', { center: text })
      .then(
        (r) => setResolved({ text, ok: true, label: r.label }),
        (err: unknown) => setResolved({ text, ok: false, error: err instanceof WinnowError ? err.message : errorMessage(err) }),
      )
      .finally(() => setChecking(false));
  }, []);
  useEffect(() => {
    if (center.length < 3) return;
    const t = setTimeout(() => check(center), 450);
    return () => clearTimeout(t);
  }, [center, check]);

  const shown = resolved && resolved.text === center ? resolved : null;
  return (
    <div className="mail-fields">
      <ModeSwitch
        value={step.mode}
        options={[
          ['include', 'Within'],
          ['exclude', 'Farther than'],
        ]}
        onChange={(mode) => patchStep(step.id, { mode })}
        label="Keep records within or beyond the radius"
      />
      <label className="mail-inline">
        <input className="input mail-num" inputMode="decimal" aria-label="Miles" data-testid="radius-miles" value={step.miles} onChange={(e) => patchStep(step.id, { miles: e.target.value })} />
        <span>miles of</span>
        <input
          className="input mail-center"
          aria-label="Centre: a ZIP code or an address with a ZIP"
          placeholder="89501 or 12 Main St, Reno NV 89501"
          data-testid="radius-center"
          value={step.center}
          onChange={(e) => patchStep(step.id, { center: e.target.value })}
          onBlur={() => check(center)}
        />
      </label>
      <p
        className={shown ? (shown.ok ? 'mail-ok' : 'mail-error') : 'mail-hint'}
        data-testid="radius-resolved"
        data-ok={shown ? String(shown.ok) : undefined}
        aria-live="polite"
      >
        {center.length < 3 ? 'A ZIP code, or an address that has one.' : checking && !shown ? 'Looking it up…' : shown ? (shown.ok ? `✓ ${shown.label}` : shown.error) : '\u00a0'}
      </p>
    </div>
  );
}

