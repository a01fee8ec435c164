// The Mailing view's 16px icon (an envelope), drawn like the other inline icons.
export function MailingIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M2.5 4h11v8h-11zM2.5 4.5L8 9l5.5-4.5" />
    </svg>
  );
}
