// A modal dialog on the native <dialog> element: focus stays inside, Escape cancels, the page behind is inert.
import { useEffect, useRef, type ReactNode } from 'react';

export interface ModalDialogProps {
  title: string;
  testId: string;
  onCancel: () => void;
  children: ReactNode;
  footer: ReactNode;
  onSubmit?: () => void;
  wide?: boolean;
  /** Extra class on the <dialog> (e.g. a larger size). */
  className?: string;
  /** Shown at the right of the title (e.g. a wizard's steps). */
  headerExtra?: ReactNode;
  onKeyDown?: (e: React.KeyboardEvent<HTMLFormElement>) => void;
}

export function ModalDialog({ title, testId, onCancel, onSubmit, children, footer, wide, className, headerExtra, onKeyDown }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCancelRef = useRef(onCancel);
  useEffect(() => {
    onCancelRef.current = onCancel;
  }, [onCancel]);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      onCancelRef.current();
    };
    d.addEventListener('cancel', cancel);
    return () => {
      d.removeEventListener('cancel', cancel);
      if (d.open) d.close();
    };
  }, []);

  return (
    <dialog ref={ref} className={['modal', wide ? 'modal-wide' : '', className ?? ''].filter(Boolean).join(' ')} data-testid={testId} aria-labelledby={`${testId}-title`}>
      <form
        method="dialog"
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit?.();
        }}
      >
        <header className="modal-header">
          <h2 id={`${testId}-title`}>{title}</h2>
          {headerExtra}
        </header>
        <div className="modal-body">{children}</div>
        <footer className="modal-footer">{footer}</footer>
      </form>
    </dialog>
  );
}
