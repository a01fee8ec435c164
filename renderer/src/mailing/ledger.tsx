// The mailing ledger: every exported mailing set (date, name, channel, recipients, file), newest first as the engine keeps it.
import type { MailingInfo } from '../../../src/api/contract';
import { formatCount } from '../format';
import { CHANNEL_LABELS } from './recipe-edit';

export function Ledger({ mailings }: { mailings: MailingInfo[] }) {
  if (mailings.length === 0) {
    return (
      <div className="empty-state mail-pane-empty" data-testid="ledger-empty">
        <p className="muted">No mailings yet. Each mailing set you export is recorded here, and “Not mailed in the last N days” and household limits count them.</p>
      </div>
    );
  }
  return (
    <div className="problems-table mail-ledger" data-testid="ledger">
      <table>
        <thead>
          <tr>
            <th>Date</th>
            <th>Mailing</th>
            <th>Channel</th>
            <th className="problems-num">Recipients</th>
            <th>From</th>
            <th>File</th>
          </tr>
        </thead>
        <tbody>
          {mailings.map((m) => (
            <tr key={m.mailingId} data-testid="ledger-row" data-mailing-id={m.mailingId}>
              <td className="mono">{m.mailedAt}</td>
              <td data-testid="ledger-name">{m.name}</td>
              <td>{CHANNEL_LABELS[m.channel]}</td>
              <td className="problems-num" data-testid="ledger-recipients">
                {formatCount(m.recipients)}
              </td>
              <td className="muted">{m.fromListName ?? '—'}</td>
              <td className="muted">{m.fileName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
