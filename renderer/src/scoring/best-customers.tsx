// The Best customers tab: the RFM cut points in force (editable, or back to quintiles) and the "best" bar, the segments they
// make, the notes on a thin profile, and the lift chart of what the best customers have more often.
import { useState } from 'react';
import type { BestCustomerProfile, ScoreSettings } from '../../../src/api/contract';
import { formatCount } from '../format';
import { LiftChart } from './lift-chart';
import { cutsToDraft, parseCuts, RFM_LABELS, RFM_MEASURES, sameCuts, type RfmMeasure } from './rfm-edit';

type Drafts = Record<RfmMeasure, string[]>;

const draftsOf = (p: BestCustomerProfile): Drafts => ({
  recencyDays: cutsToDraft(p.thresholds.recencyDays),
  frequency: cutsToDraft(p.thresholds.frequency),
  monetary: cutsToDraft(p.thresholds.monetary),
});

export interface BestCustomersProps {
  profile: BestCustomerProfile | null;
  settings: ScoreSettings | null;
  loading: boolean;
  /** Why there can be no profile (no house file). */
  blocked: string | null;
  onSaveRfm: (rfm: ScoreSettings['rfm']) => void;
}

export function BestCustomers({ profile, settings, loading, blocked, onSaveRfm }: BestCustomersProps) {
  const [drafts, setDrafts] = useState<Drafts | null>(profile ? draftsOf(profile) : null);
  const [bestMin, setBestMin] = useState(String(profile?.bestMin ?? settings?.rfm.bestMin ?? 12));
  // A new profile from the engine (after a save) replaces the drafts.
  const [seen, setSeen] = useState(profile);
  if (profile !== seen) {
    setSeen(profile);
    if (profile) {
      setDrafts(draftsOf(profile));
      setBestMin(String(profile.bestMin));
    }
  }

  if (blocked) {
    return (
      <div className="empty-state score-pane-empty" data-testid="best-customers-none">
        <p className="muted">{blocked}</p>
      </div>
    );
  }
  if (!profile || !settings || !drafts) {
    return <div className="empty-state score-pane-empty">{loading ? <span className="spinner" /> : <p className="muted">No profile yet.</p>}</div>;
  }

  const checks = Object.fromEntries(RFM_MEASURES.map((m) => [m, parseCuts(drafts[m])])) as Record<RfmMeasure, ReturnType<typeof parseCuts>>;
  const bestMinN = Number(bestMin);
  const bestMinOk = Number.isInteger(bestMinN) && bestMinN >= 3 && bestMinN <= 15;
  const changed = (m: RfmMeasure) => {
    const c = checks[m];
    return c.ok && !sameCuts(c.cuts, profile.thresholds[m]);
  };
  const dirty = RFM_MEASURES.some(changed) || (bestMinOk && bestMinN !== profile.bestMin);
  const valid = RFM_MEASURES.every((m) => checks[m].ok) && bestMinOk;
  const apply = () => {
    if (!valid || !dirty) return;
    const next = { ...settings.rfm, bestMin: bestMinN };
    for (const m of RFM_MEASURES) {
      const c = checks[m];
      if (c.ok && changed(m)) next[m] = c.cuts;
    }
    onSaveRfm(next);
  };

  return (
    <div className="score-best" data-testid="best-customers">
      <div className="score-summary" data-testid="profile-summary">
        <span>
          <strong>{formatCount(profile.best)}</strong> best customers of {formatCount(profile.customers)}
        </span>
        <span className="muted">{formatCount(profile.withHistory)} with order history</span>
        {profile.asOf && <span className="muted">recency counted back from {profile.asOf}</span>}
        <span className="muted">{formatCount(profile.prospects)} prospects to compare with</span>
      </div>
      {profile.notes.length > 0 && (
        <ul className="score-notes" data-testid="profile-notes">
          {profile.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="score-best-body">
        <div className="score-side">
          <section className="score-card" aria-labelledby="rfm-head">
            <div className="score-card-head">
              <span id="rfm-head">RFM cut points</span>
              <span className="score-card-hint">4 cut points → scores 1-5</span>
            </div>
            <form
              className="score-rfm"
              onSubmit={(e) => {
                e.preventDefault();
                apply();
              }}
            >
              {RFM_MEASURES.map((m) => {
                const c = checks[m];
                const quintiles = settings.rfm[m] === null && !changed(m);
                return (
                  <div key={m} className="score-rfm-row" data-testid={`rfm-${m}`}>
                    <span className="score-rfm-name" title={RFM_LABELS[m].hint}>
                      {RFM_LABELS[m].name}
                      <span className="score-rfm-unit">{RFM_LABELS[m].unit}</span>
                    </span>
                    <span className="score-rfm-cuts">
                      {drafts[m].map((v, i) => (
                        <input
                          key={i}
                          className="input score-num"
                          inputMode="decimal"
                          aria-label={`${RFM_LABELS[m].name} cut point ${i + 1}`}
                          aria-invalid={!c.ok && c.at === i}
                          data-testid={`rfm-${m}-${i}`}
                          value={v}
                          onChange={(e) => setDrafts({ ...drafts, [m]: drafts[m].map((x, j) => (j === i ? e.target.value : x)) })}
                        />
                      ))}
                    </span>
                    {quintiles ? (
                      <span className="score-tag" title="Cut at the house file's quintiles (a fifth of the customers in each score)">
                        quintiles
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="link-button score-rfm-reset"
                        data-testid={`rfm-${m}-quintiles`}
                        onClick={() => onSaveRfm({ ...settings.rfm, [m]: null })}
                        title="Cut at the house file's quintiles again"
                      >
                        Use quintiles
                      </button>
                    )}
                    {!c.ok && <span className="score-error">{c.error}</span>}
                  </div>
                );
              })}
              <div className="score-rfm-row">
                <label className="score-rfm-name" htmlFor="rfm-best-min">
                  Best customers
                  <span className="score-rfm-unit">R + F + M at least (3-15)</span>
                </label>
                <span className="score-rfm-cuts">
                  <input
                    id="rfm-best-min"
                    className="input score-num"
                    type="number"
                    min={3}
                    max={15}
                    step={1}
                    data-testid="rfm-best-min"
                    aria-invalid={!bestMinOk}
                    value={bestMin}
                    onChange={(e) => setBestMin(e.target.value)}
                  />
                </span>
              </div>
              <div className="score-actions">
                <button type="submit" className="button button-small button-primary" data-testid="rfm-apply" disabled={!dirty || !valid}>
                  Apply
                </button>
                <button type="button" className="button button-small" disabled={!dirty} onClick={() => (setDrafts(draftsOf(profile)), setBestMin(String(profile.bestMin)))}>
                  Revert
                </button>
              </div>
            </form>
          </section>
          <section className="score-card" aria-labelledby="seg-head">
            <div className="score-card-head">
              <span id="seg-head">Segments</span>
            </div>
            <table className="score-table" data-testid="segments">
              <thead>
                <tr>
                  <th>Segment</th>
                  <th>Rule</th>
                  <th className="num">Customers</th>
                  <th className="num">Share</th>
                </tr>
              </thead>
              <tbody>
                {profile.segments.map((s) => (
                  <tr key={s.name} className={s.best ? 'is-best' : undefined} data-testid="segment-row" data-best={s.best}>
                    <td>
                      {s.name}
                      {s.best && <span className="score-tag is-accent">best</span>}
                    </td>
                    <td className="muted">{s.rule}</td>
                    <td className="num">{formatCount(s.customers)}</td>
                    <td className="num">{(s.share * 100).toFixed(1)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
        <section className="score-card score-lift-card" aria-labelledby="lift-head">
          <div className="score-card-head">
            <span id="lift-head">Profile lift</span>
            <span className="score-card-hint">what best customers have more often · index vs all customers, 100 = as common as among all</span>
          </div>
          <LiftChart attributes={profile.attributes} best={profile.best} customers={profile.customers} />
        </section>
      </div>
    </div>
  );
}
