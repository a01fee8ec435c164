// The Scoring view: who the best customers are (RFM segments and the lift chart of their profile), every prospect's fit and
// grade (the A-D × 1-3 matrix), the sales-ready leads and their hand-off file, and the flag rules. Scoring runs as a job; every
// number comes from the engine.
import { useEffect } from 'react';
import type { CrmLayout, ProjectInfo, ScoreSettings } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { formatCount, formatDateTime, safeFileName } from '../format';
import { startHandoffExport, startScore, useJobsStore } from '../state/jobs-store';
import {
  askNotificationPermission,
  filterGrade,
  loadScoring,
  readLeads,
  readReady,
  saveScoreSettings,
  setScoringTab,
  useScoringStore,
  type ScoringTab,
} from '../state/scoring-store';
import { reportError } from '../state/toast-store';
import { BestCustomers } from './best-customers';
import { GradeMatrixView } from './grade-matrix-view';
import { LeadsTable } from './leads-table';
import { RulesPane } from './rules-pane';
import { SalesReady } from './sales-ready';
import { ScoringIcon } from './scoring-icon';

const TABS: { tab: ScoringTab; label: string }[] = [
  { tab: 'best', label: 'Best customers' },
  { tab: 'leads', label: 'Leads' },
  { tab: 'ready', label: 'Sales-ready' },
  { tab: 'rules', label: 'Rules' },
];

export function ScoringView({ project }: { project: ProjectInfo }) {
  const projectId = project.projectId;
  const s = useScoringStore();
  const mine = s.projectId === projectId;
  const scoring = useJobsStore((j) => j.jobs.some((x) => x.kind === 'score' && x.projectId === projectId));
  const exporting = useJobsStore((j) => j.jobs.some((x) => x.kind === 'export' && x.projectId === projectId && x.label.startsWith('Exporting the sales-ready')));
  const prospectLists = project.lists.filter((l) => l.role === 'prospects');
  const customerLists = project.lists.filter((l) => l.role === 'customers');
  const blocked = customerLists.length === 0 ? 'Import a house file (role: customers) to learn who your best customers are.' : prospectLists.length === 0 ? 'Import a prospect list to score.' : null;

  const hasCustomers = customerLists.length > 0;
  // Loads per project, and again when a house file arrives while the view is open (the profile can be read then).
  useEffect(() => {
    void loadScoring(projectId, hasCustomers);
  }, [projectId, hasCustomers]);

  const score = () => {
    askNotificationPermission();
    if (!scoring && !blocked) void startScore({ projectId });
  };
  const saveAndScore = async (patch: Partial<ScoreSettings>, what: string) => {
    if ((await saveScoreSettings(projectId, patch, what)) && !blocked) void startScore({ projectId });
  };
  const exportHandoff = async (crm: CrmLayout) => {
    try {
      const target = await api().pickSaveFile({ purpose: 'export', suggestedName: `${safeFileName(`${project.name} sales-ready leads for ${crm === 'hubspot' ? 'HubSpot' : 'Salesforce'}`)}.csv` });
      if (target) await startHandoffExport({ projectId, target, crm });
    } catch (err) {
      reportError('Could not export the hand-off file', err);
    }
  };

  const run = mine ? s.lastRun : null;
  const leads = mine ? s.leads : null;
  const ready = mine ? s.ready : null;
  const scoredAt = leads?.scoredAt ?? ready?.scoredAt ?? null;
  const counts: Partial<Record<ScoringTab, React.ReactNode>> = {
    best: mine && s.profile ? formatCount(s.profile.best) : null,
    leads: run ? formatCount(run.prospects) : leads?.scoredAt && !leads.grade ? formatCount(leads.total) : null,
    ready: ready?.scoredAt ? formatCount(ready.total) : null,
  };

  const onTabKey = (e: React.KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.tab === s.tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (!next) return;
    e.preventDefault();
    setScoringTab(next.tab);
    document.querySelector<HTMLElement>(`[data-testid="score-tab-${next.tab}"]`)?.focus();
  };

  return (
    <div className="score" data-testid="scoring-view">
      <div className="dup-bar score-bar">
        <span className="dup-title">Scoring</span>
        <span className="clean-sep" aria-hidden="true" />
        {blocked ? (
          <span className="muted" data-testid="score-blocked">
            {blocked}
          </span>
        ) : scoredAt ? (
          <span className="muted" data-testid="score-status">
            {run ? `${formatCount(run.prospects)} leads scored · ${formatCount(run.salesReady)} sales-ready · ` : ''}last scored {formatDateTime(scoredAt)}
          </span>
        ) : (
          <span className="muted" data-testid="score-status">
            Not scored yet. Score leads rates every prospect 0-100 by how much it looks like your best customers.
          </span>
        )}
        <span className="clean-spacer" />
        <button type="button" className="button button-small button-primary" data-testid="score-run" disabled={scoring || blocked !== null} onClick={score} title="Score every prospect: fit to the best-customer profile, flags, grade, sales-ready">
          <ScoringIcon /> {scoring ? 'Scoring…' : scoredAt ? 'Score again' : 'Score leads'}
        </button>
      </div>
      <div className="view-tabs" role="tablist" aria-label="Scoring" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            className="view-tab"
            id={`score-tab-${t.tab}`}
            aria-selected={s.tab === t.tab}
            aria-controls="score-panel"
            tabIndex={s.tab === t.tab ? 0 : -1}
            data-testid={`score-tab-${t.tab}`}
            onClick={() => setScoringTab(t.tab)}
          >
            {t.label}
            {counts[t.tab] != null && (
              <span className={t.tab === 'ready' && s.unseenReady > 0 ? 'view-tab-count is-new' : 'view-tab-count'} data-testid={`score-tab-${t.tab}-count`}>
                {counts[t.tab]}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="score-panel" role="tabpanel" id="score-panel" aria-labelledby={`score-tab-${s.tab}`}>
        {s.tab === 'best' ? (
          <BestCustomers
            profile={mine && hasCustomers ? s.profile : null}
            settings={mine ? s.settings : null}
            blocked={hasCustomers ? null : 'No house file yet. Import your customer list with the role “Customers” (with order dates, order counts or lifetime value) to see who your best customers are and what they have in common.'}
            loading={s.loading || s.profileLoading}
            onSaveRfm={(rfm) => void saveScoreSettings(projectId, { rfm }, 'the RFM cut points')}
          />
        ) : s.tab === 'leads' ? (
          <div className="score-leads-tab">
            <div className="score-leads-top">
              <section className="score-card" aria-labelledby="matrix-head">
                <div className="score-card-head">
                  <span id="matrix-head">Lead grades</span>
                  <span className="score-card-hint">{run ? `${formatCount(run.prospects)} leads · click a cell to list its leads` : 'after the first score'}</span>
                </div>
                <GradeMatrixView grades={run?.grades ?? null} selected={mine ? s.grade : null} onSelect={(g) => filterGrade(projectId, g)} />
              </section>
              {run && (
                <div className="score-side score-side-narrow">
                <section className="score-card" aria-labelledby="engagement-head" data-testid="engagement-card">
                  <div className="score-card-head">
                    <span id="engagement-head">Engagement</span>
                  </div>
                  <div className="score-card-body">
                    {run.engagement.events > 0 ? (
                      <p>
                        {formatCount(run.engagement.events)} activity and campaign records matched {formatCount(run.engagement.leads)} leads; {formatCount(run.engagement.hot)} hot.
                      </p>
                    ) : (
                      <p className="muted" data-testid="engagement-none">
                        No activity or campaign records matched a lead, so every lead is 3 (no sign yet). Import web visits, form fills or campaign responses to
                        see hot leads.
                      </p>
                    )}
                    {run.response && (
                      <p>
                        Response model ({run.response.chosen === 'gbt' ? 'boosted trees' : 'logistic'}): AUC {run.response.auc.toFixed(2)} from {formatCount(run.response.mailed)} mailed,{' '}
                        {formatCount(run.response.responders)} responders.
                      </p>
                    )}
                    {run.notes.map((n) => (
                      <p key={n} className="muted">
                        {n}
                      </p>
                    ))}
                  </div>
                </section>
              {run.flags.length > 0 && (
                <section className="score-card" aria-labelledby="flags-head">
                  <div className="score-card-head">
                    <span id="flags-head">Flags raised</span>
                  </div>
                  <table className="score-table" data-testid="flag-counts">
                    <tbody>
                      {run.flags.map((f) => (
                        <tr key={f.rule}>
                          <td>{f.label}</td>
                          <td className="num">{formatCount(f.records)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              )}
                </div>
              )}
            </div>
            <LeadsTable
              page={leads}
              loading={s.leadsLoading}
              testId="all-leads"
              empty={leads?.scoredAt || run ? (s.grade ? `No ${s.grade} leads.` : 'No leads.') : 'Not scored yet: press Score leads.'}
              onPage={(offset) => void readLeads(projectId, offset)}
              caption={
                <span>
                  {s.grade ? (
                    <>
                      Grade <strong>{s.grade}</strong> ·{' '}
                      <button type="button" className="link-button" data-testid="grade-clear" onClick={() => filterGrade(projectId, null)}>
                        show every lead
                      </button>
                    </>
                  ) : (
                    'Every lead, best fit first'
                  )}
                </span>
              }
            />
          </div>
        ) : s.tab === 'ready' ? (
          <SalesReady
            settings={mine ? s.settings : null}
            page={ready}
            loading={s.readyLoading}
            scoring={scoring}
            exporting={exporting}
            onApply={(salesReady) => {
              askNotificationPermission();
              void saveAndScore({ salesReady }, 'the sales-ready rule');
            }}
            onPage={(offset) => void readReady(projectId, offset)}
            onExport={(crm) => void exportHandoff(crm)}
          />
        ) : (
          <RulesPane settings={mine ? s.settings : null} scoring={scoring} onSave={(patch, what) => saveScoreSettings(projectId, patch, what)} onRescore={score} />
        )}
      </div>
    </div>
  );
}
