// The Rules tab: the tire-kicker and quality flags as switches in plain words, the keyword list and the stale age. Each change
// is saved at once; the leads carry the new flags after the next score.
import { useState } from 'react';
import { FLAG_RULES, type FlagRule, type ScoreSettings } from '../../../src/api/contract';
import { parseKeywords } from './rfm-edit';

export const FLAG_TEXT: Record<FlagRule, { label: string; hint: string }> = {
  free_email: { label: 'Free e-mail address (gmail, yahoo…)', hint: 'A business lead writing from a free mailbox is less likely to buy for a company.' },
  role_email: { label: 'Role address (info@, sales@…)', hint: 'Nobody in particular reads it.' },
  no_company: { label: 'No company', hint: 'Sales cannot qualify a lead without one.' },
  no_title: { label: 'No title', hint: 'No way to tell whether the person buys.' },
  keywords: { label: 'Student / competitor keywords', hint: 'A word below in the title or company flags the lead.' },
  invalid_address: { label: 'No deliverable address', hint: 'Cleaning found no mailable address.' },
  stale: { label: 'Stale: acquired over N months ago', hint: 'From the acquired date, when the list has one.' },
  responded_not_bought: { label: 'Responded but never bought', hint: 'Answered an earlier campaign (a responses list) and did not buy.' },
};

export interface RulesPaneProps {
  settings: ScoreSettings | null;
  onSave: (patch: Partial<ScoreSettings>, what: string) => Promise<boolean>;
  onRescore: () => void;
  scoring: boolean;
}

export function RulesPane({ settings, onSave, onRescore, scoring }: RulesPaneProps) {
  const [keywords, setKeywords] = useState((settings?.keywords ?? []).join('\n'));
  const [months, setMonths] = useState(String(settings?.staleMonths ?? 36));
  const [changed, setChanged] = useState(false);
  // New settings from the engine replace the drafts.
  const [seen, setSeen] = useState(settings);
  if (settings !== seen) {
    setSeen(settings);
    if (settings) {
      setKeywords(settings.keywords.join('\n'));
      setMonths(String(settings.staleMonths));
    }
  }
  if (!settings) return <div className="empty-state score-pane-empty"><span className="spinner" /></div>;

  const save = async (patch: Partial<ScoreSettings>, what: string) => {
    if (await onSave(patch, what)) setChanged(true);
  };
  const parsedKeywords = parseKeywords(keywords);
  const keywordsDirty = parsedKeywords.join('\n') !== settings.keywords.join('\n');
  const monthsN = Number(months);
  const monthsOk = Number.isInteger(monthsN) && monthsN >= 1 && monthsN <= 600;

  return (
    <div className="score-rules" data-testid="rules">
      <p className="mail-hint">Flags mark tire-kickers and records sales cannot use. A flagged lead keeps its fit but is not sales-ready unless the Sales-ready rule allows flagged leads.</p>
      <ul className="score-rule-list">
        {FLAG_RULES.map((r) => {
          const on = settings.flags[r] ?? false;
          return (
            <li key={r} className="score-rule-item" data-testid={`rule-${r}`}>
              <button
                type="button"
                role="switch"
                className="score-switch"
                aria-checked={on}
                aria-labelledby={`rule-${r}-label`}
                data-testid={`rule-${r}-switch`}
                onClick={() => void save({ flags: { ...settings.flags, [r]: !on } }, 'the flag rule')}
              >
                <span className="score-switch-knob" />
              </button>
              <div className="score-rule-text">
                <span id={`rule-${r}-label`} className="score-rule-name">
                  {r === 'stale' ? `Stale: acquired over ${settings.staleMonths} months ago` : FLAG_TEXT[r].label}
                </span>
                <span className="muted">{FLAG_TEXT[r].hint}</span>
                {r === 'keywords' && (
                  <div className="score-rule-extra">
                    <textarea
                      className="input mail-codes score-keywords"
                      aria-label="Keywords, one a line"
                      data-testid="rule-keywords-list"
                      rows={4}
                      value={keywords}
                      onChange={(e) => setKeywords(e.target.value)}
                    />
                    <button type="button" className="button button-small" data-testid="rule-keywords-save" disabled={!keywordsDirty} onClick={() => void save({ keywords: parsedKeywords }, 'the keywords')}>
                      Save {parsedKeywords.length} {parsedKeywords.length === 1 ? 'keyword' : 'keywords'}
                    </button>
                  </div>
                )}
                {r === 'stale' && (
                  <form
                    className="score-rule-extra mail-inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (monthsOk && monthsN !== settings.staleMonths) void save({ staleMonths: monthsN }, 'the stale age');
                    }}
                  >
                    <label htmlFor="rule-stale-months">Older than</label>
                    <input id="rule-stale-months" className="input score-num" type="number" min={1} max={600} data-testid="rule-stale-months" aria-invalid={!monthsOk} value={months} onChange={(e) => setMonths(e.target.value)} />
                    <span>months</span>
                    <button type="submit" className="button button-small" disabled={!monthsOk || monthsN === settings.staleMonths}>
                      Save
                    </button>
                  </form>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <EngagementRules settings={settings} onSave={save} />
      {changed && (
        <p className="score-rescore" data-testid="rules-changed">
          Rules saved. The leads show the new flags after the next score.{' '}
          <button type="button" className="button button-small" disabled={scoring} onClick={onRescore}>
            {scoring ? 'Scoring…' : 'Score leads now'}
          </button>
        </p>
      )}
    </div>
  );
}

/** How engagement decays and when a lead counts as hot; saved together. */
function EngagementRules({ settings, onSave }: { settings: ScoreSettings; onSave: (patch: Partial<ScoreSettings>, what: string) => Promise<void> }) {
  const e = settings.engagement;
  const [half, setHalf] = useState(String(e.halfLifeDays));
  const [hot, setHot] = useState(String(e.hotPoints));
  const [seen, setSeen] = useState(e);
  if (e !== seen) {
    setSeen(e);
    setHalf(String(e.halfLifeDays));
    setHot(String(e.hotPoints));
  }
  const halfN = Number(half);
  const hotN = Number(hot);
  const ok = half.trim() !== '' && hot.trim() !== '' && halfN >= 1 && halfN <= 3650 && hotN >= 0 && hotN <= 1000;
  const dirty = ok && (halfN !== e.halfLifeDays || hotN !== e.hotPoints);
  return (
    <form
      className="score-rule-list score-engagement"
      data-testid="rule-engagement"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (dirty) void onSave({ engagement: { ...e, halfLifeDays: halfN, hotPoints: hotN } }, 'the engagement settings');
      }}
    >
      <div className="score-rule-text">
        <span className="score-rule-name">Engagement</span>
        <span className="muted">Each activity (a form, a click, a visit, a response) earns points that halve with time; enough points make a lead hot (1).</span>
        <div className="score-rule-extra mail-inline">
          <label htmlFor="rule-half-life">Points halve every</label>
          <input id="rule-half-life" className="input score-num" type="number" min={1} max={3650} data-testid="rule-half-life" aria-invalid={!(halfN >= 1 && halfN <= 3650)} value={half} onChange={(ev) => setHalf(ev.target.value)} />
          <span>days; hot at</span>
          <input id="rule-hot-points" className="input score-num" type="number" min={0} max={1000} aria-label="Points that make a lead hot" data-testid="rule-hot-points" aria-invalid={!(hotN >= 0 && hotN <= 1000)} value={hot} onChange={(ev) => setHot(ev.target.value)} />
          <span>points</span>
          <button type="submit" className="button button-small" disabled={!dirty}>
            Save
          </button>
        </div>
      </div>
    </form>
  );
}
