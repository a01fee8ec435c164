// The Sales-ready tab: the rule (fit at least N, the fields sales needs, whether flagged leads may pass), applied by saving it
// and scoring again; then the leads that pass and the hand-off file for the CRM.
import { useState } from 'react';
import { READY_FIELDS, type CrmLayout, type ScoreSettings } from '../../../src/api/contract';
import { ExportIcon } from '../components/icons';
import { formatCount, formatDateTime } from '../format';
import type { LeadsPage } from '../state/scoring-store';
import { LeadsTable } from './leads-table';
import { parseMinFit } from './rfm-edit';

type Ready = ScoreSettings['salesReady'];
type ReadyField = (typeof READY_FIELDS)[number];

const FIELD_LABELS: Record<ReadyField, string> = { email: 'E-mail', phone: 'Phone', company: 'Company', title: 'Title', address: 'Mailing address' };

export function sameReady(a: Ready, b: Ready): boolean {
  return a.minFit === b.minFit && a.allowFlagged === b.allowFlagged && a.required.length === b.required.length && a.required.every((f) => b.required.includes(f));
}

export interface SalesReadyProps {
  settings: ScoreSettings | null;
  page: LeadsPage | null;
  loading: boolean;
  scoring: boolean;
  exporting: boolean;
  onApply: (ready: Ready) => void;
  onPage: (offset: number) => void;
  onExport: (crm: CrmLayout) => void;
}

export function SalesReady({ settings, page, loading, scoring, exporting, onApply, onPage, onExport }: SalesReadyProps) {
  const saved = settings?.salesReady ?? null;
  const [minFit, setMinFit] = useState(saved ? String(saved.minFit) : '80');
  const [required, setRequired] = useState<ReadyField[]>(saved?.required ?? []);
  const [allowFlagged, setAllowFlagged] = useState(saved?.allowFlagged ?? false);
  const [crm, setCrm] = useState<CrmLayout>('salesforce');
  // New settings from the engine (saved here or elsewhere) replace the draft.
  const [seen, setSeen] = useState(saved);
  if (saved !== seen) {
    setSeen(saved);
    if (saved) {
      setMinFit(String(saved.minFit));
      setRequired(saved.required);
      setAllowFlagged(saved.allowFlagged);
    }
  }

  const fit = parseMinFit(minFit);
  const draft: Ready | null = fit === null ? null : { minFit: fit, required: READY_FIELDS.filter((f) => required.includes(f)), allowFlagged };
  const dirty = draft !== null && saved !== null && !sameReady(draft, saved);
  const apply = () => {
    if (draft && (dirty || !page?.scoredAt) && !scoring) onApply(draft);
  };

  return (
    <div className="score-ready">
      <form
        className="score-rule"
        data-testid="ready-rule"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <div className="score-rule-line">
          <label htmlFor="ready-min-fit" className="score-rule-label">
            Sales-ready when fit is at least
          </label>
          <input
            type="range"
            className="score-slider"
            min={0}
            max={100}
            step={1}
            aria-label="Minimum fit (slider)"
            data-testid="ready-min-fit-slider"
            value={fit ?? 0}
            onChange={(e) => setMinFit(e.target.value)}
          />
          <input
            id="ready-min-fit"
            className="input score-num"
            inputMode="numeric"
            data-testid="ready-min-fit"
            aria-invalid={fit === null}
            value={minFit}
            onChange={(e) => setMinFit(e.target.value)}
          />
          <span className="muted">of 100</span>
        </div>
        <div className="score-rule-line">
          <span className="score-rule-label" id="ready-required">
            and has
          </span>
          <span className="mail-checks" role="group" aria-labelledby="ready-required">
            {READY_FIELDS.map((f) => (
              <label key={f} className="mail-check">
                <input
                  type="checkbox"
                  data-testid={`ready-require-${f}`}
                  checked={required.includes(f)}
                  onChange={(e) => setRequired(e.target.checked ? [...required, f] : required.filter((x) => x !== f))}
                />
                {FIELD_LABELS[f]}
              </label>
            ))}
          </span>
        </div>
        <div className="score-rule-line">
          <label className="mail-check">
            <input type="checkbox" data-testid="ready-allow-flagged" checked={allowFlagged} onChange={(e) => setAllowFlagged(e.target.checked)} />
            Allow flagged leads (free e-mail, role address, keywords…)
          </label>
          <span className="clean-spacer" />
          {fit === null && <span className="score-error">The fit must be a number from 0 to 100.</span>}
          <button type="submit" className="button button-small button-primary" data-testid="ready-apply" disabled={!draft || scoring || (!dirty && !!page?.scoredAt)}>
            {scoring ? 'Scoring…' : page?.scoredAt ? 'Save and score again' : 'Save and score'}
          </button>
        </div>
      </form>
      <LeadsTable
        page={page}
        loading={loading}
        testId="ready-leads"
        empty={page?.scoredAt ? 'No lead passes the rule. Lower the fit or require fewer fields.' : 'Not scored yet: set the rule and score the leads.'}
        onPage={onPage}
        caption={
          <>
            <span data-testid="ready-count">
              <strong>{formatCount(page?.total ?? 0)}</strong> sales-ready {page?.total === 1 ? 'lead' : 'leads'}
            </span>
            {page?.scoredAt && <span className="muted">scored {formatDateTime(page.scoredAt)}</span>}
            <select className="input select select-small" data-testid="ready-crm" aria-label="Laid out for" value={crm} onChange={(e) => setCrm(e.target.value as CrmLayout)} title="The column names of this CRM's lead import">
              <option value="salesforce">for Salesforce</option>
              <option value="hubspot">for HubSpot</option>
            </select>
            <button type="button" className="button button-small" data-testid="ready-export" disabled={!page || page.total === 0 || exporting} onClick={() => onExport(crm)} title="Write the sales-ready leads with the CRM's own column names (First Name, Last Name, Company, Lead Score…)">
              <ExportIcon /> {exporting ? 'Exporting…' : 'Export hand-off file…'}
            </button>
          </>
        }
      />
    </div>
  );
}
