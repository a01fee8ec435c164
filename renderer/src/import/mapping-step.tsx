// Wizard step 2: one row per column (header, samples, canonical field, how sure Winnow is and why); a field feeds one column.
import type { CanonicalField, FilePreview } from '../../../src/api/contract';
import { plural } from '../format';
import { FIELD_GROUPS, FIELD_LABELS, isCanonicalField } from './field-labels';
import { mappingCounts, sampleValues, type MappingState } from './mapping-edit';

export interface MappingStepProps {
  preview: FilePreview;
  mapping: MappingState;
  onAssign: (pos: number, field: CanonicalField | null) => void;
  savePreset: boolean;
  presetName: string;
  onSavePreset: (save: boolean, name: string) => void;
}

const CUSTOM = '';

/** "high" ≥ 0.85, "medium" ≥ 0.5, else "low": shown as a quiet three-step meter. */
function confidenceLevel(c: number): 0 | 1 | 2 | 3 {
  if (c <= 0) return 0;
  if (c >= 0.85) return 3;
  if (c >= 0.5) return 2;
  return 1;
}

export function MappingStep({ preview, mapping, onAssign, savePreset, presetName, onSavePreset }: MappingStepProps) {
  const { mapped, custom } = mappingCounts(mapping);
  const owner = new Map<CanonicalField, number>();
  mapping.fields.forEach((f, i) => f && owner.set(f, i));

  return (
    <div className="wz-step" data-testid="import-step" data-step="mapping">
      <div className="wz-mapping-head">
        {preview.preset ? (
          <span className="wz-preset" data-testid="import-preset-recognized">
            Recognized preset <strong>“{preview.preset}”</strong> — its mapping is applied.
          </span>
        ) : (
          <span className="muted">Check what each column holds. Columns not mapped are kept as custom fields, under their own header.</span>
        )}
        <span className="wz-counts" data-testid="mapping-counts">
          {plural(mapped, 'mapped column')} · {plural(custom, 'custom field')}
        </span>
      </div>
      <div className="wz-mapping" data-testid="import-mapping">
        <table>
          <thead>
            <tr>
              <th className="wz-col-name">Column in the file</th>
              <th className="wz-col-samples">Sample values</th>
              <th className="wz-col-field">Winnow field</th>
              <th className="wz-col-conf" aria-label="Confidence" />
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c, pos) => {
              const field = mapping.fields[pos] ?? null;
              const proposed = c.field;
              const edited = field !== proposed;
              const displaced = mapping.displaced[pos];
              const samples = sampleValues(preview.rows, c.index);
              // How sure Winnow is only means something for a field it proposed (not for "keep as custom", nor after an edit).
              const level = edited || field === null ? null : confidenceLevel(c.confidence);
              return (
                <tr key={c.index} className={displaced ? 'wz-map-row is-displaced' : 'wz-map-row'} data-testid="mapping-row" data-col-index={c.index} data-field={field ?? ''}>
                  <td className="wz-col-name">
                    <div className="wz-colname" title={c.name}>
                      {c.name}
                    </div>
                    {c.original !== undefined && c.original !== c.name && (
                      <div className="wz-original" data-testid="mapping-original" title="The header exactly as it is in the file">
                        in file: “{c.original}”
                      </div>
                    )}
                  </td>
                  <td className="wz-col-samples" title={samples.join('\n')}>
                    {samples.length > 0 ? samples.join(' · ') : <span className="muted">(empty)</span>}
                  </td>
                  <td className="wz-col-field">
                    <select
                      className={field ? 'input select' : 'input select is-custom'}
                      data-testid="mapping-field"
                      aria-label={`Field for column ${c.name}`}
                      value={field ?? CUSTOM}
                      onChange={(e) => onAssign(pos, isCanonicalField(e.target.value) ? e.target.value : null)}
                    >
                      <option value={CUSTOM}>Keep as custom field</option>
                      {FIELD_GROUPS.map((g) => (
                        <optgroup key={g.label} label={g.label}>
                          {g.fields.map((f) => {
                            const holder = owner.get(f);
                            const takenBy = holder !== undefined && holder !== pos ? preview.columns[holder]?.name : undefined;
                            return (
                              <option key={f} value={f}>
                                {FIELD_LABELS[f]}
                                {takenBy ? ` — now on “${takenBy}”` : ''}
                              </option>
                            );
                          })}
                        </optgroup>
                      ))}
                    </select>
                    {displaced ? (
                      <div className="wz-reason wz-displaced" data-testid="mapping-displaced" role="status">
                        {FIELD_LABELS[displaced.field]} moved to “{preview.columns[displaced.to]?.name}”; this column is now a custom field.
                      </div>
                    ) : edited ? (
                      <div className="wz-reason" data-testid="mapping-reason">
                        Your choice{proposed ? ` (Winnow suggested ${FIELD_LABELS[proposed]})` : ''}.
                      </div>
                    ) : (
                      c.reason && (
                        <div className="wz-reason" data-testid="mapping-reason" title={c.reason}>
                          {c.reason}
                        </div>
                      )
                    )}
                  </td>
                  <td className="wz-col-conf">
                    {level !== null && level > 0 && (
                      <span
                        className={`wz-meter level-${level}`}
                        data-testid="mapping-confidence"
                        data-confidence={c.confidence}
                        title={`${Math.round(c.confidence * 100)}% sure: ${c.reason}`}
                        aria-label={`${Math.round(c.confidence * 100)}% sure`}
                      >
                        <i />
                        <i />
                        <i />
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="wz-preset-save">
        <label className="wz-check">
          <input type="checkbox" data-testid="import-save-preset" checked={savePreset} onChange={(e) => onSavePreset(e.target.checked, presetName)} />
          Save this mapping as a preset
        </label>
        {savePreset && (
          <input
            className="input wz-preset-name"
            data-testid="import-preset-name"
            aria-label="Preset name"
            placeholder="Preset name, e.g. the vendor"
            value={presetName}
            maxLength={100}
            autoFocus
            onChange={(e) => onSavePreset(true, e.target.value)}
          />
        )}
        {savePreset && <span className="muted wz-preset-hint">Files with the same header will be mapped this way.</span>}
      </div>
    </div>
  );
}
