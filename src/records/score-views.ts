// What the Scoring view reads: pages of scored leads with each record in a few words.
import type { LeadRow, ListInfo } from '../api/contract';
import type { Db } from '../store/db';
import { lastScoredAt, leadPage } from '../store/scoring';
import { recordSummary } from './target-views';

export function leadRows(db: Db, lists: ReadonlyMap<number, ListInfo>, filter: { salesReadyOnly: boolean; grade?: string | undefined }, offset: number, limit: number): { total: number; leads: LeadRow[]; scoredAt: string | null } {
  const page = leadPage(db, filter, offset, limit);
  return {
    total: page.total,
    scoredAt: lastScoredAt(db),
    leads: page.leads.map((l) => {
      const { listId, rowNo, summary } = recordSummary(db, lists, l.recordId);
      return {
        listId,
        rowNo,
        listName: lists.get(listId)?.name ?? '',
        summary,
        fit: l.fit,
        grade: l.grade,
        engagement: l.engagement as 1 | 2 | 3,
        reasons: JSON.parse(l.reasons) as string[],
        flags: JSON.parse(l.flags) as string[],
        salesReady: l.salesReady === 1,
      };
    }),
  };
}
