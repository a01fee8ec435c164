// The lead grade matrix: fit A-D down, engagement 1-3 across, a count in each cell (shaded by size); a cell filters the leads
// table to that grade, and clicking it again shows every lead.
import { formatCount } from '../format';
import { ENGAGEMENT_LABELS, ENGAGEMENT_LEVELS, FIT_LABELS, gradeMatrix } from './grade-matrix';

export function GradeMatrixView({ grades, selected, onSelect }: { grades: Record<string, number> | null; selected: string | null; onSelect: (grade: string | null) => void }) {
  const m = gradeMatrix(grades);
  return (
    <table className="score-matrix" data-testid="grade-matrix" data-total={m.total}>
      <thead>
        <tr>
          <th scope="col" className="score-matrix-corner">
            Fit ↓ · Engagement →
          </th>
          {ENGAGEMENT_LEVELS.map((e) => (
            <th key={e} scope="col">
              {ENGAGEMENT_LABELS[e]}
            </th>
          ))}
          <th scope="col" className="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {m.rows.map((r) => (
          <tr key={r.fit}>
            <th scope="row" className="score-matrix-fit">
              {FIT_LABELS[r.fit]}
            </th>
            {r.cells.map((c) => (
              <td key={c.grade}>
                <button
                  type="button"
                  className="score-cell"
                  aria-pressed={selected === c.grade}
                  aria-label={`${c.grade}: ${formatCount(c.count)} leads`}
                  data-testid="grade-cell"
                  data-grade={c.grade}
                  data-count={c.count}
                  style={{ ['--heat' as string]: String(c.heat) }}
                  onClick={() => onSelect(c.grade)}
                  title={`Show the ${c.grade} leads only (click again for all)`}
                >
                  <span className="score-cell-grade">{c.grade}</span>
                  <span className="score-cell-n">{formatCount(c.count)}</span>
                </button>
              </td>
            ))}
            <td className="num">{formatCount(r.total)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          {m.columnTotals.map((n, i) => (
            <td key={i} className="num">
              {formatCount(n)}
            </td>
          ))}
          <td className="num" data-testid="grade-total">
            {formatCount(m.total)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
