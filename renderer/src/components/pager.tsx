// Previous / Next over a paged list the engine serves: "101–200 of 1,234".
import { formatCount } from '../format';

export function Pager({ offset, shown, total, pageSize, onPage, testId }: { offset: number; shown: number; total: number; pageSize: number; onPage: (offset: number) => void; testId: string }) {
  const to = offset + shown;
  return (
    <span className="problems-pager" data-testid={`${testId}-pager`}>
      <span className="muted" data-testid={`${testId}-range`}>
        {formatCount(shown === 0 ? 0 : offset + 1)}–{formatCount(to)} of {formatCount(total)}
      </span>
      <button type="button" className="button button-small" data-testid={`${testId}-prev`} disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button type="button" className="button button-small" data-testid={`${testId}-next`} disabled={to >= total} onClick={() => onPage(offset + pageSize)}>
        Next
      </button>
    </span>
  );
}
