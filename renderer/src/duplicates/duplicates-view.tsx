// The Duplicates view: Find duplicates (at a chosen level) as a job, the merge/purge report, the review queue one pair at a
// time (M merge, N not a duplicate, S/→ skip, ← back) and the decisions history with Undo. All counts come from the engine.
import { useEffect } from 'react';
import { MATCH_LEVELS, type ProjectInfo } from '../../../src/api/contract';
import { formatCount, formatDateTime } from '../format';
import { startDedupe, useJobsStore } from '../state/jobs-store';
import {
  decidePair,
  goToPair,
  latestRun,
  loadDuplicates,
  setDuplicatesTab,
  setLevel,
  undoDecision,
  useDuplicatesStore,
  type LevelChoice,
} from '../state/duplicates-store';
import { DecisionHistory } from './decision-history';
import { DedupeReport } from './dedupe-report';
import { PairReview } from './pair-review';
import { isTypingTarget, LEVEL_HINTS, LEVEL_LABELS, reviewCommand } from './review-format';

const CHOICES: LevelChoice[] = ['auto', ...MATCH_LEVELS];

export function DuplicatesView({ project, onImport }: { project: ProjectInfo; onImport: () => void }) {
  const projectId = project.projectId;
  const s = useDuplicatesStore();
  const running = useJobsStore((j) => j.jobs.some((x) => x.kind === 'dedupe' && x.projectId === projectId));
  const run = s.projectId === projectId ? latestRun(s) : null;
  const hasLists = project.lists.length > 0;

  useEffect(() => {
    void loadDuplicates(projectId);
  }, [projectId]);

  const find = () => {
    if (!running && hasLists) void startDedupe({ projectId, level: s.level });
  };

  // The review's one-key shortcuts (and R for the review from the report).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target as HTMLElement | null) || document.querySelector('dialog[open]')) return;
      const st = useDuplicatesStore.getState();
      if (st.tab === 'report') {
        if ((e.key === 'r' || e.key === 'R') && !e.ctrlKey && !e.metaKey && !e.altKey && run && run.toReview > 0) {
          e.preventDefault();
          setDuplicatesTab('review');
        }
        return;
      }
      const cmd = reviewCommand(e);
      if (!cmd || !st.pair) return;
      e.preventDefault();
      if (cmd === 'same' || cmd === 'different') void decidePair(projectId, cmd);
      else if (!st.justDecided) void goToPair(projectId, st.index + (cmd === 'next' ? 1 : -1));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [projectId, run]);

  const total = s.queue?.total ?? 0;

  return (
    <div className="dup" data-testid="duplicates-view">
      <div className="dup-bar">
        <span className="dup-title">Duplicates</span>
        <span className="clean-sep" aria-hidden="true" />
        <span className="dup-level" role="radiogroup" aria-label="Match at the level of">
          <span className="muted">Match</span>
          {CHOICES.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={s.level === c}
              className="dup-level-option"
              data-testid={`dup-level-${c}`}
              title={LEVEL_HINTS[c]}
              onClick={() => setLevel(c)}
            >
              {c === 'auto' ? 'Auto' : LEVEL_LABELS[c]}
            </button>
          ))}
        </span>
        <button type="button" className="button button-primary button-small" data-testid="dup-find" disabled={running || !hasLists} onClick={find}>
          {running ? 'Finding duplicates…' : run ? 'Find duplicates again' : 'Find duplicates'}
        </button>
        {run && (
          <span className="dup-run muted" data-testid="dup-run">
            Run {run.runId} · {LEVEL_LABELS[run.level]} · {formatDateTime(run.createdAt)}
          </span>
        )}
      </div>

      {run && (
        <div className="view-tabs" role="tablist" aria-label="Duplicates">
          <button type="button" role="tab" className="view-tab" aria-selected={s.tab === 'report'} data-testid="dup-tab-report" onClick={() => setDuplicatesTab('report')}>
            Report
          </button>
          <button type="button" role="tab" className="view-tab" aria-selected={s.tab === 'review'} data-testid="dup-tab-review" onClick={() => setDuplicatesTab('review')}>
            Review <span className={run.toReview > 0 ? 'view-tab-count is-warn' : 'view-tab-count'} data-testid="dup-tab-review-count">{formatCount(run.toReview)}</span>
          </button>
        </div>
      )}

      <div className="dup-body">
        <div className="dup-main">
          {!hasLists ? (
            <div className="empty-state" data-testid="dup-no-lists">
              <p>This project has no lists yet. Import one or more lists, then find the duplicates within and between them.</p>
              <button type="button" className="button button-primary" onClick={onImport}>
                Import list…
              </button>
            </div>
          ) : !run ? (
            <div className="empty-state" data-testid="dup-no-run">
              {s.loading ? (
                <span className="spinner" />
              ) : running ? (
                <>
                  <span className="spinner" />
                  <p>Finding duplicates… the report appears here when it is done.</p>
                </>
              ) : (
                <>
                  <p>
                    No duplicates found yet. Winnow compares every record of {project.lists.length === 1 ? 'the list' : `the ${project.lists.length} lists`} (cleaning them
                    first if needed), merges the clear cases and queues the doubtful ones for you.
                  </p>
                  <button type="button" className="button button-primary" data-testid="dup-find-empty" onClick={find}>
                    Find duplicates
                  </button>
                </>
              )}
            </div>
          ) : s.tab === 'report' ? (
            <DedupeReport run={run} onReview={() => setDuplicatesTab('review')} />
          ) : s.pair ? (
            <PairReview
              pair={s.pair}
              index={s.index}
              total={Math.max(total, s.index + 1)}
              justDecided={s.justDecided}
              busy={s.busy}
              onDecide={(d) => void decidePair(projectId, d)}
              onMove={(delta) => void goToPair(projectId, s.index + delta)}
            />
          ) : s.loading ? (
            <div className="empty-state">
              <span className="spinner" />
            </div>
          ) : s.error ? (
            <div className="empty-state" data-testid="dup-review-error">
              <p className="drawer-error">{s.error}</p>
              <button type="button" className="button" onClick={() => void loadDuplicates(projectId)}>
                Try again
              </button>
            </div>
          ) : (
            <div className="empty-state" data-testid="dup-nothing">
              <p className="dup-nothing-title">Nothing to review</p>
              <p className="muted">Every pair of this run was clear-cut, or you have decided it. Decisions stay in the history, where any of them can be undone.</p>
            </div>
          )}
        </div>
        <DecisionHistory decisions={s.projectId === projectId ? s.decisions : []} busy={s.busy} onUndo={(seq) => void undoDecision(projectId, seq)} />
      </div>
    </div>
  );
}
