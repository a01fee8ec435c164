// The recipe builder's pure helpers: the code lists people type, the numbers they type, a draft turned into the contract's step
// (or a sentence saying what is missing), a recipe round-tripping through drafts, and the move / remove edits.
import { describe, expect, it } from 'vitest';
import { targetRecipeSchema, type TargetStep } from '../../src/api/contract';
import {
  buildRecipe,
  buildStep,
  describeBestAreas,
  describeDraft,
  draftFromStep,
  isoDay,
  mailFromOrder,
  moveStep,
  newStep,
  parseCodes,
  parseMiles,
  parseWhole,
  removeStep,
  sameRecipe,
  STEP_MENU,
  updateStep,
  type StepDraft,
} from '../../renderer/src/mailing/recipe-edit';

describe('parseCodes', () => {
  it.each([
    ['states', 'NV, CA', ['NV', 'CA'], []],
    ['states', 'nv ca;OR\nwa', ['NV', 'CA', 'OR', 'WA'], []],
    ['states', ' nv,, NV , Nv ', ['NV'], []],
    ['states', 'Nevada, CA, C', ['CA'], ['Nevada', 'C']],
    ['zip3', '895, 961 100', ['895', '961', '100'], []],
    ['zip3', '089;89;8950', ['089'], ['89', '8950']],
    ['zips', '89501 89502-1234, 02134', ['89501', '89502', '02134'], []],
    ['zips', '8950 895011 abcde', [], ['8950', '895011', 'abcde']],
    ['zips', '', [], []],
  ] as const)('%s %j → %j (invalid %j)', (kind, text, codes, invalid) => {
    expect(parseCodes(text, kind)).toEqual({ codes, invalid });
  });
});

describe('numbers typed in the forms', () => {
  it.each([
    ['90', 1, 3650, 90],
    [' 1,000 ', 1, 3650, 1000],
    ['0', 1, 3650, null],
    ['3651', 1, 3650, null],
    ['12.5', 1, 100, null],
    ['-3', 1, 100, null],
    ['', 1, 100, null],
  ])('parseWhole(%j, %d, %d) = %j', (text, min, max, out) => {
    expect(parseWhole(text, min, max)).toBe(out);
  });

  it.each([
    ['25', 25],
    ['12.5', 12.5],
    ['.5', 0.5],
    ['5,000', 5000],
    ['5001', null],
    ['0', null],
    ['ten', null],
    ['1e3', null],
  ])('parseMiles(%j) = %j', (text, out) => {
    expect(parseMiles(text)).toBe(out);
  });
});

describe('buildStep', () => {
  const lists = [
    { id: 1, role: 'prospects' as const },
    { id: 2, role: 'suppression' as const },
    { id: 3, role: 'suppression' as const },
  ];

  it('a new suppression step preselects the suppression lists; with none picked it says so', () => {
    const s = newStep('suppress', 1, lists);
    expect(buildStep(s)).toEqual({ ok: true, step: { kind: 'suppress', listIds: [2, 3], level: 'auto' } });
    expect(buildStep(newStep('suppress', 1, [lists[0]!]))).toEqual({ ok: false, error: 'Pick at least one list to suppress.' });
  });

  it.each<[StepDraft, ReturnType<typeof buildStep>]>([
    [{ id: 1, kind: 'states', mode: 'exclude', text: 'nv, ca' }, { ok: true, step: { kind: 'states', mode: 'exclude', states: ['NV', 'CA'] } }],
    [{ id: 1, kind: 'states', mode: 'include', text: '' }, { ok: false, error: 'Type one or more state codes, e.g. NV, CA.' }],
    [{ id: 1, kind: 'zip3', mode: 'include', text: '895 96' }, { ok: false, error: 'Not three digits: 96.' }],
    [{ id: 1, kind: 'zips', mode: 'include', text: '1 2 3 4 5' }, { ok: false, error: 'Not five digits: 1, 2, 3 and 2 more.' }],
    [{ id: 1, kind: 'radius', mode: 'include', center: ' 89501 ', miles: '25' }, { ok: true, step: { kind: 'radius', center: '89501', miles: 25, mode: 'include' } }],
    [{ id: 1, kind: 'radius', mode: 'include', center: '89', miles: '25' }, { ok: false, error: 'Type a ZIP code or an address with a ZIP.' }],
    [{ id: 1, kind: 'radius', mode: 'exclude', center: '89501', miles: '0' }, { ok: false, error: 'Miles: a number above 0, up to 5,000.' }],
    [{ id: 1, kind: 'notMailed', days: '90', channels: [] }, { ok: true, step: { kind: 'notMailed', days: 90 } }],
    [{ id: 1, kind: 'notMailed', days: '30', channels: ['email'] }, { ok: true, step: { kind: 'notMailed', days: 30, channels: ['email'] } }],
    [{ id: 1, kind: 'notMailed', days: 'x', channels: [] }, { ok: false, error: 'Days: a whole number from 1 to 3,650.' }],
    [{ id: 1, kind: 'householdLimit', pieces: '2', days: '30' }, { ok: true, step: { kind: 'householdLimit', pieces: 2, days: 30 } }],
    [{ id: 1, kind: 'householdLimit', pieces: '0', days: '30' }, { ok: false, error: 'Pieces: a whole number from 1 to 100.' }],
    [{ id: 1, kind: 'multiBuyers', minLists: '1' }, { ok: false, error: 'Lists: a whole number from 2 to 100.' }],
    [{ id: 1, kind: 'mailable' }, { ok: true, step: { kind: 'mailable' } }],
  ])('%j', (draft, out) => {
    expect(buildStep(draft)).toEqual(out);
  });

  it('every kind of the Add step menu starts as a draft; those that need nothing typed build a step the contract accepts', () => {
    for (const m of STEP_MENU) {
      const c = buildStep(newStep(m.kind, 1, lists));
      if (c.ok) expect(targetRecipeSchema.safeParse({ fromListId: 1, steps: [c.step] }).success).toBe(true);
      else expect(['states', 'zip3', 'zips', 'radius']).toContain(m.kind);
    }
  });
});

describe('buildRecipe', () => {
  it('needs the list to mail from, and names the first step that is not ready', () => {
    expect(buildRecipe(null, [])).toEqual({ ok: false, error: 'Choose the list to mail from.' });
    const steps: StepDraft[] = [newStep('customers', 7), { id: 8, kind: 'radius', mode: 'include', center: '', miles: '25' }];
    expect(buildRecipe(1, steps)).toEqual({ ok: false, error: 'Step 2 (Radius): Type a ZIP code or an address with a ZIP.', stepId: 8 });
    expect(buildRecipe(1, [])).toEqual({ ok: true, recipe: { fromListId: 1, steps: [] } });
  });

  it('a recipe survives the trip through drafts unchanged', () => {
    const recipe: TargetStep[] = [
      { kind: 'suppress', listIds: [3], level: 'household' },
      { kind: 'customers', mode: 'only', level: 'auto' },
      { kind: 'states', mode: 'exclude', states: ['NV', 'CA'] },
      { kind: 'zip3', mode: 'include', zip3: ['895'] },
      { kind: 'zips', mode: 'include', zips: ['89501', '89502'] },
      { kind: 'radius', center: '12 Main St, Reno NV 89501', miles: 12.5, mode: 'exclude' },
      { kind: 'notMailed', days: 90, channels: ['direct-mail'] },
      { kind: 'notMailed', days: 30 },
      { kind: 'householdLimit', pieces: 1, days: 30 },
      { kind: 'mailable' },
      { kind: 'multiBuyers', minLists: 3 },
    ];
    const drafts = recipe.map((s, i) => draftFromStep(s, i + 1));
    expect(buildRecipe(4, drafts)).toEqual({ ok: true, recipe: { fromListId: 4, steps: recipe } });
  });
});

describe('edits', () => {
  const a = { id: 1, v: 'a' };
  const b = { id: 2, v: 'b' };
  const c = { id: 3, v: 'c' };

  it.each([
    [0, 1, [b, a, c]],
    [2, -1, [a, c, b]],
    [1, -5, [b, a, c]],
    [1, 9, [a, c, b]],
    [0, -1, [a, b, c]],
    [2, 1, [a, b, c]],
    [-1, 1, [a, b, c]],
  ])('moveStep(from %d by %d)', (from, delta, out) => {
    expect(moveStep([a, b, c], from, delta)).toEqual(out);
  });

  it('a move that cannot happen returns the same array (no re-render)', () => {
    const steps = [a, b];
    expect(moveStep(steps, 0, -1)).toBe(steps);
  });

  it('removeStep and updateStep act on one step by id; the kind and id never change', () => {
    expect(removeStep([a, b, c], 2)).toEqual([a, c]);
    const drafts: StepDraft[] = [newStep('radius', 1), newStep('mailable', 2)];
    const out = updateStep(drafts, 1, { miles: '50', kind: 'mailable', id: 9 } as Partial<StepDraft>);
    expect(out[0]).toEqual({ id: 1, kind: 'radius', mode: 'include', center: '', miles: '50' });
    expect(out[1]).toBe(drafts[1]);
  });
});

describe('words', () => {
  it.each<[StepDraft, string]>([
    [{ id: 1, kind: 'radius', mode: 'include', center: '89501', miles: '25' }, 'Within 25 mi of 89501'],
    [{ id: 1, kind: 'radius', mode: 'exclude', center: '', miles: '' }, 'Farther than ? mi of ?'],
    [{ id: 1, kind: 'states', mode: 'exclude', text: 'NV' }, 'Not in 1 state'],
    [{ id: 1, kind: 'zip3', mode: 'include', text: '895, 961, 895' }, 'Only 2 ZIP3 areas'],
    [{ id: 1, kind: 'notMailed', days: '90', channels: ['email', 'direct-mail'] }, 'Not mailed in the last 90 days (E-mail, Direct mail)'],
    [{ id: 1, kind: 'suppress', listIds: [2], level: 'auto' }, 'DNC · auto level'],
  ])('describeDraft(%j) = %j', (d, out) => {
    expect(describeDraft(d, (id) => (id === 2 ? 'DNC' : '?'))).toBe(out);
  });

  it('best areas read as a share of the total, whatever unit the engine gives the share in', () => {
    expect(describeBestAreas({ zip3: ['895', '961'], by: 'customers', covered: 402, total: 500 })).toBe('2 areas hold 80.4 % of customers');
    expect(describeBestAreas({ zip3: ['895'], by: 'amount', covered: 1, total: 3 })).toBe('1 area holds 33.3 % of purchase amount');
    expect(describeBestAreas({ zip3: [], by: 'customers', covered: 0, total: 0 })).toBe('0 areas hold 0.0 % of customers');
  });

  it('lists to mail from: prospects first, in project order', () => {
    const lists = [
      { id: 1, role: 'customers' },
      { id: 2, role: 'suppression' },
      { id: 3, role: 'prospects' },
      { id: 4, role: 'responses' },
      { id: 5, role: 'prospects' },
    ] as const;
    expect(mailFromOrder([...lists]).map((l) => l.id)).toEqual([3, 5, 4, 1, 2]);
  });

  it('isoDay is the local calendar day', () => {
    expect(isoDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('sameRecipe', () => {
  const a = { fromListId: 2, steps: [{ kind: 'radius' as const, center: '89501', miles: 25, mode: 'include' as const }, { kind: 'mailable' as const }] };
  it.each([
    [{ fromListId: 2, steps: [{ mode: 'include', miles: 25, center: '89501', kind: 'radius' }, { kind: 'mailable' }] }, true],
    [{ fromListId: 2, steps: [{ kind: 'radius', center: '89501', miles: 25, mode: 'include', channels: undefined }, { kind: 'mailable' }] }, true],
    [{ fromListId: 3, steps: a.steps }, false],
    [{ fromListId: 2, steps: [{ kind: 'mailable' }, a.steps[0]] }, false],
    [{ fromListId: 2, steps: [{ kind: 'radius', center: '89501', miles: 26, mode: 'include' }, { kind: 'mailable' }] }, false],
    [{ fromListId: 2, steps: [a.steps[0]] }, false],
  ])('%j → %s', (b, same) => {
    expect(sameRecipe(a, b as never)).toBe(same);
  });
});
