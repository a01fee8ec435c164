// The filter builder: conditions that must all hold (column or worked-out value, operator, value), edited as a draft and
// applied together (Enter or Apply), so the engine works the view out once.
import { useMemo, useState } from 'react';
import type { ColumnInfo, FilterOp, GridCondition, GridTarget } from '../../../src/api/contract';
import { CloseIcon, PlusIcon } from '../components/icons';
import { conditionComplete, opLabel, opsFor, targetOptions, type TargetOption } from './view-targets';

interface Draft {
  key: string;
  op: FilterOp;
  value: string;
  to: string;
}

function toDraft(c: GridCondition, options: readonly TargetOption[]): Draft {
  const key = options.find((o) => JSON.stringify(o.target) === JSON.stringify(c.target))?.key ?? options[0]?.key ?? '';
  return { key, op: c.op, value: c.value === undefined ? '' : String(c.value), to: c.to === undefined ? '' : String(c.to) };
}

function fromDraft(d: Draft, options: readonly TargetOption[]): GridCondition | null {
  const target: GridTarget | undefined = options.find((o) => o.key === d.key)?.target;
  if (!target) return null;
  const c: GridCondition = { target, op: d.op };
  if (d.op !== 'isEmpty' && d.op !== 'isNotEmpty') c.value = d.value.trim();
  if (d.op === 'between') c.to = d.to.trim();
  return conditionComplete(c) ? c : null;
}

export function FilterBuilder(props: {
  columns: readonly ColumnInfo[];
  cleaned: boolean;
  conditions: readonly GridCondition[];
  issueKinds: readonly { code: string; label: string }[];
  onApply: (conditions: GridCondition[]) => void;
}) {
  const options = useMemo(() => targetOptions(props.columns, props.cleaned), [props.columns, props.cleaned]);
  const blank = (): Draft => ({ key: options[0]?.key ?? '', op: 'contains', value: '', to: '' });
  const [drafts, setDrafts] = useState<Draft[]>(() => (props.conditions.length > 0 ? props.conditions.map((c) => toDraft(c, options)) : [blank()]));
  const set = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const ready = drafts.map((d) => fromDraft(d, options));
  const incomplete = ready.some((c, i) => c === null && drafts[i]!.value.trim() !== '');
  const apply = () => props.onApply(ready.filter((c): c is GridCondition => c !== null));

  return (
    <form
      className="filter-builder"
      data-testid="filter-builder"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div className="filter-builder-head">Show rows where all of these hold</div>
      {drafts.map((d, i) => {
        const target = options.find((o) => o.key === d.key)?.target;
        const ops = target ? opsFor(target) : [];
        const isIssue = target !== undefined && 'clean' in target && target.clean === 'issue';
        const yesNo = target !== undefined && 'clean' in target && ['mailable', 'emailable', 'callable'].includes(target.clean);
        const needsValue = d.op !== 'isEmpty' && d.op !== 'isNotEmpty';
        return (
          <div className="filter-row" key={i} data-testid="filter-row">
            <select
              aria-label="Field"
              data-testid="filter-target"
              value={d.key}
              onChange={(e) => {
                const t = options.find((o) => o.key === e.target.value)?.target;
                const nextOps = t ? opsFor(t) : [];
                set(i, { key: e.target.value, op: nextOps.includes(d.op) ? d.op : (nextOps[0] ?? 'contains'), value: '' });
              }}
            >
              {(['Columns', 'Worked out'] as const).map((g) => {
                const inGroup = options.filter((o) => o.group === g);
                return inGroup.length === 0 ? null : (
                  <optgroup key={g} label={g}>
                    {inGroup.map((o) => (
                      <option key={o.key} value={o.key}>
                        {o.label}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
            <select aria-label="Condition" data-testid="filter-op" value={d.op} onChange={(e) => set(i, { op: e.target.value as FilterOp })}>
              {ops.map((op) => (
                <option key={op} value={op}>
                  {target ? opLabel(target, op) : op}
                </option>
              ))}
            </select>
            {needsValue &&
              (isIssue ? (
                <select aria-label="Issue kind" data-testid="filter-value" value={d.value} onChange={(e) => set(i, { value: e.target.value })}>
                  <option value="">Choose…</option>
                  {props.issueKinds.map((k) => (
                    <option key={k.code} value={k.code}>
                      {k.label}
                    </option>
                  ))}
                </select>
              ) : yesNo ? (
                <select aria-label="Value" data-testid="filter-value" value={d.value} onChange={(e) => set(i, { value: e.target.value })}>
                  <option value="">Choose…</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
              ) : (
                <input aria-label="Value" data-testid="filter-value" className="input input-small" value={d.value} placeholder={d.op === 'between' ? 'from' : 'value'} onChange={(e) => set(i, { value: e.target.value })} />
              ))}
            {d.op === 'between' && <input aria-label="Up to" data-testid="filter-to" className="input input-small" value={d.to} placeholder="to" onChange={(e) => set(i, { to: e.target.value })} />}
            <button type="button" className="button button-icon button-small" aria-label="Remove this condition" title="Remove this condition" onClick={() => setDrafts((ds) => (ds.length === 1 ? [blank()] : ds.filter((_, j) => j !== i)))}>
              <CloseIcon />
            </button>
          </div>
        );
      })}
      <div className="filter-builder-foot">
        <button type="button" className="link-button" data-testid="filter-add" onClick={() => setDrafts((ds) => [...ds, blank()].slice(0, 20))}>
          <PlusIcon /> Add condition
        </button>
        <span className="filter-builder-spacer" />
        {incomplete && <span className="muted">Finish or remove the incomplete condition.</span>}
        <button type="button" className="button button-small button-quiet" data-testid="filter-clear" onClick={() => props.onApply([])}>
          Clear
        </button>
        <button type="submit" className="button button-small button-primary" data-testid="filter-apply" disabled={incomplete}>
          Apply
        </button>
      </div>
    </form>
  );
}
