// The list audit's figures for one list: the waterfall as bars (rows → each finding → net-new mailable), the donut of where
// the rows went, the savings meter and the missing-field counts. Every number is the engine's; the renderer only draws them.
import type { AuditStepKind, ListAudit, Savings } from '../../../src/api/contract';
import { formatCount } from '../format';

export const money = (n: number, digits = 2) => `$${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
const pct = (n: number, of: number) => (of > 0 ? `${((n / of) * 100).toFixed(1)} %` : '—');

/** The waterfall: one bar per step, as wide as its share of the list's rows (the engine's note names each earlier purchase). */
export function AuditWaterfall({ audit }: { audit: ListAudit }) {
  const width = (n: number) => `${audit.rows > 0 ? Math.max(n > 0 ? 0.8 : 0, (n / audit.rows) * 100) : 0}%`;
  return (
    <div className="mail-table audit-table" data-testid="audit-waterfall" data-list-id={audit.listId}>
      <table>
        <thead>
          <tr>
            <th>Step</th>
            <th className="num">In</th>
            <th className="audit-col-bar">Removed</th>
            <th className="num" title="Records with this finding, including those an earlier step already took">Found</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="audit-row" data-kind="rows" data-value={audit.rows}>
            <td>Rows in the list</td>
            <td className="num">{formatCount(audit.rows)}</td>
            <BarCell kind="rows" width={width(audit.rows)} label="100 %" labelClass="mail-removed-n muted" />
            <td className="num" />
          </tr>
          {audit.steps.map((s) => (
            <tr key={s.kind} data-testid="audit-row" data-kind={s.kind} data-in={s.in} data-removed={s.removed} data-found={s.found}>
              <td className="mail-step-cell">
                <span className="mail-step-label">{s.label}</span>
                {s.note && <span className="mail-step-note">{s.note}</span>}
              </td>
              <td className="num">{formatCount(s.in)}</td>
              <BarCell
                kind={s.kind}
                width={width(s.removed)}
                label={s.removed > 0 ? `−${formatCount(s.removed)}` : '0'}
                labelClass={s.removed > 0 ? 'mail-removed-n is-drop' : 'mail-removed-n muted'}
              />
              <td className="num muted">{formatCount(s.found)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="audit-net-new" data-value={audit.netNew}>
            <td>Net-new mailable</td>
            <td className="num">{formatCount(audit.netNew)}</td>
            <BarCell kind="net" width={width(audit.netNew)} label={pct(audit.netNew, audit.rows)} labelClass="mail-removed-n" />
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** One waterfall bar with its figure beside it. */
function BarCell(p: { kind: AuditStepKind | 'rows' | 'net'; width: string; label: string; labelClass: string }) {
  return (
    <td className="audit-col-bar">
      <span className="mail-removed">
        <span className="audit-bar">
          <span className={`audit-bar-fill is-${p.kind}`} style={{ width: p.width }} />
        </span>
        <span className={p.labelClass}>{p.label}</span>
      </span>
    </td>
  );
}

/** The donut of where the rows went: each step's removed records, and the net-new ones. */
export function AuditDonut({ audit }: { audit: ListAudit }) {
  const parts: { kind: AuditStepKind | 'net'; label: string; n: number }[] = [
    ...audit.steps.filter((s) => s.removed > 0).map((s) => ({ kind: s.kind, label: s.label, n: s.removed })),
    { kind: 'net' as const, label: 'Net-new mailable', n: audit.netNew },
  ];
  const r = 42;
  const c = 2 * Math.PI * r;
  let at = 0;
  return (
    <div className="audit-donut" data-testid="audit-donut">
      <svg viewBox="0 0 120 120" width="132" height="132" role="img" aria-label={`Where the ${formatCount(audit.rows)} rows went: ${parts.map((p) => `${p.label} ${formatCount(p.n)}`).join(', ')}`}>
        <circle cx="60" cy="60" r={r} className="audit-donut-track" />
        {audit.rows > 0 &&
          parts.map((p) => {
            const len = (p.n / audit.rows) * c;
            const el = <circle key={p.kind} cx="60" cy="60" r={r} className={`audit-donut-seg is-${p.kind}`} strokeDasharray={`${len} ${c - len}`} strokeDashoffset={-at} transform="rotate(-90 60 60)" />;
            at += len;
            return el;
          })}
        <text x="60" y="57" textAnchor="middle" className="audit-donut-n">
          {pct(audit.netNew, audit.rows).replace(' %', '%')}
        </text>
        <text x="60" y="72" textAnchor="middle" className="audit-donut-label">
          net-new
        </text>
      </svg>
      <ul className="audit-legend">
        {parts.map((p) => (
          <li key={p.kind}>
            <span className={`audit-swatch is-${p.kind}`} />
            <span className="audit-legend-label">{p.label}</span>
            <span className="audit-legend-n">{formatCount(p.n)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The savings meter: pieces not mailed at each step and the print and postage they would have cost. */
export function SavingsMeter({ audit }: { audit: ListAudit }) {
  const max = Math.max(1, ...audit.steps.map((s) => s.savings.total));
  const row = (label: string, s: Savings, kind: string, bar: boolean) => (
    <tr key={kind} data-testid="savings-row" data-kind={kind} data-pieces={s.pieces} data-total={s.total}>
      <td>{label}</td>
      <td className="num">{formatCount(s.pieces)}</td>
      <td className="num">{money(s.print)}</td>
      <td className="num">{money(s.postage)}</td>
      <td className="audit-col-save">
        {bar ? (
          <span className="mail-removed">
            <span className="audit-bar">
              <span className="audit-bar-fill is-save" style={{ width: `${(s.total / max) * 100}%` }} />
            </span>
            <span className="mail-removed-n">{money(s.total)}</span>
          </span>
        ) : (
          <span className="audit-save-total">{money(s.total)}</span>
        )}
      </td>
    </tr>
  );
  return (
    <div className="mail-table audit-table" data-testid="savings-meter">
      <table>
        <thead>
          <tr>
            <th>Not mailed because</th>
            <th className="num">Pieces</th>
            <th className="num">Print</th>
            <th className="num">Postage</th>
            <th className="audit-col-save">Saved</th>
          </tr>
        </thead>
        <tbody>{audit.steps.filter((s) => s.removed > 0).map((s) => row(s.label, s.savings, s.kind, true))}</tbody>
        <tfoot>{row('Saved by cleaning', audit.savings, 'total', false)}</tfoot>
      </table>
    </div>
  );
}

/** Records missing each field (after cleaning), with the share of the list. */
export function MissingFields({ audit }: { audit: ListAudit }) {
  return (
    <table className="audit-missing" data-testid="audit-missing">
      <tbody>
        {audit.missing.map((m) => (
          <tr key={m.field} data-field={m.field} data-value={m.records}>
            <td>{m.label}</td>
            <td className="audit-col-bar">
              <span className="audit-bar">
                <span className="audit-bar-fill is-missing" style={{ width: `${audit.rows > 0 ? (m.records / audit.rows) * 100 : 0}%` }} />
              </span>
            </td>
            <td className="num">{formatCount(m.records)}</td>
            <td className="num muted">{pct(m.records, audit.rows)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
