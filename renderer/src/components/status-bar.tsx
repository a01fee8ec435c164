// The status bar: the selected list's size, the cursor's cell, the engine connection and where the project lives.
import type { ListInfo } from '../../../src/api/contract';
import type { ConnectionState } from '../api/client-types';
import { formatCount, plural } from '../format';
import type { GridCursor } from '../grid/data-grid';

interface Props {
  list: ListInfo | null;
  cursor: GridCursor | null;
  /** Rows in a filtered view ("2 of 5 rows"); undefined when the view shows the whole list. */
  viewRows?: number;
  location: string;
  connection: ConnectionState;
}

export function StatusBar({ list, cursor, viewRows, location, connection }: Props) {
  const column = list && cursor ? list.columns[cursor.col]?.name : undefined;
  const rows = list ? (viewRows === undefined ? plural(list.rowCount, 'row') : `${formatCount(viewRows)} of ${plural(list.rowCount, 'row')}`) : '';
  const shown = viewRows ?? list?.rowCount ?? 0;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-rows" data-filtered={viewRows === undefined ? undefined : 'true'}>
        {list ? `${rows} · ${plural(list.columns.length, 'column')}` : 'No list selected'}
      </span>
      {list && cursor && shown > 0 && (
        <span className="status-cursor" data-testid="status-cursor">
          Row {formatCount(cursor.rowNo ?? cursor.row + 1)} · {column ?? `Column ${cursor.col + 1}`}
        </span>
      )}
      {list?.sourceFile && <span className="status-muted">from {list.sourceFile}</span>}
      <span className="status-spacer" />
      {connection !== 'open' && (
        <span className="status-warning" data-testid="status-connection">
          {connection === 'connecting' ? 'Connecting…' : 'Reconnecting to the engine…'}
        </span>
      )}
      <span className="status-muted status-location" data-testid="status-location" title={location}>
        {/* The box is right-to-left so a long path loses its start, not its file name; the path itself stays left-to-right. */}
        <bdi dir="ltr">{location}</bdi>
      </span>
    </footer>
  );
}
