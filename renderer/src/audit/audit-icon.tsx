// The List audit view's 16px icon (a magnifier over a bar), drawn like the other inline icons.
export function AuditIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.3 10.3L14 14M5 8.5V7M7 8.5V5.5M9 8.5V6.5" />
    </svg>
  );
}
