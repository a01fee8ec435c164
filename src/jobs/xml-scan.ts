// A small, fast streaming XML tokenizer for the two big parts of a workbook (sheet data and shared strings); saxes reads the rest.
//
// Why not saxes everywhere: on a 200,000-row sheet saxes spends most of the read in per-character state machines.
// Sheet XML is machine-written and plain (no DTD, no entities beyond the predefined five and character references),
// so jumping from '<' to '>' with indexOf is exact. It still checks what matters: tags nest and close, entities are
// known, and the document does not end inside an element — anything else is "damaged", never a guess.

/** Reads the attributes of the element being opened; valid only during that open() call (nothing is allocated unless asked). */
export interface XmlAttributes {
  get(name: string): string | undefined;
  all(): Record<string, string>;
}

export interface XmlHandlers {
  /** An element opens. Self-closing elements also get a close call. */
  open(name: string, attrs: XmlAttributes): void;
  text(text: string): void;
  close(name: string): void;
}

export class XmlDamaged extends Error {}

/** The most the scanner holds back between chunks (a damaged or hostile part could otherwise grow it without end). */
export const MAX_HELD_CHARS = 16 << 20;

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);|&/g;

export function decodeXmlText(s: string): string {
  let t = s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
  if (t.indexOf('&') < 0) return t;
  t = t.replace(ENTITY, (m, e: string | undefined) => {
    if (e === undefined) throw new XmlDamaged('a bare "&" in text');
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!(cp >= 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0) throw new XmlDamaged(`bad character reference ${m}`);
    return String.fromCodePoint(cp);
  });
  return t;
}

/** Walks the attributes in s[from, to), calling back name and raw value bounds; stops when the callback returns true. */
function eachAttr(s: string, from: number, to: number, cb: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => boolean): void {
  let i = from;
  for (;;) {
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (i >= to) return;
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) throw new XmlDamaged('an attribute without a value');
    let ne = eq;
    while (ne > i && isSpace(s.charCodeAt(ne - 1))) ne--;
    let q = eq + 1;
    while (q < to && isSpace(s.charCodeAt(q))) q++;
    const quote = s.charCodeAt(q);
    if (quote !== 34 && quote !== 39) throw new XmlDamaged('an attribute value without quotes');
    const end = s.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (end < 0 || end >= to || ne === i) throw new XmlDamaged('an unterminated attribute');
    if (cb(i, ne, q + 1, end)) return;
    i = end + 1;
  }
}

const attrValue = (v: string) => (v.indexOf('&') < 0 && v.indexOf('\r') < 0 ? v : decodeXmlText(v));

class AttrReader implements XmlAttributes {
  s = '';
  from = 0;
  to = 0;
  get(name: string): string | undefined {
    let out: string | undefined;
    const { s } = this;
    eachAttr(s, this.from, this.to, (ns, ne, vs, ve) => {
      if (ne - ns !== name.length || !s.startsWith(name, ns)) return false;
      out = attrValue(s.slice(vs, ve));
      return true;
    });
    return out;
  }
  all(): Record<string, string> {
    const out: Record<string, string> = {};
    const { s } = this;
    eachAttr(s, this.from, this.to, (ns, ne, vs, ve) => {
      out[s.slice(ns, ne)] = attrValue(s.slice(vs, ve));
      return false;
    });
    return out;
  }
}

/** Feed text chunks in order; the last call passes final = true. Throws XmlDamaged on anything malformed. */
export class XmlScanner {
  private buf = '';
  private readonly stack: string[] = [];
  private seenRoot = false;
  private readonly attrs = new AttrReader();
  constructor(private readonly h: XmlHandlers) {}

  feed(chunk: string, final: boolean): void {
    const s = this.buf.length > 0 ? this.buf + chunk : chunk;
    const n = s.length;
    const h = this.h;
    let i = 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text runs to the end of the chunk. Hand over all but what may be cut (an entity without its ';', a CR that may
        // start a CRLF), so a text node of any length streams instead of piling up here.
        if (!final && this.stack.length > 0) {
          let keep = n;
          const amp = s.lastIndexOf('&');
          if (amp >= i && s.indexOf(';', amp) < 0) keep = amp;
          if (keep > i && s.charCodeAt(keep - 1) === 13) keep--;
          if (keep > i) {
            h.text(decodeXmlText(s.slice(i, keep)));
            i = keep;
          }
        }
        if (final) {
          if (i < n && s.slice(i).trim() !== '' && this.stack.length === 0) throw new XmlDamaged('text after the document');
          if (i < n && this.stack.length > 0) h.text(decodeXmlText(s.slice(i)));
          i = n;
        }
        break;
      }
      if (lt > i) {
        if (this.stack.length > 0) h.text(decodeXmlText(s.slice(i, lt)));
        else if (s.slice(i, lt).trim() !== '') throw new XmlDamaged('text outside the root element');
      }
      i = lt;
      const c = s.charCodeAt(lt + 1);
      if (Number.isNaN(c)) break; // '<' at the very end: wait for more
      if (c === 63 /* ? */) {
        const e = s.indexOf('?>', lt + 2);
        if (e < 0) break;
        i = e + 2;
        continue;
      }
      if (c === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const e = s.indexOf('-->', lt + 4);
          if (e < 0) break;
          i = e + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const e = s.indexOf(']]>', lt + 9);
          if (e < 0) break;
          if (this.stack.length === 0) throw new XmlDamaged('CDATA outside the root element');
          h.text(s.slice(lt + 9, e).replace(/\r\n?/g, '\n'));
          i = e + 3;
          continue;
        }
        if (n - lt < 9) break;
        throw new XmlDamaged('a DOCTYPE or unknown declaration');
      }
      // A tag: find its '>' outside quoted attribute values. Tags are short: a plain loop beats repeated indexOf calls.
      let e = -1;
      let quote = 0;
      for (let k = lt + 1; k < n; k++) {
        const ch = s.charCodeAt(k);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === 62 /* > */) {
          e = k;
          break;
        } else if (ch === 34 || ch === 39) quote = ch;
      }
      if (e < 0) {
        if (final) throw new XmlDamaged('the document ends inside a tag');
        break;
      }
      if (c === 47 /* / */) {
        const name = s.slice(lt + 2, e).trim();
        const open = this.stack.pop();
        if (open !== name) throw new XmlDamaged(`</${name}> closes <${open ?? 'nothing'}>`);
        h.close(name);
      } else {
        const selfClosing = s.charCodeAt(e - 1) === 47;
        const bodyEnd = selfClosing ? e - 1 : e;
        let k = lt + 1;
        while (k < bodyEnd && !isSpace(s.charCodeAt(k))) k++;
        if (k === lt + 1) throw new XmlDamaged('a tag without a name');
        const name = s.slice(lt + 1, k);
        if (this.stack.length === 0) {
          if (this.seenRoot) throw new XmlDamaged('a second root element');
          this.seenRoot = true;
        }
        const attrs = this.attrs;
        attrs.s = s;
        attrs.from = k;
        attrs.to = bodyEnd;
        h.open(name, attrs);
        if (selfClosing) h.close(name);
        else this.stack.push(name);
      }
      i = e + 1;
    }
    this.buf = i < n ? s.slice(i) : '';
    // What is held back is one unfinished tag, comment, CDATA section or entity: never megabytes in a real workbook.
    if (this.buf.length > MAX_HELD_CHARS) throw new XmlDamaged(`a tag, comment or CDATA section runs on for more than ${MAX_HELD_CHARS / (1 << 20)} MB`);
    if (final) {
      if (this.buf.length > 0 || this.stack.length > 0 || !this.seenRoot) throw new XmlDamaged('the document ends inside an element');
    }
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
