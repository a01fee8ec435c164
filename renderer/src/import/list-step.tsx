// Wizard step 3: the list's name, what it is for (role), and the details that matter for that role.
import { LIST_ROLES } from '../../../src/api/contract';
import { ROLE_HINTS, ROLE_LABELS } from '../components/role-badge';
import { SUPPRESSION_KINDS, type ListForm } from './list-form';

export interface ListStepProps {
  form: ListForm;
  onChange: (patch: Partial<ListForm>) => void;
  nameError: string | null;
  fieldError: { field: 'pricePaid' | 'purchaseDate'; message: string } | null;
  summary: string;
}

export function ListStep({ form, onChange, nameError, fieldError, summary }: ListStepProps) {
  return (
    <div className="wz-step" data-testid="import-step" data-step="list">
      <div className="form-grid wz-form">
        <label htmlFor="import-name">List name</label>
        <div>
          <input id="import-name" className="input" data-testid="import-name" value={form.name} autoFocus maxLength={200} onChange={(e) => onChange({ name: e.target.value })} />
          {nameError && (
            <div className="form-error" data-testid="import-name-error">
              {nameError}
            </div>
          )}
        </div>
        <span id="import-role-label">Role</span>
        <div className="role-options role-options-grid" role="radiogroup" aria-labelledby="import-role-label" data-testid="import-role">
          {LIST_ROLES.map((r) => (
            <label key={r} className={r === form.role ? 'role-option is-checked' : 'role-option'}>
              <input type="radio" name="import-role" value={r} checked={r === form.role} onChange={() => onChange({ role: r })} />
              <span className={`role-dot role-${r}`} aria-hidden="true" />
              <span className="role-option-label">{ROLE_LABELS[r]}</span>
              <span className="role-option-hint">{ROLE_HINTS[r]}</span>
            </label>
          ))}
        </div>
        {form.role === 'prospects' && (
          <>
            <label htmlFor="import-vendor">Vendor</label>
            <input id="import-vendor" className="input" data-testid="import-vendor" placeholder="Who sold or rented the list" value={form.vendor} maxLength={200} onChange={(e) => onChange({ vendor: e.target.value })} />
            <label htmlFor="import-price">Price paid</label>
            <div className="wz-inline">
              <span className="wz-money">
                <span className="wz-money-sign" aria-hidden="true">
                  $
                </span>
                <input
                  id="import-price"
                  className="input"
                  data-testid="import-price"
                  inputMode="decimal"
                  placeholder="0.00"
                  value={form.pricePaid}
                  aria-invalid={fieldError?.field === 'pricePaid' || undefined}
                  onChange={(e) => onChange({ pricePaid: e.target.value })}
                />
              </span>
              <label htmlFor="import-purchase-date" className="wz-inline-label">
                Bought on
              </label>
              <input
                id="import-purchase-date"
                className="input wz-date"
                type="date"
                data-testid="import-purchase-date"
                value={form.purchaseDate}
                aria-invalid={fieldError?.field === 'purchaseDate' || undefined}
                onChange={(e) => onChange({ purchaseDate: e.target.value })}
              />
            </div>
          </>
        )}
        {form.role === 'suppression' && (
          <>
            <label htmlFor="import-suppression-kind">Kind</label>
            <select
              id="import-suppression-kind"
              className="input select wz-narrow"
              data-testid="import-suppression-kind"
              value={form.suppressionKind}
              onChange={(e) => onChange({ suppressionKind: e.target.value as ListForm['suppressionKind'] })}
            >
              {SUPPRESSION_KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </>
        )}
        {form.role === 'responses' && (
          <>
            <label htmlFor="import-campaign">Campaign</label>
            <input id="import-campaign" className="input" data-testid="import-campaign" placeholder="Which mailing they answered" value={form.campaign} maxLength={200} onChange={(e) => onChange({ campaign: e.target.value })} />
          </>
        )}
        <label htmlFor="import-notes">Notes</label>
        <textarea id="import-notes" className="input textarea" data-testid="import-notes" rows={2} maxLength={2000} value={form.notes} onChange={(e) => onChange({ notes: e.target.value })} />
      </div>
      {fieldError && (
        <p className="form-error" role="alert" data-testid="import-details-error">
          {fieldError.message}
        </p>
      )}
      <p className="wz-summary" data-testid="import-summary">
        {summary}
      </p>
    </div>
  );
}
