// Which export dialog is open (the toolbar's Export… and Ctrl+E open it for the selected list). The choices live in the dialog.
import { create } from 'zustand';
import type { ListInfo } from '../../../src/api/contract';
import type { FieldPreset } from '../export/export-fields';

interface ExportState {
  open: { projectId: string; list: ListInfo; preset?: FieldPreset } | null;
}

export const useExportStore = create<ExportState>()(() => ({ open: null }));

/** Opens the export dialog for a list (the toolbar's Export… button and Ctrl+E; the postal menu starts it on "cass"). */
export function openListExport(projectId: string, list: ListInfo, preset?: FieldPreset): void {
  useExportStore.setState({ open: { projectId, list, ...(preset ? { preset } : {}) } });
}

export function closeExport(): void {
  useExportStore.setState({ open: null });
}
