// The status bar: the selected list's size, the cursor's cell, the engine connection and where the project lives.
import type { ListInfo } from '../../../src/api/contract';
import type { ConnectionState } from '../api/client-types';
import { formatCount, plural } from '../format';
import type { Cursor } from '../grid/grid-keys';

export function StatusBar({ list, cursor, location, connection }: { list: ListInfo | null; cursor: Cursor | null; location: string; connection: ConnectionState }) {
  const column = list && cursor ? list.columns[cursor.col]?.name : undefined;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-rows">{list ? `${plural(list.rowCount, 'row')} · ${plural(list.columns.length, 'column')}` : 'No list selected'}</span>
      {list && cursor && list.rowCount > 0 && (
        <span className="status-cursor" data-testid="status-cursor">
          Row {formatCount(cursor.row + 1)} · {column ?? `Column ${cursor.col + 1}`}
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
