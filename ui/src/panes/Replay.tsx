// The replay on the Metrics pane: POST /simulate over a generated trace, and each policy's cost against
// the clairvoyant optimum. The service keeps no replay (it changes nothing), so the last report is kept
// in this tab's session storage and drawn again when the pane opens.
import { useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type SimReport } from '../api';
import { Card, Field, FormError } from '../components/ui';
import { money } from '../format';

const KEY = 'dim.lastReplay';

export const lastReplay = {
  get(): SimReport | null {
    try {
      return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as SimReport | null;
    } catch {
      return null;
    }
  },
  set: (r: SimReport) => sessionStorage.setItem(KEY, JSON.stringify(r)),
};

const MIXES = ['balanced', 'mostly-hot', 'mostly-cold'];
const FIELDS = ['generate.seed', 'generate.datasets', 'generate.days', 'generate.mix', 'provider'];

export function Replay() {
  const [report, setReport] = useState<SimReport | null>(lastReplay.get);
  const [spec, setSpec] = useState({ seed: '1', datasets: '100', days: '365', mix: 'balanced', provider: 's3' });
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setRunning(true);
    try {
      const r = await api.simulate({
        generate: { seed: Number(spec.seed), datasets: Number(spec.datasets), days: Number(spec.days), mix: spec.mix },
        provider: spec.provider,
      });
      lastReplay.set(r);
      setReport(r);
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  };
  const set = (k: keyof typeof spec) => (e: { target: { value: string } }) => setSpec({ ...spec, [k]: e.target.value });
  return (
    <>
      <Card title="Replay: each policy's cost against the optimum" className="wide">
        {report ? <ReplayChart report={report} /> : (
          <p className="empty">No replay in this tab yet: run one to compare our placement, the baselines and the
            clairvoyant optimum on the same trace.</p>)}
      </Card>
      <Card title="Run a replay">
        <form onSubmit={submit} aria-label="Run a replay" noValidate>
          <Field label="Seed" name="generate.seed" error={error}><input value={spec.seed} onChange={set('seed')} /></Field>
          <Field label="Datasets" name="generate.datasets" error={error}><input value={spec.datasets} onChange={set('datasets')} /></Field>
          <Field label="Days" name="generate.days" error={error}><input value={spec.days} onChange={set('days')} /></Field>
          <Field label="Mix" name="generate.mix" error={error}>
            <select value={spec.mix} onChange={set('mix')}>{MIXES.map((m) => <option key={m}>{m}</option>)}</select>
          </Field>
          <Field label="Provider" name="provider" error={error}>
            <select value={spec.provider} onChange={set('provider')}><option value="s3">s3</option><option value="gcs">gcs</option></select>
          </Field>
          <FormError error={error} fields={FIELDS} />
          <button type="submit" disabled={running}>{running ? 'Replaying…' : 'Run replay'}</button>
          <p className="small">A generated trace replayed in simulated days under the same decision code; nothing moves.</p>
        </form>
      </Card>
    </>
  );
}

export function ReplayChart({ report }: { report: SimReport }) {
  const optimum = report.policies.find((p) => p.name === 'optimum');
  // one bad baseline can cost 50x the rest: a log scale keeps the others readable (and needs no zero)
  const rows = report.policies.map((p) => ({ ...p, label: p.name, cost: Math.max(p.total_cost, 0.000001) }));
  return (
    <div data-testid="replay-chart">
      <p className="small">
        {report.trace.datasets} datasets over {report.trace.days} days ({report.trace.events.toLocaleString()} events),
        {' '}{report.provider} classes {report.classes.join(', ')}. Total cost on a log scale.
      </p>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} layout="vertical" margin={{ left: 20, right: 30 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" scale="log" domain={[(min: number) => min / 2, 'auto']} tickFormatter={(v: number) => money(v)} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Bar dataKey="cost" name="total cost" isAnimationActive={false}>
            {rows.map((r) => <Cell key={r.name} fill={r.name === 'optimum' ? '#2a9d8f' : '#3f88c5'} />)}
          </Bar>
          {optimum && <ReferenceLine x={optimum.total_cost} stroke="#2a9d8f" strokeDasharray="4 4" label={{ value: 'optimum', position: 'insideTopRight', fontSize: 11 }} />}
        </BarChart>
      </ResponsiveContainer>
      <table className="table compact" aria-label="Replay results">
        <thead><tr><th>Policy</th><th>Total cost</th><th>× optimum</th><th>SLO misses</th><th>Migrations</th></tr></thead>
        <tbody>{report.policies.map((p) => (
          <tr key={p.name} title={p.description}>
            <td>{p.name}</td><td>{money(p.total_cost)}</td><td>{p.cost_vs_optimum.toFixed(2)}</td>
            <td>{p.slo_misses}</td><td>{p.migrations}</td>
          </tr>))}
        </tbody>
      </table>
    </div>
  );
}
