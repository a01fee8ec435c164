// The sidebar listing the project's lists (a listbox: ↑/↓ choose a list, Enter goes to its grid), and the Duplicates, Mailing,
// Scoring and List audit views' entries.
import type { ListInfo } from '../../../src/api/contract';
import { formatCount } from '../format';
import { describeDetails } from '../import/list-form';
import { AuditIcon } from '../audit/audit-icon';
import { MailingIcon } from '../mailing/mailing-icon';
import { ScoringIcon } from '../scoring/scoring-icon';
import { showAudit } from '../state/audit-store';
import { DuplicatesIcon } from './icons';
import { RoleBadge } from './role-badge';

export interface DuplicatesEntry {
  active: boolean;
  /** Doubtful pairs waiting in the newest run (null: no run yet, or not read yet). */
  toReview: number | null;
  onOpen: () => void;
}

export interface MailingEntry {
  active: boolean;
  onOpen: () => void;
}

export interface AuditEntry {
  active: boolean;
  onOpen: () => void;
}

export interface ScoringEntry {
  active: boolean;
  /** Sales-ready leads new since the Sales-ready tab was last looked at. */
  newReady: number;
  onOpen: () => void;
}

export function ListSidebar({
  lists,
  selectedId,
  onSelect,
  onEnter,
  duplicates,
  mailing,
  scoring,
  audit,
}: {
  lists: ListInfo[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  onEnter: () => void;
  duplicates?: DuplicatesEntry;
  mailing?: MailingEntry;
  scoring?: ScoringEntry;
  audit?: AuditEntry;
}) {
  const listSelected = (id: number) => id === selectedId && !duplicates?.active && !mailing?.active && !scoring?.active && !audit?.active;
  // Going anywhere else leaves the List audit (its entry's owner shows it; every other way out hides it here).
  const away =
    <A extends unknown[]>(go: (...args: A) => void) =>
    (...args: A) => {
      showAudit(false);
      go(...args);
    };
  const select = away(onSelect);
  const enter = away(onEnter);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = lists.findIndex((l) => l.id === selectedId);
    let next: ListInfo | undefined;
    if (e.key === 'ArrowDown') next = lists[Math.min(lists.length - 1, i + 1)];
    else if (e.key === 'ArrowUp') next = lists[Math.max(0, i - 1)];
    else if (e.key === 'Home') next = lists[0];
    else if (e.key === 'End') next = lists[lists.length - 1];
    else if (e.key === 'Enter') {
      e.preventDefault();
      enter();
      return;
    } else return;
    e.preventDefault();
    if (next) select(next.id);
  };

  return (
    <nav className="sidebar" aria-label="Lists">
      <div className="sidebar-heading">
        <span>Lists</span>
        <span className="sidebar-count">{lists.length}</span>
      </div>
      {lists.length === 0 ? (
        <p className="sidebar-empty">No lists yet.</p>
      ) : (
        <div
          className="list-items"
          role="listbox"
          aria-label="Lists in this project"
          tabIndex={0}
          aria-activedescendant={selectedId !== null ? `list-item-${selectedId}` : undefined}
          onKeyDown={onKeyDown}
          data-testid="list-sidebar"
        >
          {lists.map((l) => (
            <div
              key={l.id}
              id={`list-item-${l.id}`}
              role="option"
              aria-selected={listSelected(l.id)}
              className={listSelected(l.id) ? 'list-item is-selected' : 'list-item'}
              data-testid="list-item"
              data-list-id={l.id}
              title={[l.sourceFile ? `${l.name} — from ${l.sourceFile}` : l.name, describeDetails(l.details ?? {})].filter(Boolean).join('\n')}
              onClick={() => select(l.id)}
            >
              <span className="list-item-name">{l.name}</span>
              <span className="list-item-meta">
                <RoleBadge role={l.role} />
                {l.problemCount > 0 && (
                  <span className="list-item-problems" data-testid="list-item-problems" title={`${formatCount(l.problemCount)} rows imported with a problem`}>
                    {formatCount(l.problemCount)} {l.problemCount === 1 ? 'problem' : 'problems'}
                  </span>
                )}
                <span className="list-item-rows" data-testid="list-item-rows">
                  {formatCount(l.rowCount)}
                </span>
              </span>
            </div>
          ))}
        </div>
      )}
      {duplicates && (
        <div className="sidebar-section">
          <div className="sidebar-heading">
            <span>Merge/purge</span>
          </div>
          <ViewEntry
            active={duplicates.active}
            onOpen={away(duplicates.onOpen)}
            testId="nav-duplicates"
            title="Find duplicates within and between lists, and review the doubtful pairs"
            icon={<DuplicatesIcon />}
            name="Duplicates"
            count={duplicates.toReview !== null && duplicates.toReview > 0 ? { n: duplicates.toReview, title: `${formatCount(duplicates.toReview)} doubtful pairs to review` } : null}
          />
          {(mailing || scoring || audit) && (
            <div className="sidebar-heading">
              <span>Targeting</span>
            </div>
          )}
          {mailing && (
            <ViewEntry
              active={mailing.active}
              onOpen={away(mailing.onOpen)}
              testId="nav-mailing"
              title="Build a mailing set: suppress, target by geography, see what each rule removed, export it to the ledger"
              icon={<MailingIcon />}
              name="Mailing"
              count={null}
            />
          )}
          {scoring && (
            <ViewEntry
              active={scoring.active}
              onOpen={away(scoring.onOpen)}
              testId="nav-scoring"
              title="Who your best customers are, which prospects look like them, and which leads are ready for sales"
              icon={<ScoringIcon />}
              name="Scoring"
              count={scoring.newReady > 0 ? { n: scoring.newReady, title: `${formatCount(scoring.newReady)} new sales-ready leads`, isNew: true } : null}
            />
          )}
          {audit && (
            <ViewEntry
              active={audit.active}
              onOpen={audit.onOpen}
              testId="nav-audit"
              title="What a bought list is really worth: duplicates, house-file overlap, earlier purchases, suppressed, undeliverable; net-new records, cost per net-new, savings"
              icon={<AuditIcon />}
              name="List audit"
              count={null}
            />
          )}
        </div>
      )}
    </nav>
  );
}

/** One view's entry in the sidebar (Duplicates, Mailing, Scoring, List audit), with an optional count badge. */
function ViewEntry(props: {
  active: boolean;
  onOpen: () => void;
  testId: string;
  title: string;
  icon: React.ReactNode;
  name: string;
  count: { n: number; title: string; isNew?: boolean } | null;
}) {
  return (
    <button
      type="button"
      className={props.active ? 'sidebar-entry is-selected' : 'sidebar-entry'}
      aria-current={props.active ? 'page' : undefined}
      data-testid={props.testId}
      onClick={props.onOpen}
      title={props.title}
    >
      {props.icon}
      <span className="sidebar-entry-name">{props.name}</span>
      {props.count && (
        <span className={props.count.isNew ? 'sidebar-entry-count is-new' : 'sidebar-entry-count'} data-testid={`${props.testId}-count`} title={props.count.title}>
          {formatCount(props.count.n)}
        </span>
      )}
    </button>
  );
}
