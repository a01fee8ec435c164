// Recover project: shown when a project fails to open because its file is damaged (or from File → Recover Project…).
// It says what is wrong, copies what can still be read into a new project, reports list by list what came back, and
// opens the new project. The damaged file is never written.
import { fileNameOf, formatCount, formatDuration } from '../format';
import { openProjectRef } from '../state/app-store';
import { dismissRecovery, runRecovery, useRecoverStore, type RecoverResultWithFile } from '../state/recover-store';
import { ModalDialog } from './modal-dialog';

export function RecoverDialog() {
  const damaged = useRecoverStore((s) => s.damaged);
  const phase = useRecoverStore((s) => s.phase);
  const result = useRecoverStore((s) => s.result);
  if (!damaged) return null;

  if (phase === 'done' && result) {
    const open = () => {
      dismissRecovery();
      void openProjectRef(result.file);
    };
    return (
      <ModalDialog
        title={result.complete ? 'Project recovered' : 'Project recovered in part'}
        testId="recover-dialog"
        onCancel={dismissRecovery}
        onSubmit={open}
        wide
        footer={
          <>
            <button type="button" className="button" onClick={dismissRecovery}>
              Close
            </button>
            <button type="submit" className="button button-primary" data-testid="recover-open" autoFocus>
              Open recovered project
            </button>
          </>
        }
      >
        <RecoverReport result={result} />
      </ModalDialog>
    );
  }

  const running = phase === 'running';
  return (
    <ModalDialog
      title={damaged.what === null ? `Recover ${damaged.name}` : `${damaged.name} is damaged`}
      testId="recover-dialog"
      onCancel={dismissRecovery}
      onSubmit={() => void runRecovery()}
      footer={
        <>
          <button type="button" className="button" onClick={dismissRecovery} disabled={running}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="recover-run" disabled={running} autoFocus aria-busy={running}>
            {running ? (
              <>
                <span className="spinner" /> Recovering…
              </>
            ) : (
              'Recover into a new project…'
            )}
          </button>
        </>
      }
    >
      <div className="recover-body" data-testid="recover-ask">
        {damaged.what !== null && (
          <p className="recover-what" data-testid="recover-what">
            Winnow could not open it: {damaged.what}.
          </p>
        )}
        <p>
          Recovery copies every list, record and setting that can still be read into a new project and says, list by list, what
          was lost. {damaged.name} itself is not changed.
        </p>
        {damaged.backups.length > 0 && (
          <p className="muted" data-testid="recover-backup">
            There is also an automatic backup from before its last upgrade, {fileNameOf(damaged.backups[0]!)}, in the same folder. Open
            it with Open project… if recovery loses too much.
          </p>
        )}
      </div>
    </ModalDialog>
  );
}

function RecoverReport({ result }: { result: RecoverResultWithFile }) {
  return (
    <div className="recover-body" data-testid="recover-report" data-complete={result.complete}>
      <p>
        Saved as <bdi className="recover-location">{fileNameOf(result.location)}</bdi> in {formatDuration(result.seconds * 1000)}.
      </p>
      {result.lists.length > 0 && (
        <table className="recover-lists" data-testid="recover-lists">
          <thead>
            <tr>
              <th>List</th>
              <th className="num">Rows recovered</th>
              <th className="num">Lost</th>
            </tr>
          </thead>
          <tbody>
            {result.lists.map((l) => (
              <tr key={l.listId} className={l.recovered < l.rows ? 'recover-lossy' : undefined}>
                <td>{l.name}</td>
                <td className="num">
                  {formatCount(l.recovered)} of {formatCount(l.rows)}
                </td>
                <td className="num">{l.rows > l.recovered ? formatCount(l.rows - l.recovered) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.unreadable.length > 0 && <p className="recover-what">Could not be read at all: {result.unreadable.join(', ')}.</p>}
      <ul className="recover-summary" data-testid="recover-summary">
        {result.summary.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
