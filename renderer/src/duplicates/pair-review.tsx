// One doubtful pair side by side: each field's cleaned value (and the imported one where it differs), the probability, the
// explanation and the evidence with its weights, whether the two are merged now, and Merge / Not a duplicate / Skip.
import type { DecisionInfo, PairReview as Pair } from '../../../src/api/contract';
import { formatCount, formatDateTime } from '../format';
import { formatProbability, formatWeight, pairRows, weightShare, weightTone } from './review-format';

function Value({ v, testId }: { v: { raw: string; cleaned: string } | null; testId: string }) {
  if (!v) return <td className="pair-value is-missing" data-testid={testId} />;
  const shown = v.cleaned || v.raw;
  return (
    <td className="pair-value" data-testid={testId} title={v.raw !== v.cleaned && v.raw ? `As imported: ${v.raw}` : shown}>
      {shown ? <span className="pair-cleaned">{shown}</span> : <span className="pair-empty">—</span>}
      {v.raw && v.cleaned && v.raw !== v.cleaned && <span className="pair-raw">{v.raw}</span>}
    </td>
  );
}

function Evidence({ pair }: { pair: Pair }) {
  const strongest = pair.evidence.reduce((m, e) => Math.max(m, Math.abs(e.weight)), 0);
  return (
    <ul className="evidence" data-testid="pair-evidence">
      {pair.evidence.map((e, i) => {
        const tone = weightTone(e.weight);
        const pct = weightShare(e.weight, strongest) * 50;
        return (
          <li key={`${e.field}-${i}`} className={`evidence-item is-${tone}`} data-testid="evidence-item" data-weight={e.weight}>
            <span className="evidence-says">{e.says}</span>
            <span className="evidence-bar" aria-hidden="true">
              <span className="evidence-fill" style={e.weight >= 0 ? { left: '50%', width: `${pct}%` } : { right: '50%', width: `${pct}%` }} />
            </span>
            <span className="evidence-weight" title="Weight of this evidence, in bits: positive says the same, negative says different">
              {formatWeight(e.weight)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function StateChip({ pair, decided }: { pair: Pair; decided: DecisionInfo | null }) {
  const d = decided ?? pair.decision;
  return (
    <span className="pair-states">
      <span className={pair.merged ? 'pair-chip is-merged' : 'pair-chip is-apart'} data-testid="pair-merged" data-merged={pair.merged}>
        {pair.merged ? 'Merged now' : 'Apart now'}
      </span>
      {d && (
        <span className="pair-chip is-decided" data-testid="pair-decision" title={`${d.label} — ${formatDateTime(d.at)}`}>
          {d.decision === 'same' ? 'You said: same' : 'You said: different'}
        </span>
      )}
    </span>
  );
}

export interface PairReviewProps {
  pair: Pair;
  index: number;
  total: number;
  justDecided: DecisionInfo | null;
  busy: boolean;
  onDecide: (decision: 'same' | 'different') => void;
  onMove: (delta: 1 | -1) => void;
}

export function PairReview({ pair, index, total, justDecided, busy, onDecide, onMove }: PairReviewProps) {
  const rows = pairRows(pair);
  const p = pair.probability;
  const locked = busy || justDecided !== null;
  return (
    <div className="pair" data-testid="pair-review" data-a={`${pair.a.listId}:${pair.a.rowNo}`} data-b={`${pair.b.listId}:${pair.b.rowNo}`} data-decided={justDecided !== null}>
      <div className="pair-head">
        <div className="pair-nav">
          <button type="button" className="button button-icon button-small" aria-label="Previous pair" title="Previous pair (←)" disabled={locked || index === 0} onClick={() => onMove(-1)} data-testid="pair-prev">
            ‹
          </button>
          <span className="pair-pos" data-testid="pair-position">
            Pair <strong>{formatCount(index + 1)}</strong> of {formatCount(total)}
          </span>
          <button type="button" className="button button-icon button-small" aria-label="Next pair" title="Skip to the next pair (S or →)" disabled={locked || index >= total - 1} onClick={() => onMove(1)} data-testid="pair-next">
            ›
          </button>
        </div>
        <span className="pair-prob" data-testid="pair-probability" title={`Match weight ${formatWeight(pair.weight)} bits (log2 odds)`}>
          <span className="pair-prob-value">{formatProbability(p)}</span> likely the same
          <span className="pair-meter" aria-hidden="true">
            <span className="pair-meter-fill" style={{ width: `${Math.round(p * 100)}%` }} />
          </span>
        </span>
        <StateChip pair={pair} decided={justDecided} />
      </div>

      {justDecided && (
        <div className={justDecided.decision === 'same' ? 'pair-flash is-same' : 'pair-flash is-different'} data-testid="pair-flash" role="status">
          {justDecided.label}. {pair.merged ? 'They are one record now.' : 'They stay two records.'} Next pair…
        </div>
      )}

      <div className="pair-body">
        <table className="pair-table" data-testid="pair-table">
          <colgroup>
            <col className="pair-col-field" />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>Field</th>
              <th data-testid="pair-a-head" title={`Row ${formatCount(pair.a.rowNo)} of ${pair.a.listName}`}>
                <span className="pair-side-row">Row {formatCount(pair.a.rowNo)}</span>
                <span className="pair-side-list">{pair.a.listName}</span>
              </th>
              <th data-testid="pair-b-head" title={`Row ${formatCount(pair.b.rowNo)} of ${pair.b.listName}`}>
                <span className="pair-side-row">Row {formatCount(pair.b.rowNo)}</span>
                <span className="pair-side-list">{pair.b.listName}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field} className={r.differs ? 'is-differs' : undefined} data-testid="pair-field" data-field={r.field} data-differs={r.differs}>
                <th scope="row">{r.label}</th>
                <Value v={r.a} testId="pair-a" />
                <Value v={r.b} testId="pair-b" />
              </tr>
            ))}
          </tbody>
        </table>

        <div className="pair-why">
          <h3 className="drawer-h">Why</h3>
          <p className="pair-explanation" data-testid="pair-explanation">
            {pair.explanation}
          </p>
          <h3 className="drawer-h">
            Evidence <span className="drawer-h-note">weight in bits · + says same, − says different</span>
          </h3>
          <Evidence pair={pair} />
        </div>
      </div>

      <div className="pair-actions">
        <button type="button" className="button button-primary" data-testid="pair-merge" disabled={locked} onClick={() => onDecide('same')} title="They are the same: merge them (M)">
          Merge <kbd>M</kbd>
        </button>
        <button type="button" className="button" data-testid="pair-different" disabled={locked} onClick={() => onDecide('different')} title="Not a duplicate: keep them apart (N)">
          Not a duplicate <kbd>N</kbd>
        </button>
        <button type="button" className="button button-quiet" data-testid="pair-skip" disabled={locked || index >= total - 1} onClick={() => onMove(1)} title="Decide later (S or →)">
          Skip <kbd>S</kbd>
        </button>
        <span className="pair-actions-hint muted">
          <kbd>←</kbd> <kbd>→</kbd> move between pairs · each decision can be undone in the history
        </span>
      </div>
    </div>
  );
}
