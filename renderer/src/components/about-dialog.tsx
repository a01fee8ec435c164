// About Winnow: version, the not-CASS statement and the third-party data notices (GeoNames, zipcodes, nicknames), as the engine ships them.
import { useEffect, useState } from 'react';
import { api } from '../api/create-client';
import { ModalDialog } from './modal-dialog';

/** The notices file is plain markdown: headings and paragraphs are enough to read it comfortably (emphasis marks dropped). */
function blocks(text: string) {
  return text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b, i) => {
      const plain = b.replace(/\*\*|`/g, '').replace(/(^|\s)\*(\S[^*]*\S)\*/g, '$1$2');
      if (plain.startsWith('## ')) return <h4 key={i}>{plain.slice(3)}</h4>;
      if (plain.startsWith('# ')) return <h3 key={i}>{plain.slice(2)}</h3>;
      return <p key={i}>{plain.replace(/\s*\n\s*/g, ' ')}</p>;
    });
}

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [version, setVersion] = useState('');
  useEffect(() => {
    void api()
      .invoke('app.notices', {})
      .then((r) => setText(r.text))
      .catch((e: Error) => setText(`The notices could not be read: ${e.message}`));
    void api()
      .invoke('app.info', {})
      .then((r) => setVersion(r.version))
      .catch(() => undefined);
  }, []);
  return (
    <ModalDialog
      title={`About Winnow${version ? ` ${version}` : ''}`}
      testId="about-dialog"
      onCancel={onClose}
      wide
      footer={
        <button type="button" className="button button-primary" data-testid="about-close" onClick={onClose} autoFocus>
          Close
        </button>
      }
    >
      <div className="about-notices" data-testid="about-notices">
        {text === null ? <p className="muted">Loading…</p> : blocks(text)}
      </div>
    </ModalDialog>
  );
}
