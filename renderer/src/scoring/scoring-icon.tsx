// The Scoring view's 16px icon (a target), drawn like the other inline icons.
export function ScoringIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" aria-hidden="true">
      <circle cx="8" cy="8" r="5.75" />
      <circle cx="8" cy="8" r="2.75" />
      <path d="M8 8l5.5-5.5M11 2.5h2.5V5" />
    </svg>
  );
}
