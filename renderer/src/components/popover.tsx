// A button that opens a floating panel: closes on a click outside, on Escape (focus goes back to the button) and when asked.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function Popover(props: {
  label: ReactNode;
  title: string;
  testId: string;
  /** Highlights the button (something is set). */
  active?: boolean;
  /** Panel aligned to the button's right edge instead of its left. */
  alignRight?: boolean;
  panelClass?: string;
  children: (close: () => void) => ReactNode;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    // The first field (or button) of the panel takes the focus, so the keyboard can work it at once.
    rootRef.current?.querySelector<HTMLElement>('.popover-panel input, .popover-panel select, .popover-panel button')?.focus();
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div className="popover" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={props.active ? 'button button-small is-active' : 'button button-small'}
        data-testid={props.testId}
        title={props.title}
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={props.disabled}
        onClick={() => setOpen((o) => !o)}
      >
        {props.label}
      </button>
      {open && (
        <div className={`popover-panel${props.alignRight ? ' is-right' : ''}${props.panelClass ? ` ${props.panelClass}` : ''}`} role="dialog" aria-label={props.title} data-testid={`${props.testId}-panel`}>
          {props.children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
