// The toolbar's "Export…" button (Ctrl+E): opens the export dialog for the selected list, and hosts that dialog.
import type { ListInfo } from '../../../src/api/contract';
import { ExportDialog } from '../export/export-dialog';
import { closeExport, useExportStore } from '../state/export-store';
import { ExportIcon } from './icons';

export function ExportMenu({ list, onExport }: { list: ListInfo | null; onExport: () => void }) {
  const open = useExportStore((s) => s.open);
  return (
    <>
      <button type="button" className="button" data-testid="export-button" disabled={!list} aria-haspopup="dialog" title="Export the selected list to CSV or Excel: fields, one per household, ZIP order, splits (Ctrl+E)" onClick={onExport}>
        <ExportIcon /> Export…
      </button>
      {open && <ExportDialog key={`${open.projectId}:${open.list.id}`} projectId={open.projectId} source={{ kind: 'list', list: open.list }} initialPreset={open.preset} onClose={closeExport} />}
    </>
  );
}
