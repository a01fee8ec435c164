// Drop a file anywhere on the project window to import it: an overlay while dragging, the wizard after the drop.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/create-client';
import { ImportIcon } from './icons';

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/** Calls `onDrop` with the first dropped file; says so when more than one was dropped, or when this host cannot take drops. */
export function DropOverlay({ enabled, onDrop }: { enabled: boolean; onDrop: (file: File, others: number) => void }) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const onDropRef = useRef(onDrop);
  useEffect(() => {
    onDropRef.current = onDrop;
  }, [onDrop]);

  useEffect(() => {
    // Over an open dialog (the wizard itself) a drop does nothing, and the browser must not open the file either.
    const blocked = () => !enabled || document.querySelector('dialog[open]') !== null;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      if (!blocked()) setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = blocked() ? 'none' : 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      if (blocked()) return;
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files[0]) onDropRef.current(files[0], files.length - 1);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [enabled]);

  if (!dragging) return null;
  const accepts = api().acceptsDroppedFiles;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-card">
        <ImportIcon />
        {accepts ? (
          <>
            <div className="drop-title">Drop to import</div>
            <div className="muted">CSV, TSV, TXT or Excel (.xlsx) — you check how it reads before anything is imported.</div>
          </>
        ) : (
          <>
            <div className="drop-title">Dropping files is not available in the desktop app yet</div>
            <div className="muted">
              Use Import list… (<kbd>Ctrl</kbd>+<kbd>I</kbd>) to choose the file.
            </div>
          </>
        )}
      </div>
    </div>
  );
}
