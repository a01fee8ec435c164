// The waterfall of a run: one row per step (in, removed with a bar, out), the input first and the mailing set last; every number
// comes straight from the run. ↑/↓ move through the steps, Enter (or a click) shows the records a step removed.
import type { MailingRunResult } from '../../../src/api/contract';
import { formatCount, formatDateTime, formatDuration, plural } from '../format';

export interface WaterfallProps {
  run: MailingRunResult;
  stepIndex: number;
  onSelect: (index: number, open: boolean) => void;
  /** Puts this run's recipe in the builder (to change it and run again). */
  onEditRecipe: () => void;
}

export function Waterfall({ run, stepIndex, onSelect, onEditRecipe }: WaterfallProps) {
  const last = run.steps.length - 1;
  const onKeyDown = (e: React.KeyboardEvent) => {
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = Math.min(last, stepIndex + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, stepIndex - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Enter') {
      e.preventDefault();
      onSelect(stepIndex, true);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    onSelect(next, false);
  };
  return (
    <div className="mail-waterfall" data-testid="waterfall" data-run-id={run.runId}>
      <div className="mail-waterfall-head">
        <span className="mail-waterfall-title">Waterfall</span>
        <span className="muted">
          Run {run.runId}
          {run.recipeName ? ` · “${run.recipeName}”` : ''} · from “{run.fromListName}” · {formatDateTime(run.createdAt)} · {formatDuration(run.seconds * 1000)}
        </span>
        <button type="button" className="link-button mail-edit-recipe" data-testid="waterfall-edit-recipe" onClick={onEditRecipe} title="Put this run’s steps in the recipe builder">
          Edit this recipe
        </button>
      </div>
      <div
        className="mail-table"
        role="grid"
        aria-label="Waterfall: records in, removed and out at each step"
        aria-activedescendant={`wf-row-${stepIndex}`}
        tabIndex={0}
        data-testid="waterfall-grid"
        onKeyDown={onKeyDown}
      >
        <table>
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Step</th>
              <th className="num">In</th>
              <th className="mail-col-removed">Removed</th>
              <th className="num">Out</th>
            </tr>
          </thead>
          <tbody>
            {run.steps.map((s, i) => {
              const out = s.in - s.removed;
              const frac = s.in > 0 ? s.removed / s.in : 0;
              return (
                <tr
                  key={i}
                  id={`wf-row-${i}`}
                  role="row"
                  aria-selected={i === stepIndex}
                  className={i === stepIndex ? 'is-selected' : undefined}
                  data-testid="waterfall-row"
                  data-step={i}
                  data-kind={s.kind}
                  data-in={s.in}
                  data-removed={s.removed}
                  data-out={out}
                  onClick={() => onSelect(i, i > 0)}
                >
                  <td className="num muted">{i === 0 ? '' : i}</td>
                  <td className="mail-step-cell">
                    <span className="mail-step-label" data-testid="waterfall-step">
                      {i === 0 ? `Input: “${run.fromListName}”` : s.step}
                    </span>
                    {s.note && (
                      <span className="mail-step-note" data-testid="waterfall-note">
                        {s.note}
                      </span>
                    )}
                  </td>
                  <td className="num">{formatCount(s.in)}</td>
                  <td className="mail-col-removed">
                    {i === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <span className="mail-removed">
                        <span className="mail-meter" aria-hidden="true">
                          <span className="mail-meter-fill" style={{ width: `${Math.max(s.removed > 0 ? 1.5 : 0, frac * 100)}%` }} />
                        </span>
                        <span className={s.removed > 0 ? 'mail-removed-n is-drop' : 'mail-removed-n muted'}>{s.removed > 0 ? `−${formatCount(s.removed)}` : '0'}</span>
                      </span>
                    )}
                  </td>
                  <td className="num">{formatCount(out)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr data-testid="waterfall-kept" data-value={run.kept}>
              <td />
              <td>
                Mailing set
                {run.multiBuyers > 0 && (
                  <span className="mail-step-note" data-testid="waterfall-multibuyers">
                    {plural(run.multiBuyers, 'record')} also on another bought list (multi-buyers, flagged)
                  </span>
                )}
              </td>
              <td />
              <td className="mail-col-removed muted">{run.input > 0 ? `${((run.kept / run.input) * 100).toFixed(1)} % of the input kept` : ''}</td>
              <td className="num">{formatCount(run.kept)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
