// The facets panel: value counts of a few fields over the current view, as OpenRefine shows them. Clicking a value narrows
// the grid to it (several values of one facet: any of them; several facets: all); counts come from the engine.
import { useEffect, useMemo, useState } from 'react';
import type { ColumnInfo, FacetResult, GridTarget, GridView } from '../../../src/api/contract';
import { api } from '../api/create-client';
import { CloseIcon } from '../components/icons';
import { formatCount } from '../format';
import { reportError } from '../state/toast-store';
import { sameTarget, targetKey, type FacetSelection } from '../state/grid-view-store';
import { facetValueLabel, targetLabel } from './view-targets';

export function FacetsPanel(props: {
  projectId: string;
  listId: number;
  columns: readonly ColumnInfo[];
  targets: readonly GridTarget[];
  /** The view without the facet picks is worked out by the engine per facet; this is the whole view. */
  view: GridView | undefined;
  issue?: string;
  selection: readonly FacetSelection[];
  /** Changes when the list's values changed (an edit, a clean): counts are read again. */
  revision: string;
  removable: (t: GridTarget) => boolean;
  onPick: (target: GridTarget, value: string) => void;
  onClear: (target: GridTarget) => void;
  onRemove: (target: GridTarget) => void;
  onClose: () => void;
}) {
  const [result, setResult] = useState<{ sig: string; facets: FacetResult[]; ms: number } | null>(null);
  const viewSig = JSON.stringify([props.view, props.targets, props.revision, props.issue]);
  // Counting: the counts shown are of another view (kept, dimmed, until the new ones come).
  const loading = result?.sig !== viewSig;
  const { projectId, listId } = props;

  useEffect(() => {
    let live = true;
    const view = props.view ?? { filters: [], sort: [], search: '' };
    // The older issue filter of the clean bar narrows the facets too.
    const withIssue: GridView = props.issue ? { ...view, filters: [...(view.filters ?? []), { target: { clean: 'issue' }, op: 'equals', value: props.issue }] } : view;
    api()
      .invoke('lists.facets', { projectId, listId, view: withIssue, facets: props.targets.map((target) => ({ target, limit: 12 })) })
      .then(
        (r) => {
          if (live) setResult({ sig: viewSig, facets: r.facets, ms: r.ms });
        },
        (err: unknown) => {
          if (live) {
            setResult((old) => (old ? { ...old, sig: viewSig } : { sig: viewSig, facets: [], ms: 0 }));
            reportError('Could not count the values', err);
          }
        },
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- viewSig stands for the view, targets and revision
  }, [projectId, listId, viewSig]);

  const picked = useMemo(() => new Map(props.selection.map((f) => [targetKey(f.target), new Set(f.values)])), [props.selection]);

  return (
    <aside className="facets" data-testid="facets-panel" aria-label="Facets" data-loading={loading ? 'true' : undefined}>
      <div className="facets-head">
        <span className="facets-title">Facets</span>
        {result && <span className="muted facets-ms">{result.ms < 1 ? '<1' : Math.round(result.ms)} ms</span>}
        <button type="button" className="button button-icon button-small" aria-label="Close the facets" title="Close the facets" onClick={props.onClose}>
          <CloseIcon />
        </button>
      </div>
      <div className="facets-body">
        {props.targets.map((t) => {
          const f = result?.facets.find((x) => sameTarget(x.target, t));
          const sel = picked.get(targetKey(t));
          const max = Math.max(1, ...(f?.values.map((v) => v.count) ?? [1]));
          return (
            <section key={targetKey(t)} className="facet" data-testid="facet" data-target={targetKey(t)}>
              <div className="facet-head">
                <span className="facet-label">{f?.label ?? targetLabel(t, props.columns)}</span>
                {sel && (
                  <button type="button" className="link-button" data-testid="facet-clear" onClick={() => props.onClear(t)}>
                    clear
                  </button>
                )}
                {props.removable(t) && (
                  <button type="button" className="icon-button" aria-label="Remove this facet" title="Remove this facet" onClick={() => props.onRemove(t)}>
                    <CloseIcon />
                  </button>
                )}
              </div>
              {!f ? (
                <div className="facet-empty muted">{loading ? 'Counting…' : 'No values.'}</div>
              ) : f.values.length === 0 ? (
                <div className="facet-empty muted">No values in this view.</div>
              ) : (
                <ul className="facet-values">
                  {f.values.map((v) => {
                    const on = sel?.has(v.value) ?? false;
                    return (
                      <li key={v.value}>
                        <button
                          type="button"
                          className={on ? 'facet-value is-on' : 'facet-value'}
                          data-testid="facet-value"
                          data-value={v.value}
                          data-count={v.count}
                          aria-pressed={on}
                          title={`${formatCount(v.count)} of ${formatCount(f.total)} records — click to ${on ? 'stop showing only these' : 'show only these'}`}
                          onClick={() => props.onPick(t, v.value)}
                        >
                          <span className="facet-bar" style={{ width: `${(v.count / max) * 100}%` }} aria-hidden="true" />
                          <span className="facet-value-label">{v.label ?? facetValueLabel(t, v.value)}</span>
                          <span className="facet-value-count">{formatCount(v.count)}</span>
                        </button>
                      </li>
                    );
                  })}
                  {f.other.values > 0 && (
                    <li className="facet-other muted">
                      + {formatCount(f.other.values)} more values ({formatCount(f.other.count)} records)
                    </li>
                  )}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </aside>
  );
}
