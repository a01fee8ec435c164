// The import wizard: one dialog, three steps (how to read the file · what each column is · what the list is), keyboard first.
import { useEffect, useRef, useState } from 'react';
import { WinnowError, type CanonicalField, type FilePreview, type ReadOptions } from '../../../src/api/contract';
import { api } from '../api/create-client';
import type { PickedFile } from '../api/client-types';
import { ModalDialog } from '../components/modal-dialog';
import { formatBytes, formatDateTime, plural } from '../format';
import { startImport } from '../state/jobs-store';
import { errorMessage } from '../state/toast-store';
import { delimiterWord, encodingLabel } from './field-labels';
import { ListStep } from './list-step';
import { emptyListForm, suggestListName, toListDetails, type ListForm } from './list-form';
import { assignField, mappingCounts, reapplyEdits, toColumnMapping, type MappingState } from './mapping-edit';
import { MappingStep } from './mapping-step';
import { PreviewStep } from './preview-step';

type Step = 'preview' | 'mapping' | 'list';
const STEPS: { id: Step; label: string }[] = [
  { id: 'preview', label: 'File' },
  { id: 'mapping', label: 'Columns' },
  { id: 'list', label: 'List' },
];

interface Loaded {
  /** The read options this answer is for. */
  key: string;
  preview: FilePreview | null;
  error: string | null;
}

export interface ImportWizardProps {
  projectId: string;
  file: PickedFile;
  existingNames: string[];
  onClose: () => void;
}

export function ImportWizard({ projectId, file, existingNames, onClose }: ImportWizardProps) {
  const [overrides, setOverrides] = useState<ReadOptions>({});
  const key = JSON.stringify(overrides);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  /** The last preview that read; kept on screen (dimmed) while a changed setting is read again. */
  const [shown, setShown] = useState<FilePreview | null>(null);
  const [mapping, setMapping] = useState<MappingState>({ fields: [], displaced: {} });
  /** The user's own mapping choices by column name, in the order made; they survive reading the file again. */
  const edits = useRef(new Map<string, CanonicalField | null>());
  const [step, setStep] = useState<Step>('preview');
  /** The file was imported before: the user must say whether to import it again. */
  const [again, setAgain] = useState(false);
  const [forcedWarning, setForcedWarning] = useState<string | null>(null);
  const [savePreset, setSavePreset] = useState(false);
  const [presetName, setPresetName] = useState('');
  const [form, setForm] = useState<ListForm>(() => emptyListForm(suggestListName(file.name, existingNames)));
  const [showErrors, setShowErrors] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const options = JSON.parse(key) as ReadOptions;
    api()
      .invoke('import.preview', Object.keys(options).length > 0 ? { file: { fileId: file.fileId }, projectId, options } : { file: { fileId: file.fileId }, projectId })
      .then(
        (p) => {
          if (!live) return;
          setLoaded({ key, preview: p, error: null });
          setShown(p);
          setMapping(reapplyEdits(p.columns, edits.current));
        },
        (err: unknown) => live && setLoaded({ key, preview: null, error: errorMessage(err) }),
      );
    return () => {
      live = false;
    };
  }, [file.fileId, projectId, key]);

  const loading = loaded?.key !== key;
  const previewError = !loading ? loaded?.error ?? null : null;
  const preview = shown;
  const earlier = preview?.alreadyImported ?? [];
  const warning = !again && (earlier.length > 0 || forcedWarning !== null);

  const name = form.name.trim();
  const nameError = name.length === 0 ? 'Give the list a name.' : existingNames.includes(name) ? `This project already has a list called “${name}”.` : null;
  const details = toListDetails(form);
  const presetError = savePreset && presetName.trim().length === 0 ? 'Name the preset, or untick “Save this mapping”.' : null;

  const stepIndex = STEPS.findIndex((s) => s.id === step);
  const canLeavePreview = !!preview && !loading && !previewError && preview.columns.length > 0;
  const canGo = (to: Step): boolean => {
    if (to === 'preview') return true;
    if (!canLeavePreview) return false;
    if (to === 'list') return presetError === null;
    return true;
  };
  const go = (to: Step) => {
    if (canGo(to)) setStep(to);
  };
  const next = () => {
    if (warning || submitting) return;
    if (step === 'list') void submit();
    else {
      const to = STEPS[stepIndex + 1]!.id;
      if (canGo(to)) setStep(to);
      else setShowErrors(true);
    }
  };

  const submit = async () => {
    if (!preview || !canLeavePreview) return;
    if (nameError || !details.ok || presetError) {
      setShowErrors(true);
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      // The header row and sheet the user saw, so the mapping's column indices mean the same columns.
      const options: ReadOptions = { ...overrides, headerRow: preview.headerRow };
      if (preview.kind === 'xlsx' && preview.sheet) options.sheet = preview.sheet;
      await startImport({
        projectId,
        file,
        name,
        role: form.role,
        options,
        mapping: toColumnMapping(preview.columns, mapping),
        ...(savePreset ? { savePreset: presetName.trim() } : {}),
        details: details.details,
        ifAlreadyImported: again ? 'import' : 'refuse',
      });
      onClose();
    } catch (err) {
      setSubmitting(false);
      if (err instanceof WinnowError && err.code === 'ALREADY_IMPORTED') {
        setForcedWarning(err.message);
        return;
      }
      setSubmitError(errorMessage(err));
    }
  };

  // Keyboard first: when nothing has focus (the wizard opened, a step or the warning went away), Enter must still mean Next.
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!warning && canLeavePreview && (active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled))) nextRef.current?.focus();
  }, [step, warning, canLeavePreview]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || warning) return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      // Alt+← is also the browser's Back: never let it leave the app.
      e.preventDefault();
      const to = STEPS[stepIndex + (e.key === 'ArrowLeft' ? -1 : 1)];
      if (to) go(to.id);
    }
  };

  const assign = (pos: number, field: CanonicalField | null) => {
    const name = preview?.columns[pos]?.name;
    if (name !== undefined) {
      edits.current.delete(name);
      edits.current.set(name, field);
    }
    setMapping((m) => assignField(m, pos, field));
  };
  const counts = mappingCounts(mapping);
  const summary = preview
    ? [
        file.name,
        preview.kind === 'xlsx' ? `sheet “${preview.sheet ?? ''}”` : `${encodingLabel(preview.encoding)}, ${delimiterWord(preview.delimiter)}`,
        `header on row ${preview.headerRow}`,
        `${plural(counts.mapped, 'mapped column')}, ${plural(counts.custom, 'custom field')}`,
      ].join(' · ')
    : '';

  const stepsNav = (
    <ol className="wz-steps" aria-label="Steps" data-testid="import-steps">
      {STEPS.map((s, i) => (
        <li key={s.id}>
          <button
            type="button"
            className={s.id === step ? 'wz-step-tab is-current' : i < stepIndex ? 'wz-step-tab is-done' : 'wz-step-tab'}
            data-testid="import-step-tab"
            data-step={s.id}
            aria-current={s.id === step ? 'step' : undefined}
            disabled={warning || !canGo(s.id)}
            onClick={() => go(s.id)}
          >
            <span className="wz-step-no">{i + 1}</span>
            {s.label}
          </button>
        </li>
      ))}
    </ol>
  );

  let body: React.ReactNode;
  if (warning) {
    body = <AlreadyImported earlier={earlier} message={forcedWarning} />;
  } else if (!preview) {
    body = previewError ? null : (
      <div className="wz-reading" data-testid="import-preview-loading">
        <span className="spinner" /> Reading {file.name}…
      </div>
    );
  } else if (step === 'preview') {
    body = <PreviewStep preview={preview} overrides={overrides} loading={loading} failed={previewError !== null} onChange={setOverrides} />;
  } else if (step === 'mapping') {
    body = (
      <MappingStep
        preview={preview}
        mapping={mapping}
        onAssign={assign}
        savePreset={savePreset}
        presetName={presetName}
        onSavePreset={(save, n) => {
          setSavePreset(save);
          setPresetName(n);
        }}
      />
    );
  } else {
    body = (
      <ListStep
        form={form}
        onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
        nameError={nameError}
        fieldError={details.ok ? null : details}
        summary={summary}
      />
    );
  }

  const footer = warning ? (
    <>
      <span className="modal-footer-hint">Esc to skip</span>
      <button type="button" className="button" data-testid="import-skip" autoFocus onClick={onClose}>
        Skip this file
      </button>
      <button
        type="button"
        className="button button-primary"
        data-testid="import-again"
        onClick={() => {
          setAgain(true);
          setForcedWarning(null);
        }}
      >
        Import again
      </button>
    </>
  ) : (
    <>
      <span className="modal-footer-hint">Enter {step === 'list' ? 'to import' : 'next'} · Alt+←/→ steps · Esc cancel</span>
      <button type="button" className="button button-quiet" data-testid="import-cancel" onClick={onClose}>
        Cancel
      </button>
      {step !== 'preview' && (
        <button type="button" className="button" data-testid="import-back" onClick={() => go(STEPS[stepIndex - 1]!.id)}>
          Back
        </button>
      )}
      {step === 'list' ? (
        <button type="submit" className="button button-primary" data-testid="import-submit" disabled={submitting || !canLeavePreview}>
          {submitting ? 'Starting…' : 'Import'}
        </button>
      ) : (
        <button ref={nextRef} type="submit" className="button button-primary" data-testid="import-next" disabled={!canGo(STEPS[stepIndex + 1]!.id)}>
          Next
        </button>
      )}
    </>
  );

  return (
    <ModalDialog title="Import a list" testId="import-dialog" className="modal-wizard" onCancel={onClose} onSubmit={next} onKeyDown={onKeyDown} headerExtra={stepsNav} footer={footer}>
      <div className="import-file">
        <span className="import-file-name" data-testid="import-file-name">
          {file.name}
        </span>
        <span className="muted" data-testid="import-format">
          {formatBytes(file.size)}
          {preview ? ` · ${preview.kind === 'xlsx' ? 'Excel workbook' : 'text file'} · ${plural(preview.columns.length, 'column')}` : ''}
        </span>
      </div>
      {previewError && (
        <p className="form-error" role="alert" data-testid="import-preview-error">
          {previewError}
        </p>
      )}
      {body}
      {showErrors && presetError && step === 'mapping' && (
        <p className="form-error" role="alert">
          {presetError}
        </p>
      )}
      {submitError && (
        <p className="form-error" role="alert" data-testid="import-error">
          {submitError}
        </p>
      )}
    </ModalDialog>
  );
}

/** "on 3 Mar 09:12", or "today at 15:23". */
function whenPhrase(iso: string): string {
  const when = formatDateTime(iso);
  return when.startsWith('Today ') ? `today at ${when.slice(6)}` : `on ${when}`;
}

function AlreadyImported({ earlier, message }: { earlier: FilePreview['alreadyImported']; message: string | null }) {
  return (
    <div className="wz-warning" role="alert" data-testid="import-already">
      <div className="wz-warning-title">Already in this project</div>
      {earlier.length > 0 ? (
        <ul className="wz-warning-list">
          {earlier.map((e) => (
            <li key={e.listId} data-testid="import-already-item">
              This file was already imported as <strong>“{e.listName}”</strong> {whenPhrase(e.importedAt)}.
            </li>
          ))}
        </ul>
      ) : (
        <p>{message}</p>
      )}
      <p className="muted">Importing it again adds a second copy of every row. Skip it unless the earlier list was wrong or you deleted rows from it.</p>
    </div>
  );
}
