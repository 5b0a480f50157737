import { useState, type FormEvent } from 'react';
import { api, type Policy, type Store, type Tier } from '../api';
import { price } from '../format';
import { Card, ErrorMessage, Field, FormError, useLoad } from '../components/ui';
import { PolicyForm, StoreEditor, TIERS } from './editing';

export function Policies() {
  const policies = useLoad(api.policies);
  const [editing, setEditing] = useState<Policy | null>(null);
  const [saved, setSaved] = useState('');
  return (
    <div className="pane">
      <h1>Policies & stores</h1>
      <div className="grid">
        <Card title="Policies" className="wide">
          <ErrorMessage error={policies.error} />
          <table className="table compact" aria-label="Policies">
            <thead><tr><th>Name</th><th>Latency SLO</th><th>Max $/GB-month</th><th>Min redundancy</th><th /></tr></thead>
            <tbody>{(policies.data ?? []).map((p) => (
              <tr key={p.id} className={editing?.id === p.id ? 'selected' : ''}>
                <td>{p.name}</td><td>{p.latency_slo_ms == null ? 'any' : `${p.latency_slo_ms} ms`}</td>
                <td>{p.max_cost_per_gb_month ?? 'any'}</td><td>{p.min_redundancy}</td>
                <td><button className="link" aria-label={`Edit policy ${p.name}`} onClick={() => { setSaved(''); setEditing(p); }}>Edit</button></td>
              </tr>))}
              {policies.data?.length === 0 && <tr><td colSpan={5} className="empty">No policies yet.</td></tr>}
            </tbody>
          </table>
          {saved && <p className="small" role="status">{saved}</p>}
        </Card>
        {editing ? (
          <Card title={`Edit policy ${editing.name}`}>
            <PolicyForm key={editing.id} policy={editing} onCancel={() => setEditing(null)}
              onSaved={(p) => { setEditing(null); setSaved(`Policy ${p.name} saved.`); policies.reload(); }} />
          </Card>
        ) : (
          <Card title="New policy">
            <PolicyForm onSaved={() => policies.reload()} />
          </Card>
        )}
        <Stores />
      </div>
    </div>
  );
}

/** Registered stores (GET/POST /stores, PATCH /stores/{name}): where data may live, and each class's price there. */
function Stores() {
  const stores = useLoad(api.stores);
  const [editing, setEditing] = useState<Store | null>(null);
  const [saved, setSaved] = useState('');
  const [name, setName] = useState('');
  const [prefix, setPrefix] = useState('');
  const [region, setRegion] = useState('');
  const [prices, setPrices] = useState<Record<Tier, string>>({ hot: '', warm: '', cold: '' });
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const classes = Object.fromEntries(TIERS.filter((t) => prices[t] !== '')
        .map((t) => [t, { cost_per_gb_month: Number(prices[t]) }]));
      await api.createStore({ name, uri_prefix: prefix, ...(region ? { region } : {}), ...(Object.keys(classes).length ? { classes } : {}) });
      setName('');
      setPrefix('');
      stores.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <Card title="Stores" className="wide">
        <ErrorMessage error={stores.error} />
        <table className="table compact" aria-label="Stores">
          <thead><tr><th>Name</th><th>Location prefix</th><th>Region</th>{TIERS.map((t) => <th key={t}>{t}</th>)}<th /></tr></thead>
          <tbody>{(stores.data ?? []).map((s) => (
            <tr key={s.name} className={editing?.name === s.name ? 'selected' : ''}>
              <td>{s.name}</td><td className="mono">{s.uri_prefix}</td><td>{s.region ?? ''}</td>
              {TIERS.map((t) => {
                const c = s.classes[t];
                return <td key={t} className="small">{c ? <>{c.storage_class}<br />{price(c.cost_per_gb_month)}/GB-mo
                  {c.min_storage_days ? `, ${c.min_storage_days} d min` : ''}</> : '–'}</td>;
              })}
              <td><button className="link" aria-label={`Edit store ${s.name}`} onClick={() => { setSaved(''); setEditing(s); }}>Edit</button></td>
            </tr>))}
          </tbody>
        </table>
        {saved && <p className="small" role="status">{saved}</p>}
      </Card>
      {editing && (
        <StoreEditor key={editing.name} store={editing} onCancel={() => setEditing(null)}
          onSaved={(s) => { setEditing(null); setSaved(`Store ${s.name} saved.`); stores.reload(); }} />
      )}
      <Card title="Register a store">
        <form onSubmit={submit} aria-label="Register a store" noValidate>
          <Field label="Name" name="name" error={error}><input value={name} onChange={(e) => setName(e.target.value)} /></Field>
          <Field label="Location prefix" name="uri_prefix" error={error} hint="file://…, s3://bucket/…, gs://bucket/…">
            <input className="mono" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
          </Field>
          <Field label="Region (optional)" name="region" error={error}><input value={region} onChange={(e) => setRegion(e.target.value)} /></Field>
          {TIERS.map((t) => (
            <Field key={t} label={`${t}: $ per GB-month (optional)`} name="classes" error={error}>
              <input value={prices[t]} onChange={(e) => setPrices({ ...prices, [t]: e.target.value })} />
            </Field>
          ))}
          <FormError error={error} fields={['name', 'uri_prefix', 'region', 'classes']} />
          <button type="submit">Register store</button>
        </form>
      </Card>
    </>
  );
}
