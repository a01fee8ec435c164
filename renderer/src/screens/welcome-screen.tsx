// The welcome screen: start a project, open one, try the sample, or pick up a recent project.
import { useEffect, useState } from 'react';
import { api } from '../api/create-client';
import { FolderIcon, PlusIcon, SparkIcon, WinnowMark } from '../components/icons';
import { AboutDialog } from '../components/about-dialog';
import { NewProjectDialog } from '../components/new-project-dialog';
import { formatDateTime } from '../format';
import { createProject, loadRecent, openProjectFile, openRecent, openSample, useAppStore } from '../state/app-store';
import { chooseDamagedProject } from '../state/recover-store';

export function WelcomeScreen() {
  const recent = useAppStore((s) => s.recent);
  const opening = useAppStore((s) => s.opening);
  const [askName, setAskName] = useState(false);
  const [about, setAbout] = useState(false);

  useEffect(() => {
    void loadRecent();
  }, []);

  const newProject = () => {
    if (api().host === 'browser') setAskName(true);
    else void createProject();
  };

  return (
    <main className="welcome" data-testid="welcome" aria-busy={opening !== null}>
      <div className="welcome-inner">
        <header className="welcome-header">
          <WinnowMark size={28} />
          <div>
            <h1>Winnow</h1>
            <p className="muted">Clean, deduplicate and score mailing lists — on this computer, offline.</p>
          </div>
        </header>

        <section className="welcome-section" aria-labelledby="start-heading">
          <h2 id="start-heading">Start</h2>
          <div className="action-list">
            <ActionButton testId="welcome-new" icon={<PlusIcon />} label="New project…" hint="An empty project file for your lists" busy={opening === 'new'} disabled={opening !== null} onClick={newProject} autoFocus />
            <ActionButton testId="welcome-open" icon={<FolderIcon />} label="Open project…" hint="A .winnow file you saved before" busy={opening === 'open'} disabled={opening !== null} onClick={() => void openProjectFile()} />
            <ActionButton
              testId="welcome-sample"
              icon={<SparkIcon />}
              label="Open the sample project"
              hint="A house file and a bought list to explore"
              busy={opening === 'sample'}
              busyLabel="Preparing the sample…"
              disabled={opening !== null}
              onClick={() => void openSample()}
            />
          </div>
        </section>

        <section className="welcome-section" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent</h2>
          {recent === null ? (
            <p className="muted">Loading…</p>
          ) : recent.length === 0 ? (
            <p className="muted" data-testid="recent-empty">
              Projects you open will appear here.
            </p>
          ) : (
            <ul className="recent-list" data-testid="recent-list">
              {recent.map((r) => (
                <li key={r.recentId}>
                  <button
                    type="button"
                    className="recent-item"
                    data-testid="recent-item"
                    disabled={!r.exists || opening !== null}
                    title={r.exists ? r.location : `${r.location} (not found: it was moved or deleted)`}
                    onClick={() => void openRecent(r.recentId)}
                  >
                    <span className="recent-name">{r.name}</span>
                    <span className="recent-location">
                      <bdi dir="ltr">{r.location}</bdi>
                    </span>
                    <span className="recent-when">{r.exists ? formatDateTime(r.openedAt) : 'Missing'}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <footer className="welcome-footer">
          <button type="button" className="link-button" data-testid="welcome-about" onClick={() => setAbout(true)}>
            About Winnow and data notices
          </button>
          <button type="button" className="link-button" data-testid="welcome-recover" disabled={opening !== null} onClick={() => void chooseDamagedProject()}>
            Recover a damaged project…
          </button>
          <span className="muted">USPS-style address standardization from public data — not CASS, DPV or NCOA certified.</span>
        </footer>
      </div>
      {askName && <NewProjectDialog onClose={() => setAskName(false)} />}
      {about && <AboutDialog onClose={() => setAbout(false)} />}
    </main>
  );
}

function ActionButton(p: { testId: string; icon: React.ReactNode; label: string; hint: string; busy: boolean; busyLabel?: string; disabled: boolean; onClick: () => void; autoFocus?: boolean }) {
  return (
    <button type="button" className="action" data-testid={p.testId} disabled={p.disabled} onClick={p.onClick} autoFocus={p.autoFocus} aria-busy={p.busy}>
      <span className="action-icon">{p.busy ? <span className="spinner" /> : p.icon}</span>
      <span className="action-label">{p.busy ? (p.busyLabel ?? 'Opening…') : p.label}</span>
      <span className="action-hint">{p.hint}</span>
    </button>
  );
}
