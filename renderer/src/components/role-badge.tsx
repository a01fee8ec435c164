// The coloured tag that says what a list is for.
import type { ListRole } from '../../../src/api/contract';

export const ROLE_LABELS: Record<ListRole, string> = {
  prospects: 'Prospects',
  customers: 'Customers',
  suppression: 'Suppression',
  responses: 'Responses',
};

export const ROLE_HINTS: Record<ListRole, string> = {
  prospects: 'People you may mail: bought or rented lists.',
  customers: 'Your house file: people who already bought.',
  suppression: 'People never to mail: do-not-mail, deceased, returns.',
  responses: 'People who answered a past mailing.',
};

export function RoleBadge({ role }: { role: ListRole }) {
  return (
    <span className={`role-badge role-${role}`} data-testid="role-badge" data-role={role}>
      {ROLE_LABELS[role]}
    </span>
  );
}
