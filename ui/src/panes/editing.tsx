// Editing policies and stores: the forms check what the API checks, with the API's own messages, so
// a mistake is shown at its field before a request is sent; what the API still refuses shows there too.
// An edit sends only the fields that changed (PATCH /policies/{id}, PATCH /stores/{name}).
import { useState, type FormEvent } from 'react';
import { api, ApiError, type Policy, type Store, type Tier } from '../api';
import { Card, Field, FormError } from '../components/ui';

export const TIERS: Tier[] = ['hot', 'warm', 'cold'];

const invalid = (field: string, message: string) => new ApiError(400, message, field);

/** A form's number: its value, or the API's complaint about it. Empty gives `empty`. */
function number(raw: string, field: string, label = field, opts: { integer?: boolean } = {}): number | null {
  const text = raw.trim();
  if (text === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n)) throw invalid(field, `${label} must be ${opts.integer ? 'an integer' : 'a number'}`);
  if (opts.integer && !Number.isInteger(n)) throw invalid(field, `${label} must be an integer`);
  if (n < 0) throw invalid(field, opts.integer ? `${label} must not be negative` : `${label} must be a non-negative number`);
  return n;
}

export interface PolicyValues {
  name: string; latency_slo_ms: string; max_cost_per_gb_month: string; min_redundancy: string;
  mode: 'recommend' | 'auto'; encryption_required: boolean; preferred_regions: string; excluded_regions: string;
}

export const policyValues = (p?: Policy): PolicyValues => ({
  name: p?.name ?? '',
  latency_slo_ms: !p ? '500' : p.latency_slo_ms == null ? '' : String(p.latency_slo_ms),
  max_cost_per_gb_month: p?.max_cost_per_gb_month == null ? '' : String(p.max_cost_per_gb_month),
  min_redundancy: p ? String(p.min_redundancy) : '1',
  mode: p?.mode ?? 'recommend',
  encryption_required: p?.encryption_required ?? false,
  preferred_regions: (p?.preferred_regions ?? []).join(', '),
  excluded_regions: (p?.excluded_regions ?? []).join(', '),
});

/** A comma-separated region list, as the API takes it. */
const regions = (raw: string): string[] => raw.split(',').map((r) => r.trim()).filter((r) => r.length > 0);

/** The policy as the API takes it (POST /policies), or the ApiError the API would answer. */
export function policyBody(v: PolicyValues): Record<string, unknown> {
  if (!v.name.trim()) throw invalid('name', 'name is required');
  const latency = number(v.latency_slo_ms, 'latency_slo_ms');
  if (latency === 0) throw invalid('latency_slo_ms', 'latency_slo_ms must be greater than 0');
  const maxCost = number(v.max_cost_per_gb_month, 'max_cost_per_gb_month');
  const redundancy = number(v.min_redundancy, 'min_redundancy', 'min_redundancy', { integer: true });
  if (redundancy !== null && (redundancy < 1 || redundancy > 10)) {
    throw invalid('min_redundancy', 'min_redundancy must be from 1 to 10');
  }
  const preferred = regions(v.preferred_regions);
  const excluded = regions(v.excluded_regions);
  const both = preferred.find((r) => excluded.includes(r));
  if (both) throw invalid('excluded_regions', `region '${both}' is both preferred and excluded`);
  return {
    name: v.name.trim(),
    latency_slo_ms: latency,
    max_cost_per_gb_month: maxCost,
    min_redundancy: redundancy ?? 1,
    mode: v.mode,
    encryption_required: v.encryption_required,
    preferred_regions: preferred,
    excluded_regions: excluded,
  };
}

/** The fields of `next` that differ from `before`: what a PATCH sends. */
export function changes(before: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(v)));
}

const POLICY_FIELDS = ['name', 'latency_slo_ms', 'max_cost_per_gb_month', 'min_redundancy', 'mode',
  'encryption_required', 'preferred_regions', 'excluded_regions'];

/** The policy form, for a new policy (no `policy`) or an edit of one. */
export function PolicyForm({ policy, onSaved, onCancel }: {
  policy?: Policy; onSaved: (p: Policy) => void; onCancel?: () => void;
}) {
  const [values, setValues] = useState(policyValues(policy));
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const set = (k: keyof PolicyValues) => (e: { target: { value: string } }) => setValues({ ...values, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote('');
    try {
      const body = policyBody(values);
      if (!policy) {
        if (body.latency_slo_ms === null) delete body.latency_slo_ms;
        if (body.max_cost_per_gb_month === null) delete body.max_cost_per_gb_month;
        onSaved(await api.createPolicy(body));
        setValues(policyValues());
        return;
      }
      const diff = changes(policyBody(policyValues(policy)), body);
      if (Object.keys(diff).length === 0) {
        setNote('Nothing changed.');
        return;
      }
      onSaved(await api.patchPolicy(policy.id, diff));
    } catch (err) {
      setError(err);
    }
  };
  const label = policy ? `Edit policy ${policy.name}` : 'New policy';
  return (
    <form onSubmit={submit} aria-label={label} noValidate>
      <Field label="Name" name="name" error={error}><input value={values.name} onChange={set('name')} /></Field>
      <Field label="Latency SLO (ms)" name="latency_slo_ms" error={error}><input value={values.latency_slo_ms} onChange={set('latency_slo_ms')} /></Field>
      <Field label="Max cost per GB-month (optional)" name="max_cost_per_gb_month" error={error} hint={policy ? 'empty: any price' : undefined}>
        <input value={values.max_cost_per_gb_month} onChange={set('max_cost_per_gb_month')} />
      </Field>
      <Field label="Min redundancy" name="min_redundancy" error={error}><input value={values.min_redundancy} onChange={set('min_redundancy')} /></Field>
      <Field label="Mode" name="mode" error={error} hint="auto: the service plans the recommended moves itself">
        <select value={values.mode} onChange={(e) => setValues({ ...values, mode: e.target.value as PolicyValues['mode'] })}>
          <option value="recommend">recommend</option>
          <option value="auto">auto</option>
        </select>
      </Field>
      <Field label="Encryption required" name="encryption_required" error={error}>
        <input type="checkbox" checked={values.encryption_required}
          onChange={(e) => setValues({ ...values, encryption_required: e.target.checked })} />
      </Field>
      <Field label="Preferred regions (comma-separated)" name="preferred_regions" error={error}>
        <input value={values.preferred_regions} onChange={set('preferred_regions')} />
      </Field>
      <Field label="Excluded regions (comma-separated)" name="excluded_regions" error={error}>
        <input value={values.excluded_regions} onChange={set('excluded_regions')} />
      </Field>
      <FormError error={error} fields={POLICY_FIELDS} />
      {note && <p className="small" role="status">{note}</p>}
      <div className="row">
        <button type="submit">{policy ? 'Save policy' : 'Create policy'}</button>
        {onCancel && <button type="button" className="secondary" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}

type ClassValues = { storage_class: string; cost_per_gb_month: string; min_storage_days: string };
export interface StoreValues { uri_prefix: string; region: string; encryption: string; classes: Record<Tier, ClassValues> }

export const storeValues = (s: Store): StoreValues => ({
  uri_prefix: s.uri_prefix,
  region: s.region ?? '',
  encryption: s.encryption ?? '',
  classes: Object.fromEntries(TIERS.map((t) => {
    const c = s.classes[t];
    return [t, {
      storage_class: c?.storage_class ?? '',
      cost_per_gb_month: c ? String(c.cost_per_gb_month) : '',
      min_storage_days: c ? String(c.min_storage_days) : '',
    }];
  })) as Record<Tier, ClassValues>,
});

/** What changed in a store, as PATCH /stores/{name} takes it, or the ApiError the API would answer. */
export function storePatch(before: StoreValues, v: StoreValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const prefix = v.uri_prefix.trim();
  if (prefix !== before.uri_prefix) {
    if (!/^(file|s3|gs):\/\/./.test(prefix)) throw invalid('uri_prefix', 'uri_prefix must be a file://, s3:// or gs:// location');
    body.uri_prefix = prefix;
  }
  for (const k of ['region', 'encryption'] as const) {
    // an emptied field is cleared
    if (v[k].trim() !== before[k]) body[k] = v[k].trim() || null;
  }
  const classes: Record<string, Record<string, unknown>> = {};
  for (const t of TIERS) {
    const was = before.classes[t];
    const now = v.classes[t];
    const c: Record<string, unknown> = {};
    if (now.storage_class.trim() && now.storage_class.trim() !== was.storage_class) c.storage_class = now.storage_class.trim();
    const cost = number(now.cost_per_gb_month, `classes.${t}.cost_per_gb_month`, 'cost_per_gb_month');
    if (cost !== null && String(cost) !== was.cost_per_gb_month) c.cost_per_gb_month = cost;
    const days = number(now.min_storage_days, `classes.${t}.min_storage_days`, 'min_storage_days', { integer: true });
    if (days !== null && String(days) !== was.min_storage_days) c.min_storage_days = days;
    if (Object.keys(c).length) classes[t] = c;
  }
  if (Object.keys(classes).length) body.classes = classes;
  return body;
}

const STORE_FIELDS = ['uri_prefix', 'region', 'encryption',
  ...TIERS.flatMap((t) => ['storage_class', 'cost_per_gb_month', 'min_storage_days'].map((f) => `classes.${t}.${f}`))];

/** Edits a registered store: location, region, encryption, and per tier its class, price and minimum days. */
export function StoreEditor({ store, onSaved, onCancel }: { store: Store; onSaved: (s: Store) => void; onCancel: () => void }) {
  const [before] = useState(() => storeValues(store));
  const [values, setValues] = useState(before);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const setClass = (t: Tier, k: keyof ClassValues, value: string) =>
    setValues({ ...values, classes: { ...values.classes, [t]: { ...values.classes[t], [k]: value } } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote('');
    try {
      const body = storePatch(before, values);
      if (Object.keys(body).length === 0) {
        setNote('Nothing changed.');
        return;
      }
      onSaved(await api.patchStore(store.name, body));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title={`Edit store ${store.name}`} className="wide">
      <form onSubmit={submit} aria-label={`Edit store ${store.name}`} noValidate className="store-editor">
        <Field label="Location prefix" name="uri_prefix" error={error}>
          <input className="mono" value={values.uri_prefix} onChange={(e) => setValues({ ...values, uri_prefix: e.target.value })} />
        </Field>
        <Field label="Region" name="region" error={error} hint="empty: none">
          <input value={values.region} onChange={(e) => setValues({ ...values, region: e.target.value })} />
        </Field>
        <Field label="Encryption" name="encryption" error={error} hint="empty: none">
          <input value={values.encryption} onChange={(e) => setValues({ ...values, encryption: e.target.value })} />
        </Field>
        <table className="table compact" aria-label={`Classes of ${store.name}`}>
          <thead><tr><th>Tier</th><th>Storage class</th><th>$ per GB-month</th><th>Min storage days</th></tr></thead>
          <tbody>{TIERS.map((t) => (
            <tr key={t}>
              <td>{t}</td>
              <td><Field label={`${t} storage class`} name={`classes.${t}.storage_class`} error={error}>
                <input value={values.classes[t].storage_class} onChange={(e) => setClass(t, 'storage_class', e.target.value)} /></Field></td>
              <td><Field label={`${t} $ per GB-month`} name={`classes.${t}.cost_per_gb_month`} error={error}>
                <input value={values.classes[t].cost_per_gb_month} onChange={(e) => setClass(t, 'cost_per_gb_month', e.target.value)} /></Field></td>
              <td><Field label={`${t} min storage days`} name={`classes.${t}.min_storage_days`} error={error}>
                <input value={values.classes[t].min_storage_days} onChange={(e) => setClass(t, 'min_storage_days', e.target.value)} /></Field></td>
            </tr>))}
          </tbody>
        </table>
        <FormError error={error} fields={STORE_FIELDS} />
        {note && <p className="small" role="status">{note}</p>}
        <div className="row">
          <button type="submit">Save store</button>
          <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
        </div>
      </form>
    </Card>
  );
}
