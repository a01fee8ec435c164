// The columns panel: show or hide each column, move it left or right, pin the columns up to it, count its values as a facet.
import type { ColumnInfo } from '../../../src/api/contract';
import { FacetsIcon } from '../components/icons';
import { moveColumn, pinThrough, shownColumns, toggleColumn, defaultLayout, type ColumnLayout } from './column-layout';

export function ColumnsMenu(props: { columns: readonly ColumnInfo[]; layout: ColumnLayout; onChange: (layout: ColumnLayout) => void; onFacet: (col: number) => void }) {
  const { layout } = props;
  const shown = shownColumns(layout);
  const hidden = new Set(layout.hidden);
  return (
    <div className="columns-menu" data-testid="columns-menu">
      <div className="columns-menu-head">
        <span>
          {shown.length} of {props.columns.length} columns shown
          {layout.pinned > 0 && `, ${layout.pinned} pinned`}
        </span>
        <button type="button" className="link-button" data-testid="columns-reset" onClick={() => props.onChange(defaultLayout(props.columns.length))}>
          Reset
        </button>
      </div>
      <ul className="columns-menu-list">
        {layout.order.map((col) => {
          const c = props.columns[col];
          if (!c) return null;
          const at = shown.indexOf(col);
          const isPinned = at !== -1 && at < layout.pinned;
          return (
            <li key={col} className={hidden.has(col) ? 'columns-menu-item is-hidden' : 'columns-menu-item'} data-testid="columns-item" data-col={col}>
              <label className="columns-menu-name">
                <input type="checkbox" checked={!hidden.has(col)} data-testid="columns-show" onChange={() => props.onChange(toggleColumn(layout, col))} />
                <span>{c.name}</span>
              </label>
              <button type="button" className="icon-button" title="Move left" aria-label={`Move ${c.name} left`} disabled={at <= 0} onClick={() => props.onChange(moveColumn(layout, col, -1))}>
                ↑
              </button>
              <button type="button" className="icon-button" title="Move right" aria-label={`Move ${c.name} right`} disabled={at === -1 || at === shown.length - 1} onClick={() => props.onChange(moveColumn(layout, col, 1))}>
                ↓
              </button>
              <button
                type="button"
                className={isPinned ? 'icon-button is-on' : 'icon-button'}
                data-testid="columns-pin"
                title={layout.pinned === at + 1 ? 'Unpin the columns' : 'Pin the columns up to this one'}
                aria-label={`Pin through ${c.name}`}
                aria-pressed={isPinned}
                disabled={at === -1}
                onClick={() => props.onChange(pinThrough(layout, col))}
              >
                ⇤
              </button>
              <button type="button" className="icon-button" data-testid="columns-facet" title="Count this column's values in the facets panel" aria-label={`Facet on ${c.name}`} onClick={() => props.onFacet(col)}>
                <FacetsIcon />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
