// Turns the bundled e-mail reference lists (resources/email/*.txt) into the Sets that normalizeEmail takes.

/** The reference sets normalizeEmail consults. Domains are lower-case ASCII (punycode for IDNs). */
export interface EmailLists {
  disposable: ReadonlySet<string>;
  freeMail: ReadonlySet<string>;
}

/** Empty lists: role/syntax/typo checks still work; nothing is marked disposable or free-mail. */
export const EMPTY_EMAIL_LISTS: EmailLists = { disposable: new Set(), freeMail: new Set() };

/** Parses a list file: one domain a line, '#' comments, blank lines ignored, entries lower-cased. Pure. */
export function parseDomainList(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const entry = line.replace(/#.*/, '').trim().toLowerCase().replace(/\.$/, '');
    if (entry) out.add(entry);
  }
  return out;
}
