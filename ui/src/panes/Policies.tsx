import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Card, ErrorMessage, Field, FormError, useLoad } from '../components/ui';

export function Policies() {
  const policies = useLoad(api.policies);
  const health = useLoad(api.health);
  const [name, setName] = useState('');
  const [slo, setSlo] = useState('500');
  const [cost, setCost] = useState('');
  const [redundancy, setRedundancy] = useState('1');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const body: Record<string, unknown> = { name, latency_slo_ms: Number(slo), min_redundancy: Number(redundancy) };
      if (cost) body.max_cost_per_gb_month = Number(cost);
      await api.createPolicy(body);
      setName('');
      policies.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="pane">
      <h1>Policies & stores</h1>
      <div className="grid">
        <Card title="Policies">
          <ErrorMessage error={policies.error} />
          <table className="table compact" aria-label="Policies">
            <thead><tr><th>Name</th><th>Latency SLO</th><th>Max $/GB-month</th><th>Min redundancy</th></tr></thead>
            <tbody>{(policies.data ?? []).map((p) => (
              <tr key={p.id}><td>{p.name}</td><td>{p.latency_slo_ms} ms</td><td>{p.max_cost_per_gb_month ?? 'any'}</td><td>{p.min_redundancy}</td></tr>))}
              {policies.data?.length === 0 && <tr><td colSpan={4} className="empty">No policies yet.</td></tr>}
            </tbody>
          </table>
        </Card>
        <Card title="New policy">
          <form onSubmit={submit} aria-label="New policy" noValidate>
            <Field label="Name" name="name" error={error}><input value={name} onChange={(e) => setName(e.target.value)} /></Field>
            <Field label="Latency SLO (ms)" name="latency_slo_ms" error={error}><input value={slo} onChange={(e) => setSlo(e.target.value)} /></Field>
            <Field label="Max cost per GB-month (optional)" name="max_cost_per_gb_month" error={error}><input value={cost} onChange={(e) => setCost(e.target.value)} /></Field>
            <Field label="Min redundancy" name="min_redundancy" error={error}><input value={redundancy} onChange={(e) => setRedundancy(e.target.value)} /></Field>
            <FormError error={error} fields={['name', 'latency_slo_ms', 'max_cost_per_gb_month', 'min_redundancy']} />
            <button type="submit">Create policy</button>
          </form>
        </Card>
        <Card title="Stores">
          <ErrorMessage error={health.error} />
          <p className="small">The storage roots and backends the service writes to (from /health; stores are configured, not created here).</p>
          <ul>
            {Object.entries(health.data?.storage?.backends ?? {}).map(([b, s]) => <li key={b}>backend <strong>{b}</strong>: {s}</li>)}
            {(health.data?.storage?.roots ?? []).map((r) => <li key={r} className="mono">file://{r}</li>)}
          </ul>
        </Card>
      </div>
    </div>
  );
}
