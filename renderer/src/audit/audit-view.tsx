// The List audit view: pick a bought list (and one to compare beside it), its price or CPM and the unit costs; Run (Ctrl+Enter)
// audits it as a job; the result shows per list the waterfall, the donut, cost per net-new record, the savings meter, missing
// fields and the ZIP3 map; "Save report…" writes the engine's self-contained HTML report.
import { useEffect, useMemo, useState } from 'react';
import type { AuditCosts, GeoSummary, ListAudit, ListInfo, ProjectInfo } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { ExportIcon } from '../components/icons';
import { RoleBadge } from '../components/role-badge';
import { formatCount, formatDateTime, formatDuration, safeFileName } from '../format';
import { MailingMap } from '../mailing/mailing-map';
import type { MapLayer } from '../mailing/map-scale';
import { useAppStore } from '../state/app-store';
import {
  auditableLists,
  commitPrice,
  loadAudit,
  parseDollars,
  priceOf,
  saveCosts,
  setAuditList,
  setCompareList,
  setPrice,
  useAuditStore,
  type PriceMode,
} from '../state/audit-store';
import { startAudit, useJobsStore } from '../state/jobs-store';
import { pushToast, reportError } from '../state/toast-store';
import { AuditDonut, AuditWaterfall, MissingFields, money, SavingsMeter } from './audit-charts';

export function AuditView({ project }: { project: ProjectInfo }) {
  const projectId = project.projectId;
  const s = useAuditStore();
  const mine = s.projectId === projectId;
  const running = useJobsStore((j) => j.jobs.some((x) => x.kind === 'audit' && x.projectId === projectId));
  const lists = useMemo(() => auditableLists(project.lists), [project.lists]);
  const list = lists.find((l) => l.id === s.listId) ?? null;
  const compare = lists.find((l) => l.id === s.compareId) ?? null;
  const run = mine ? s.run : null;
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void loadAudit(projectId, useAppStore.getState().project?.lists ?? []);
  }, [projectId]);

  const audited = [list, compare].filter((l): l is ListInfo => l !== null);
  const priceError = audited.some((l) => Number.isNaN(parseDollars(priceOf(s, l).text)));
  const blocked = lists.length === 0 ? 'Import a bought list first.' : !list ? 'Pick the list to audit.' : priceError ? 'The price is not a number.' : null;

  const runAudit = async () => {
    const st = useAuditStore.getState();
    const a = lists.find((l) => l.id === st.listId);
    const b = lists.find((l) => l.id === st.compareId);
    if (!a || running || blocked) return;
    // The prices go into each list's details (the compared list's price is read from there).
    for (const l of [a, b]) if (l && !(await commitPrice(projectId, l))) return;
    const pa = priceOf(st, a);
    const da = parseDollars(pa.text);
    const price = da === undefined || Number.isNaN(da) ? {} : pa.mode === 'total' ? { price: da } : { cpm: da };
    await startAudit({ projectId, listId: a.id, listName: a.name, ...(b ? { compareListId: b.id, compareName: b.name } : {}), ...price });
  };

  // Ctrl+Enter runs the audit from anywhere in the view (a dialog keeps its own keys).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      void runAudit();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const saveReport = () => {
    if (!run) return;
    const first = run.result.lists[0];
    setSaving(true);
    api()
      .pickSaveFile({ purpose: 'export', suggestedName: `${safeFileName(`Audit of ${first?.listName ?? 'list'}`)}.html` })
      .then(async (target) => {
        if (!target) return;
        const r = await api().invoke('audit.exportHtml', { projectId, jobId: run.jobId, file: { fileId: target.fileId } });
        await api().deliverFile({ fileId: target.fileId, name: r.fileName });
        pushToast({ tone: 'success', title: 'Audit report saved', message: `${r.fileName}: one page with inline charts and map, ready to print or e-mail.` });
      })
      .catch((err: unknown) => reportError('Could not save the audit report', err))
      .finally(() => setSaving(false));
  };

  return (
    <div className="audit" data-testid="audit-view">
      <div className="dup-bar mail-bar">
        <span className="dup-title">List audit</span>
        <span className="clean-sep" aria-hidden="true" />
        <label className="mail-inline">
          <span className="muted">Audit</span>
          <select className="input select mail-select" data-testid="audit-list" value={s.listId ?? ''} autoFocus onChange={(e) => setAuditList(Number(e.target.value))} disabled={lists.length === 0}>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.role}, {formatCount(l.rowCount)})
              </option>
            ))}
          </select>
        </label>
        <label className="mail-inline">
          <span className="muted">beside</span>
          <select
            className="input select mail-select"
            data-testid="audit-compare"
            value={s.compareId ?? ''}
            onChange={(e) => setCompareList(e.target.value === '' ? null : Number(e.target.value))}
            disabled={lists.length < 2}
          >
            <option value="">no other list</option>
            {lists
              .filter((l) => l.id !== s.listId)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.role})
                </option>
              ))}
          </select>
        </label>
        <button type="button" className="button button-primary button-small" data-testid="audit-run" disabled={Boolean(blocked) || running} onClick={() => void runAudit()} title="Audit the list (Ctrl+Enter)">
          {running ? 'Auditing…' : run ? 'Run again' : 'Run audit'}
        </button>
        {blocked && lists.length === 0 && (
          <span className="muted" data-testid="audit-blocked">
            {blocked}
          </span>
        )}
        <span className="clean-spacer" />
        <button type="button" className="button button-small" data-testid="audit-save-report" disabled={!run || saving} onClick={saveReport} title="Write the audit as one HTML page (charts and map inline; prints on Letter or A4)">
          <ExportIcon /> Save report…
        </button>
      </div>
      {mine && (
        <AuditSetup projectId={projectId} lists={audited} costs={s.costs} ranWith={run?.result.costs ?? null} running={running} onRun={() => void runAudit()} />
      )}
      <div className="audit-body">
        {!run ? (
          <div className="empty-state audit-empty" data-testid="audit-none">
            {s.loading ? (
              <span className="spinner" />
            ) : running ? (
              <>
                <span className="spinner" />
                <p>Auditing… duplicates, house-file overlap, earlier purchases, suppression, deliverability, area and recency.</p>
              </>
            ) : (
              <p className="muted">
                What is this bought list really worth? Run the audit: each record is counted once, at the first step that finds it — duplicates within
                the list, already in the house file, on an earlier purchase, suppressed, undeliverable, outside the target area, stale or recently mailed —
                and what is left is net-new mailable. Press <kbd>Ctrl</kbd>+<kbd>Enter</kbd>.
              </p>
            )}
          </div>
        ) : (
          <>
            <div className="audit-meta muted" data-testid="audit-meta">
              Audited {formatDateTime(run.result.createdAt)} in {formatDuration(run.result.seconds * 1000)} · target area:{' '}
              {run.result.target ? `${run.result.target.description}${run.result.target.recipeName ? ` (recipe “${run.result.target.recipeName}”)` : ''}` : 'none set (save a mailing recipe with a geography step)'} · stale after{' '}
              {run.result.staleMonths} months · recently mailed: {run.result.costs.recentDays} days
            </div>
            <div className={run.result.lists.length > 1 ? 'audit-columns is-two' : 'audit-columns'}>
              {run.result.lists.map((a) => (
                <AuditColumn key={a.listId} audit={a} />
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/** The price of each audited list and the project's unit costs, edited in place. */
function AuditSetup({ projectId, lists, costs, ranWith, running, onRun }: { projectId: string; lists: ListInfo[]; costs: AuditCosts | null; ranWith: AuditCosts | null; running: boolean; onRun: () => void }) {
  const price = useAuditStore((s) => s.price);
  const changed = costs && ranWith && (costs.printPerPiece !== ranWith.printPerPiece || costs.postagePerPiece !== ranWith.postagePerPiece || costs.recentDays !== ranWith.recentDays);
  return (
    <div className="audit-setup" data-testid="audit-setup">
      {lists.map((l) => {
        const p = priceOf({ price }, l);
        const bad = Number.isNaN(parseDollars(p.text));
        return (
          <div key={l.id} className="audit-setup-group" data-testid="audit-price" data-list-id={l.id}>
            <span className="audit-setup-name" title={l.name}>
              {l.name}
            </span>
            <RoleBadge role={l.role} />
            <span className="mail-seg" role="radiogroup" aria-label={`How “${l.name}” was priced`}>
              {(['total', 'cpm'] as PriceMode[]).map((m) => (
                <button
                  key={m}
                  type="button"
                  role="radio"
                  aria-checked={p.mode === m}
                  className="mail-seg-option"
                  data-testid={`audit-price-${m}`}
                  onClick={() => {
                    setPrice(l.id, { ...p, mode: m });
                    void commitPrice(projectId, l);
                  }}
                >
                  {m === 'total' ? 'Price' : 'CPM'}
                </button>
              ))}
            </span>
            <span className="audit-dollar">
              $
              <input
                className="input mail-num audit-money"
                data-testid="audit-price-input"
                inputMode="decimal"
                value={p.text}
                placeholder="none"
                aria-label={p.mode === 'total' ? `What “${l.name}” cost, in dollars` : `What “${l.name}” cost per thousand records, in dollars`}
                aria-invalid={bad}
                onChange={(e) => setPrice(l.id, { ...p, text: e.target.value })}
                onBlur={() => void commitPrice(projectId, l)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) void commitPrice(projectId, l);
                }}
              />
            </span>
          </div>
        );
      })}
      <span className="clean-sep" aria-hidden="true" />
      {costs && <UnitCosts key={`${costs.printPerPiece}:${costs.postagePerPiece}:${costs.recentDays}`} projectId={projectId} costs={costs} />}
      {changed && (
        <span className="audit-stale" data-testid="audit-costs-changed">
          The figures below use the costs of the last run.{' '}
          <button type="button" className="link-button" disabled={running} onClick={onRun}>
            Run again
          </button>
        </span>
      )}
    </div>
  );
}

/** Print and postage per piece and the "recently mailed" window: saved (audit.saveSettings) on Enter or when the field is left. */
function UnitCosts({ projectId, costs }: { projectId: string; costs: AuditCosts }) {
  const [text, setText] = useState({ print: String(costs.printPerPiece), postage: String(costs.postagePerPiece), days: String(costs.recentDays) });
  const print = parseDollars(text.print);
  const postage = parseDollars(text.postage);
  const days = /^\d+$/.test(text.days.trim()) ? Number(text.days) : NaN;
  const okPrint = print !== undefined && !Number.isNaN(print) && print <= 100;
  const okPostage = postage !== undefined && !Number.isNaN(postage) && postage <= 100;
  const okDays = days >= 1 && days <= 3650;
  const commit = () => {
    const next: Partial<AuditCosts> = {};
    if (okPrint && print !== costs.printPerPiece) next.printPerPiece = print;
    if (okPostage && postage !== costs.postagePerPiece) next.postagePerPiece = postage;
    if (okDays && days !== costs.recentDays) next.recentDays = days;
    if (Object.keys(next).length > 0) void saveCosts(projectId, next);
  };
  const field = (key: 'print' | 'postage' | 'days', label: string, ok: boolean, unit: string) => (
    <label className="mail-inline" key={key}>
      <span className="muted">{label}</span>
      {unit === '$' && <span className="audit-dollar-sign">$</span>}
      <input
        className="input mail-num"
        data-testid={`audit-cost-${key}`}
        inputMode="decimal"
        value={text[key]}
        aria-invalid={!ok}
        onChange={(e) => setText((t) => ({ ...t, [key]: e.target.value }))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            commit();
          }
        }}
      />
      {unit !== '$' && <span className="muted">{unit}</span>}
    </label>
  );
  return (
    <span className="audit-costs" role="group" aria-label="Unit costs">
      {field('print', 'Print', okPrint, '$')}
      {field('postage', 'Postage', okPostage, '$')}
      <span className="muted">per piece</span>
      {field('days', 'Recently mailed', okDays, 'days')}
    </span>
  );
}

/** One audited list: headline figures, waterfall, donut, savings, missing fields, map. */
function AuditColumn({ audit }: { audit: ListAudit }) {
  const [layer, setLayer] = useState<MapLayer>('prospects');
  const geo = useMemo<GeoSummary>(
    () => ({
      areas: audit.zip3.map((z) => ({ zip3: z.zip3, state: '', place: '', customers: 0, prospects: z.records, kept: z.netNew, target: z.inTarget === true })),
      circles: [],
      unplaced: { customers: 0, prospects: Math.max(0, audit.rows - audit.zip3.reduce((n, z) => n + z.records, 0)), kept: Math.max(0, audit.netNew - audit.zip3.reduce((n, z) => n + z.netNew, 0)) },
    }),
    [audit],
  );
  return (
    <section className="audit-column" data-testid="audit-column" data-list-id={audit.listId} aria-label={`Audit of ${audit.listName}`}>
      <div className="audit-head">
        <span className="audit-list-name" data-testid="audit-list-name">
          {audit.listName}
        </span>
        <RoleBadge role={audit.role} />
        <span className="muted">
          {[audit.vendor, audit.purchaseDate ? `bought ${audit.purchaseDate}` : null, `duplicates at ${audit.level} level`].filter(Boolean).join(' · ')}
        </span>
      </div>
      <div className="audit-kpis">
        <Kpi label="Rows" value={formatCount(audit.rows)} testId="audit-kpi-rows" />
        <Kpi label="Net-new mailable" value={formatCount(audit.netNew)} note={audit.rows > 0 ? `${((audit.netNew / audit.rows) * 100).toFixed(1)} % of rows` : undefined} testId="audit-kpi-net" strong />
        <Kpi
          label="Cost per net-new"
          value={audit.costPerNetNew === null ? '—' : money(audit.costPerNetNew)}
          note={audit.price ? `${money(audit.price.total)} paid · CPM ${money(audit.price.cpm)}` : 'no price given'}
          testId="audit-kpi-cost"
        />
        <Kpi label="Saved by cleaning" value={money(audit.savings.total)} note={`${formatCount(audit.savings.pieces)} pieces not mailed`} testId="audit-kpi-saved" />
      </div>
      <div className="score-card">
        <div className="score-card-head">
          Waterfall <span className="score-card-hint">each record counted once, at the first step that finds it</span>
        </div>
        <AuditWaterfall audit={audit} />
      </div>
      <div className="audit-pair">
        <div className="score-card">
          <div className="score-card-head">Where the rows went</div>
          <AuditDonut audit={audit} />
        </div>
        <div className="score-card">
          <div className="score-card-head">
            Missing fields <span className="score-card-hint">after cleaning</span>
          </div>
          <MissingFields audit={audit} />
          <div className="audit-verdicts muted">
            mailable {formatCount(audit.verdicts.mailable)} · e-mailable {formatCount(audit.verdicts.emailable)} · callable {formatCount(audit.verdicts.callable)} · quality{' '}
            {audit.verdicts.averageQuality.toFixed(1)}
          </div>
        </div>
      </div>
      <div className="score-card">
        <div className="score-card-head">
          Savings meter <span className="score-card-hint">pieces not printed or posted, at the unit costs above</span>
        </div>
        <SavingsMeter audit={audit} />
      </div>
      {audit.zip3.length > 0 && (
        <div className="score-card audit-map-card">
          <div className="score-card-head">
            Where the records are
            <span className="mail-seg audit-map-layers" role="radiogroup" aria-label="Colour the areas by">
              {(['prospects', 'kept'] as MapLayer[]).map((l) => (
                <button key={l} type="button" role="radio" aria-checked={layer === l} className="mail-seg-option" onClick={() => setLayer(l)}>
                  {l === 'prospects' ? 'Records' : 'Net-new'}
                </button>
              ))}
            </span>
          </div>
          <div className="audit-map">
            <MailingMap geo={geo} layer={layer} layerNames={{ prospects: 'Records', kept: 'Net-new' }} />
          </div>
        </div>
      )}
      {audit.notes.length > 0 && (
        <ul className="score-notes audit-notes">
          {audit.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Kpi({ label, value, note, testId, strong }: { label: string; value: string; note?: string | undefined; testId: string; strong?: boolean }) {
  return (
    <div className={strong ? 'audit-kpi is-strong' : 'audit-kpi'} data-testid={testId}>
      <span className="audit-kpi-label">{label}</span>
      <span className="audit-kpi-value">{value}</span>
      {note && <span className="audit-kpi-note">{note}</span>}
    </div>
  );
}
