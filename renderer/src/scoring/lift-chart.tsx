// The lift chart: one horizontal bar per profile value, its length the index against all customers (100 = as common among
// best customers as among all, drawn as a line); accent above 100, grey below. Counts and the index against prospects sit in
// columns beside each bar and in its tooltip, so the chart is readable without hovering.
import type { ProfileAttribute } from '../../../src/api/contract';
import { formatCount } from '../format';
import { formatIndex, liftScale } from './lift-scale';

function tip(a: ProfileAttribute, best: number, all: number): string {
  const pct = (n: number, of: number) => (of > 0 ? ` (${((n / of) * 100).toFixed(0)} %)` : '');
  return [
    `${a.label}: ${a.value}`,
    `${formatCount(a.best)} of ${formatCount(best)} best customers${pct(a.best, best)}`,
    `${formatCount(a.all)} of ${formatCount(all)} customers${pct(a.all, all)}`,
    `${formatCount(a.prospects)} prospects`,
    `Index ${formatIndex(a.indexVsAll)} against all customers; ${a.indexVsProspects === null ? 'no prospects to compare with' : `${formatIndex(a.indexVsProspects)} against prospects`}`,
  ].join('\n');
}

export function LiftChart({ attributes, best, customers }: { attributes: ProfileAttribute[]; best: number; customers: number }) {
  const scale = liftScale(attributes);
  if (scale.bars === 0) {
    return (
      <div className="score-lift-empty" data-testid="lift-chart-empty">
        <p className="muted">No value is shared by at least 3 best customers yet, so there is nothing to compare. Import more customers with order history, or lower “Best customers” on the left.</p>
      </div>
    );
  }
  const pos = (f: number) => `${(f * 100).toFixed(2)}%`;
  return (
    <div className="score-lift" data-testid="lift-chart" role="figure" aria-label={`Lift chart: ${scale.bars} profile values, index against all customers (100 = as common as among all customers)`}>
      <div className="score-lift-row score-lift-head" aria-hidden="true">
        <span className="score-lift-value">Value</span>
        <span className="score-lift-track score-lift-axis">
          {scale.ticks.map((t) => (
            <span key={t.index} className={t.index === 100 ? 'score-lift-tick is-base' : 'score-lift-tick'} style={{ left: pos(t.at) }}>
              {t.index}
            </span>
          ))}
        </span>
        <span className="score-lift-num" title="Index against all customers">Index</span>
        <span className="score-lift-num score-lift-counts" title="Best customers / all customers with this value">Best / all</span>
        <span className="score-lift-num" title="Index against the prospects: above 100, your best customers have this more often than your prospects">vs prosp.</span>
      </div>
      <div className="score-lift-body">
        {scale.groups.map((g) => (
          <div key={g.label} className="score-lift-group" role="group" aria-label={g.label}>
            <div className="score-lift-group-label">{g.label}</div>
            {g.bars.map((b) => (
              <div key={b.key} className="score-lift-row" title={tip(b.source, best, customers)} data-testid="lift-row">
                <span className="score-lift-value" title={b.value}>
                  {b.value}
                </span>
                <span className="score-lift-track">
                  <span className="score-lift-base" style={{ left: pos(scale.baseline) }} aria-hidden="true" />
                  <span
                    className={b.above ? 'score-lift-bar is-above' : 'score-lift-bar'}
                    style={{ width: pos(b.width) }}
                    role="img"
                    aria-label={b.aria}
                    data-testid="lift-bar"
                    data-index={Math.round(b.index)}
                  />
                  {b.clipped && <span className="score-lift-clip" aria-hidden="true">›</span>}
                </span>
                <span className={b.above ? 'score-lift-num is-above' : 'score-lift-num'}>{formatIndex(b.index)}</span>
                <span className="score-lift-num score-lift-counts">
                  {formatCount(b.source.best)} / {formatCount(b.source.all)}
                </span>
                <span className="score-lift-num">{formatIndex(b.source.indexVsProspects)}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
