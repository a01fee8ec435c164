// What the Scoring view reads: pages of scored leads with each record in a few words.
import type { LeadRow, ListInfo } from '../api/contract';
import type { Db } from '../store/db';
import { lastScoredAt, leadPage } from '../store/scoring';
import { readRecord } from './match-review';
import { summaryOf } from './target-views';

const LIST_SHIFT = 4294967296;

export function leadRows(db: Db, lists: ReadonlyMap<number, ListInfo>, filter: { salesReadyOnly: boolean; grade?: string | undefined }, offset: number, limit: number): { total: number; leads: LeadRow[]; scoredAt: string | null } {
  const page = leadPage(db, filter, offset, limit);
  return {
    total: page.total,
    scoredAt: lastScoredAt(db),
    leads: page.leads.map((l) => {
      const listId = Math.floor(l.recordId / LIST_SHIFT);
      const rowNo = l.recordId % LIST_SHIFT;
      const list = lists.get(listId);
      let summary = '(the record is no longer in the project)';
      if (list) {
        try {
          summary = summaryOf(readRecord(db, list, rowNo).clean);
        } catch {
          summary = `(row ${rowNo} has not been cleaned since)`;
        }
      }
      return {
        listId,
        rowNo,
        listName: list?.name ?? '',
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
