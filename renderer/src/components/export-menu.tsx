// "Export CSV…": the list as imported (with the user's edits); once cleaned, a menu also offers the cleaned columns.
import { useEffect, useRef, useState } from 'react';
import type { ListInfo } from '../../../src/api/contract';
import type { ExportFields } from '../state/jobs-store';
import { ExportIcon } from './icons';

const CHOICES: { fields: ExportFields; label: string; note: string }[] = [
  { fields: 'original', label: 'Original columns', note: 'as imported, with your edits' },
  { fields: 'canonical', label: 'Cleaned columns', note: 'standardized fields, verdicts, quality, issues' },
  { fields: 'all', label: 'Cleaned + original', note: 'the cleaned columns, then the original ones' },
];

export function ExportMenu({ list, onExport }: { list: ListInfo | null; onExport: (fields: ExportFields) => void }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const cleaned = Boolean(list?.clean);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="export-menu" ref={rootRef}>
      <button
        type="button"
        className="button"
        data-testid="export-button"
        disabled={!list}
        aria-haspopup={cleaned ? 'menu' : undefined}
        aria-expanded={cleaned ? open : undefined}
        title="Write the selected list to a CSV file (Ctrl+E)"
        onClick={() => (cleaned ? setOpen((o) => !o) : onExport('original'))}
      >
        <ExportIcon /> Export CSV…{cleaned && <span className="issue-filter-caret">▾</span>}
      </button>
      {open && (
        <div className="menu is-right" role="menu" aria-label="Export" data-testid="export-menu">
          {CHOICES.map((c) => (
            <button
              key={c.fields}
              type="button"
              role="menuitem"
              className="menu-item menu-item-tall"
              data-testid={`export-${c.fields}`}
              onClick={() => {
                setOpen(false);
                onExport(c.fields);
              }}
            >
              <span className="menu-item-label">
                {c.label}
                <span className="menu-item-note">{c.note}</span>
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
