// The review decisions, newest first: what each did and when, with Undo for any one of them; undone ones stay, struck through.
import type { DecisionInfo } from '../../../src/api/contract';
import { formatDateTime } from '../format';

export function DecisionHistory({ decisions, busy, onUndo }: { decisions: DecisionInfo[]; busy: boolean; onUndo: (seq: number) => void }) {
  const inForce = decisions.filter((d) => d.undoneAt === null).length;
  return (
    <aside className="decisions" aria-label="Review decisions" data-testid="decisions">
      <div className="decisions-head">
        <span className="drawer-title">Decisions</span>
        <span className="drawer-count" data-testid="decisions-count" title={`${inForce} in force, ${decisions.length - inForce} undone`}>
          {inForce}
        </span>
      </div>
      {decisions.length === 0 ? (
        <p className="decisions-empty muted" data-testid="decisions-empty">
          No decisions yet. Pairs you merge or keep apart are listed here, and any one of them can be undone.
        </p>
      ) : (
        <ol className="decisions-list">
          {decisions.map((d) => {
            const undone = d.undoneAt !== null;
            return (
              <li
                key={d.seq}
                className={`decision${undone ? ' is-undone' : ''}`}
                data-testid="decision"
                data-seq={d.seq}
                data-decision={d.decision}
                data-undone={undone}
              >
                <span className={d.decision === 'same' ? 'decision-mark is-same' : 'decision-mark is-different'} aria-hidden="true" />
                <span className="decision-text">
                  <span className="decision-label" data-testid="decision-label">
                    {d.label}
                  </span>
                  <span className="decision-when muted">{undone ? `Undone ${formatDateTime(d.undoneAt!)}` : formatDateTime(d.at)}</span>
                </span>
                {undone ? (
                  <span className="decision-undone" data-testid="decision-undone">
                    undone
                  </span>
                ) : (
                  <button type="button" className="button button-small" data-testid="decision-undo" disabled={busy} onClick={() => onUndo(d.seq)} title={`Undo: ${d.label}`}>
                    Undo
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
