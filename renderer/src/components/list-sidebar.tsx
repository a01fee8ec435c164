// The sidebar listing the project's lists (a listbox: ↑/↓ choose a list, Enter goes to its grid), and the Duplicates, Mailing and
// Scoring views' entries.
import type { ListInfo } from '../../../src/api/contract';
import { formatCount } from '../format';
import { describeDetails } from '../import/list-form';
import { MailingIcon } from '../mailing/mailing-icon';
import { ScoringIcon } from '../scoring/scoring-icon';
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
}: {
  lists: ListInfo[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  onEnter: () => void;
  duplicates?: DuplicatesEntry;
  mailing?: MailingEntry;
  scoring?: ScoringEntry;
}) {
  const listSelected = (id: number) => id === selectedId && !duplicates?.active && !mailing?.active && !scoring?.active;
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = lists.findIndex((l) => l.id === selectedId);
    let next: ListInfo | undefined;
    if (e.key === 'ArrowDown') next = lists[Math.min(lists.length - 1, i + 1)];
    else if (e.key === 'ArrowUp') next = lists[Math.max(0, i - 1)];
    else if (e.key === 'Home') next = lists[0];
    else if (e.key === 'End') next = lists[lists.length - 1];
    else if (e.key === 'Enter') {
      e.preventDefault();
      onEnter();
      return;
    } else return;
    e.preventDefault();
    if (next) onSelect(next.id);
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
              onClick={() => onSelect(l.id)}
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
          <button
            type="button"
            className={duplicates.active ? 'sidebar-entry is-selected' : 'sidebar-entry'}
            aria-current={duplicates.active ? 'page' : undefined}
            data-testid="nav-duplicates"
            onClick={duplicates.onOpen}
            title="Find duplicates within and between lists, and review the doubtful pairs"
          >
            <DuplicatesIcon />
            <span className="sidebar-entry-name">Duplicates</span>
            {duplicates.toReview !== null && duplicates.toReview > 0 && (
              <span className="sidebar-entry-count" data-testid="nav-duplicates-count" title={`${formatCount(duplicates.toReview)} doubtful pairs to review`}>
                {formatCount(duplicates.toReview)}
              </span>
            )}
          </button>
          {(mailing || scoring) && (
            <div className="sidebar-heading">
              <span>Targeting</span>
            </div>
          )}
          {mailing && (
            <button
              type="button"
              className={mailing.active ? 'sidebar-entry is-selected' : 'sidebar-entry'}
              aria-current={mailing.active ? 'page' : undefined}
              data-testid="nav-mailing"
              onClick={mailing.onOpen}
              title="Build a mailing set: suppress, target by geography, see what each rule removed, export it to the ledger"
            >
              <MailingIcon />
              <span className="sidebar-entry-name">Mailing</span>
            </button>
          )}
          {scoring && (
            <button
              type="button"
              className={scoring.active ? 'sidebar-entry is-selected' : 'sidebar-entry'}
              aria-current={scoring.active ? 'page' : undefined}
              data-testid="nav-scoring"
              onClick={scoring.onOpen}
              title="Who your best customers are, which prospects look like them, and which leads are ready for sales"
            >
              <ScoringIcon />
              <span className="sidebar-entry-name">Scoring</span>
              {scoring.newReady > 0 && (
                <span className="sidebar-entry-count is-new" data-testid="nav-scoring-count" title={`${formatCount(scoring.newReady)} new sales-ready leads`}>
                  {formatCount(scoring.newReady)}
                </span>
              )}
            </button>
          )}
        </div>
      )}
    </nav>
  );
}
