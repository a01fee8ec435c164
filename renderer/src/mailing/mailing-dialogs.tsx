// The Mailing view's "Save recipe as…" dialog ("Export mailing set…" is the export dialog, renderer/src/export/export-dialog.tsx).
import { useState } from 'react';
import { ModalDialog } from '../components/modal-dialog';

export function SaveRecipeDialog({ initial, existing, onCancel, onSave }: { initial: string; existing: string[]; onCancel: () => void; onSave: (name: string) => void }) {
  const [name, setName] = useState(initial);
  const trimmed = name.trim();
  const replaces = existing.includes(trimmed);
  return (
    <ModalDialog
      title="Save recipe"
      testId="recipe-save-dialog"
      onCancel={onCancel}
      onSubmit={() => trimmed && onSave(trimmed)}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="recipe-save-submit" disabled={!trimmed}>
            {replaces ? 'Replace' : 'Save'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="recipe-name">Name</label>
        <input id="recipe-name" className="input" data-testid="recipe-name" value={name} autoFocus maxLength={200} placeholder="Reno 50 miles, no customers" onChange={(e) => setName(e.target.value)} />
      </div>
      {replaces && <p className="mail-hint">A recipe with this name exists: saving replaces it.</p>}
    </ModalDialog>
  );
}
