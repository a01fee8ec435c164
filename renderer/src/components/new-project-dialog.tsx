// Asks for a project name where the host has no native save dialog (the browser host keeps projects in its workspace).
import { useState } from 'react';
import { createProject } from '../state/app-store';
import { ModalDialog } from './modal-dialog';

export function NewProjectDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const submit = () => {
    if (!trimmed) return;
    onClose();
    void createProject(trimmed);
  };
  return (
    <ModalDialog
      title="New project"
      testId="new-project-dialog"
      onCancel={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="new-project-create" disabled={!trimmed}>
            Create
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="new-project-name">Name</label>
        <input
          id="new-project-name"
          className="input"
          data-testid="new-project-name"
          value={name}
          autoFocus
          maxLength={200}
          placeholder="Spring mailing 2026"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
    </ModalDialog>
  );
}
