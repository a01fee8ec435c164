// Covers the fast XML scanner used for sheet data and shared strings: it must see exactly what saxes (a conforming parser) sees, and refuse damage.
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { decodeXmlText, XmlDamaged, XmlScanner } from '../../../src/jobs/xml-scan';

type Ev = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

/** Events with adjacent text merged (parsers may split text anywhere). */
function merge(evs: Ev[]): Ev[] {
  const out: Ev[] = [];
  for (const e of evs) {
    const last = out[out.length - 1];
    if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
    else if (!(e[0] === 'text' && e[1] === '')) out.push(e[0] === 'text' ? ['text', e[1]] : e);
  }
  return out;
}

function scan(xml: string, cuts: number[]): Ev[] {
  const evs: Ev[] = [];
  const sc = new XmlScanner({ open: (n, a) => evs.push(['open', n, a.all()]), text: (t) => evs.push(['text', t]), close: (n) => evs.push(['close', n]) });
  const points = [...new Set(cuts.map((c) => c % (xml.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const p of points) {
    sc.feed(xml.slice(from, p), false);
    from = p;
  }
  sc.feed(xml.slice(from), true);
  return merge(evs);
}

function sax(xml: string): Ev[] {
  const evs: Ev[] = [];
  const p = new SaxesParser();
  // Whitespace outside the root element is not content; saxes reports it, the scanner skips it.
  let depth = 0;
  p.on('opentag', (t) => {
    depth++;
    evs.push(['open', t.name, { ...(t.attributes as Record<string, string>) }]);
  });
  p.on('text', (t) => depth > 0 && evs.push(['text', t]));
  p.on('cdata', (t) => evs.push(['text', t]));
  p.on('closetag', (t) => {
    depth--;
    evs.push(['close', t.name]);
  });
  p.write(xml).close();
  return merge(evs);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\n', '\r', '\r\n', '&', '<', '>', '"', "'", 'é', '東', '😀', '\t'), maxLength: 8 });
const piece: fc.Arbitrary<string> = fc.oneof(
  text.map(esc),
  fc.constantFrom('&#10;', '&#x1F600;', '&quot;', '&apos;', '<![CDATA[a<b&c]]>', '<!-- note -->', '<?pi x?>'),
);
const cell = fc.tuple(fc.constantFrom('c', 'x:c', 'v', 't', 'is'), fc.constantFrom('', ' r="A1"', " t='s'", ' s="1" t="inlineStr"', ' v="a&gt;b"', ' q="x>y"'), fc.array(piece, { maxLength: 3 }), fc.boolean()).map(
  ([name, attrs, body, selfClose]) => (selfClose ? `<${name}${attrs}/>` : `<${name}${attrs}>${body.join('')}</${name}>`),
);
const doc = fc.array(fc.oneof(cell, piece), { maxLength: 12 }).map((parts) => `<?xml version="1.0" encoding="UTF-8"?>\n<root xmlns:x="urn:x">${parts.join('')}</root>`);

describe('XmlScanner', () => {
  it('sees the same elements, attributes and text as saxes, however the input is cut into chunks (property)', () => {
    fc.assert(
      fc.property(doc, fc.array(fc.nat(), { maxLength: 6 }), (xml, cuts) => {
        expect(scan(xml, cuts)).toEqual(sax(xml));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['an unclosed element', '<root><c>1</c>'],
    ['mismatched tags', '<root><c>1</v></root>'],
    ['a bare ampersand', '<root>a & b</root>'],
    ['an unknown entity', '<root>&nbsp;</root>'],
    ['a cut tag', '<root><c r="A1'],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><root/>'],
    ['two roots', '<root/><root/>'],
    ['nothing', ''],
  ])('refuses %s', (_what, xml) => {
    expect(() => scan(xml, [])).toThrow(XmlDamaged);
  });

  it('decodes the predefined entities and character references, and normalizes line ends like XML', () => {
    expect(decodeXmlText('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x1F600; x\r\ny\rz')).toBe('a & b <c> "d" \'e\' é😀 x\ny\nz');
  });
});
