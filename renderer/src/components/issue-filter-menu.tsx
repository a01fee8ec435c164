// "Issues: All rows ▾": a menu of the kinds of findings in the list (severity, label, records); choosing one filters the grid.
import { useEffect, useRef, useState } from 'react';
import type { IssueKindCount, ListInfo } from '../../../src/api/contract';
import { formatCount } from '../format';
import { clearIssueFilter, loadIssueKinds, setIssueFilter, useReviewStore } from '../state/review-store';
import { CloseIcon } from './icons';

export function IssueFilterMenu({ projectId, list }: { projectId: string; list: ListInfo }) {
  const filter = useReviewStore((s) => (s.filter?.listId === list.id ? s.filter : null));
  const kinds = useReviewStore((s) => (s.kinds?.listId === list.id ? s.kinds : null));
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  // Counts move as cells are fixed: read them again each time the menu opens.
  useEffect(() => {
    if (open) void loadIssueKinds(projectId, list.id);
  }, [open, projectId, list.id]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  useEffect(() => {
    if (open && kinds) menuRef.current?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"], [role="menuitemradio"]')?.focus();
  }, [open, kinds]);

  const choose = (kind: IssueKindCount | null) => {
    setOpen(false);
    if (kind) void setIssueFilter(projectId, list.id, kind);
    else clearIssueFilter();
    document.querySelector<HTMLElement>('[data-testid="grid"]')?.focus();
  };

  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      rootRef.current?.querySelector<HTMLElement>('[data-testid="issue-filter"]')?.focus();
    }
  };

  return (
    <div className="issue-filter" ref={rootRef}>
      <button
        type="button"
        className={filter ? 'button button-small issue-filter-button is-active' : 'button button-small issue-filter-button'}
        data-testid="issue-filter"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {filter && <span className={`severity-dot is-${filter.severity}`} aria-hidden="true" />}
        <span className="issue-filter-label">Issues:</span> <span data-testid="issue-filter-value">{filter ? filter.label : 'All rows'}</span>
        <span className="issue-filter-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {filter && (
        <button type="button" className="icon-button" data-testid="issue-filter-clear" aria-label="Show all rows" title="Show all rows" onClick={() => choose(null)}>
          <CloseIcon />
        </button>
      )}
      {open && (
        <div className="menu issue-menu" role="menu" aria-label="Show rows with" data-testid="issue-menu" ref={menuRef} onKeyDown={onMenuKey}>
          <button type="button" role="menuitemradio" aria-checked={!filter} className="menu-item" data-testid="issue-kind-all" onClick={() => choose(null)}>
            <span className="severity-dot is-none" aria-hidden="true" />
            <span className="menu-item-label">All rows</span>
            <span className="menu-item-count">{formatCount(list.rowCount)}</span>
          </button>
          <div className="menu-sep" role="separator" />
          {!kinds ? (
            <div className="menu-note">
              <span className="spinner spinner-small" /> Counting…
            </div>
          ) : kinds.kinds.length === 0 ? (
            <div className="menu-note" data-testid="issue-menu-empty">
              {kinds.cleaned ? 'No issues found in this list.' : 'Clean the list to find issues.'}
            </div>
          ) : (
            kinds.kinds.map((k) => (
              <button
                key={k.code}
                type="button"
                role="menuitemradio"
                aria-checked={filter?.code === k.code}
                className="menu-item"
                data-testid="issue-kind"
                data-code={k.code}
                title={`${k.label}: ${formatCount(k.records)} record(s) (${k.severity})`}
                onClick={() => choose(k)}
              >
                <span className={`severity-dot is-${k.severity}`} aria-hidden="true" />
                <span className="menu-item-label">{k.label}</span>
                <span className="menu-item-count">{formatCount(k.records)}</span>
              </button>
            ))
          )}
        </div>
      )}
    </div>
  );
}
