import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type Tier } from '../api';
import { Card, ErrorMessage, Field, FormError, ProgressBar, TierBadge, useLoad } from '../components/ui';
import { ago, bytes, replicaTier } from '../format';
import { TERMINAL } from '../jobs';
import { useLive } from '../live';

export function DatasetDetail() {
  const id = Number(useParams().id);
  const { jobs } = useLive();
  const { data, error, reload } = useLoad(async () => {
    const [dataset, recs, jobPage, policies, stores] = await Promise.all([
      api.dataset(id), api.recommendations(id), api.jobs(`&dataset_id=${id}`), api.policies(), api.stores()]);
    const lastDone = jobPage.items.find((j) => j.state === 'completed');
    const moved = lastDone ? await api.job(lastDone.id) : null;
    return { dataset, recommendation: recs[0] ?? null, jobs: jobPage.items, policies, stores, moved, manifest: moved?.objects ?? [] };
  }, [id]);

  // a move of this dataset that finishes while the page is open changes its location: show it
  const mine = [...jobs.values()].filter((j) => j.dataset_id === id).sort((a, b) => b.id - a.id);
  const active = mine.find((j) => !TERMINAL.has(j.state));
  const finishedKey = mine.filter((j) => TERMINAL.has(j.state)).map((j) => `${j.id}:${j.state}:${j.attempt}`).join();
  useEffect(() => { if (finishedKey) reload(); }, [finishedKey, reload]);

  if (error) return <div className="pane"><h1>Dataset {id}</h1><ErrorMessage error={error} /></div>;
  if (!data) return <div className="pane"><h1>Dataset {id}</h1><p>Loading…</p></div>;
  const d = data.dataset;
  const latest = mine[0];
  return (
    <div className="pane">
      <h1>{d.name} <TierBadge tier={d.current_tier} /></h1>
      <dl className="facts">
        <dt>Location</dt><dd className="mono" data-testid="dataset-location">{d.path_uri}</dd>
        <dt>Size</dt><dd>{bytes(d.size_bytes)}</dd>
        <dt>Last access</dt><dd>{ago(d.last_access_ts)}</dd>
        <dt>Policy</dt><dd>{data.policies.find((p) => p.id === d.policy_id)?.name ?? 'none'}</dd>
        <dt>SHA-256</dt><dd className="mono">{d.checksum_sha256 ?? 'not seeded'}</dd>
      </dl>
      {latest && (
        <Card title={`Latest move: job ${latest.id}`}>
          <p><Link to={`/ui/jobs/${latest.id}`}>{latest.state}</Link> → <span className="mono">{latest.target_uri}</span></p>
          {(active ?? latest) && <ProgressBar done={latest.bytes_done} total={latest.bytes_total} state={latest.state} />}
          {latest.error && <ErrorMessage error={latest.error} />}
        </Card>
      )}
      <AccessHistory datasetId={id} />
      <div className="grid">
        <Card title="Recommendation">
          {data.recommendation ? (
            <p data-testid="recommendation"><TierBadge tier={data.recommendation.tier} /> with {Math.round(data.recommendation.confidence * 100)}% confidence
              — {data.recommendation.reason} <small>({data.recommendation.model_version})</small></p>
          ) : <p>No recommendation yet: post access events and train.</p>}
        </Card>
        <Card title="Replicas">
          <table className="table compact">
            <thead><tr><th>URI</th><th>Class</th><th>Primary</th><th>Size</th></tr></thead>
            <tbody>
              {(d.replicas ?? []).map((r) => (
                <tr key={r.id}><td className="mono">{r.uri}</td><td><TierBadge tier={replicaTier(r, data.stores, d.current_tier)} /> <span className="small">{r.storage_class}</span></td>
                  <td>{r.is_primary ? 'yes' : 'no'}</td><td className="num">{bytes(r.size_bytes)}</td></tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="Manifest (last completed move)">
          {data.manifest.length ? (
            <table className="table compact">
              <thead><tr><th>Object</th><th>Size</th><th>SHA-256</th><th>Verified</th></tr></thead>
              <tbody>{data.manifest.map((o) => (
                <tr key={o.object_key}><td className="mono">{o.object_key || '(the file)'}</td><td className="num">{bytes(o.size_bytes)}</td>
                  <td className="mono">{o.sha256.slice(0, 16)}…</td><td>{o.verified ? '✓' : '✗'}</td></tr>))}
              </tbody>
            </table>
          ) : <p>Not moved yet.</p>}
          {data.moved?.objects_next_after != null && (
            <p className="hint">The first {data.manifest.length} of {data.moved.objects_total} objects;{' '}
              <code>bin/dim jobs objects {data.moved.id}</code> lists them all.</p>)}
        </Card>
      </div>
      <div className="grid">
        <PlanMigration datasetId={id} pathUri={d.path_uri} suggested={data.recommendation?.tier} busy={!!active} />
        <SeedAndEdit datasetId={id} name={d.name} policyId={d.policy_id}
          policies={data.policies.map((p) => ({ id: p.id, name: p.name }))} onDone={reload} />
      </div>
    </div>
  );
}

/** Reads and writes per aggregation window, from GET /datasets/{id}/activity. */
function AccessHistory({ datasetId }: { datasetId: number }) {
  const { data, error, reload } = useLoad(() => api.activity(datasetId), [datasetId]);
  const rows = (data ?? []).map((w) => ({
    time: new Date(w.window_start).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    reads: w.read_count, writes: w.write_count,
  }));
  return (
    <Card title="Access history" className="activity">
      <ErrorMessage error={error} />
      {data && data.length === 0 ? <p>No accesses recorded yet.</p> : (
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="time" minTickGap={30} /><YAxis allowDecimals={false} />
            <Tooltip /><Legend />
            <Bar dataKey="reads" stackId="a" fill="#3f88c5" isAnimationActive={false} />
            <Bar dataKey="writes" stackId="a" fill="#f3a712" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
      <button className="secondary" onClick={() => reload()}>Refresh</button>
    </Card>
  );
}

function PlanMigration({ datasetId, pathUri, suggested, busy }: { datasetId: number; pathUri: string; suggested?: Tier; busy: boolean }) {
  const [tier, setTier] = useState<Tier>(suggested ?? 'cold');
  const base = pathUri.replace(/_(hot|warm|cold)(_\d+)?$/, '');
  const [target, setTarget] = useState(`${base}_${tier}`);
  const [error, setError] = useState<unknown>(null);
  const [planned, setPlanned] = useState<number | null>(null);
  useEffect(() => { setTarget(`${pathUri.replace(/_(hot|warm|cold)(_\d+)?$/, '')}_${tier}`); }, [tier, pathUri]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const job = await api.plan({ dataset_id: datasetId, storage_class: tier, target_location: target });
      setPlanned(job.id);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title="Plan a migration">
      <form onSubmit={submit} aria-label="Plan a migration">
        <Field label="Storage class" name="storage_class" error={error}>
          <select value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
            <option value="hot">hot</option><option value="warm">warm</option><option value="cold">cold</option>
          </select>
        </Field>
        <Field label="Target location" name="target_location" error={error}>
          <input value={target} onChange={(e) => setTarget(e.target.value)} className="mono" />
        </Field>
        <FormError error={error} fields={['storage_class', 'target_location']} />
        <button type="submit" disabled={busy}>{busy ? 'Moving…' : 'Plan migration'}</button>
        {planned && <p className="ok-text">Job {planned} planned. <Link to={`/ui/jobs/${planned}`}>Watch it</Link></p>}
      </form>
    </Card>
  );
}

function SeedAndEdit({ datasetId, name, policyId, policies, onDone }: {
  datasetId: number; name: string; policyId: number | null; policies: { id: number; name: string }[]; onDone: () => void;
}) {
  const [newName, setNewName] = useState(name);
  const [policy, setPolicy] = useState(policyId ? String(policyId) : '');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const run = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    setNote('');
    try {
      await what();
      setNote(done);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title="Edit and seed">
      <form aria-label="Edit dataset" onSubmit={(e) => {
        e.preventDefault();
        run(() => api.patchDataset(datasetId, { name: newName, ...(policy ? { policy_id: Number(policy) } : {}) }), 'Saved.');
      }}>
        <Field label="Name" name="name" error={error}><input value={newName} onChange={(e) => setNewName(e.target.value)} /></Field>
        <Field label="Policy" name="policy_id" error={error}>
          <select value={policy} onChange={(e) => setPolicy(e.target.value)}>
            <option value="">(unchanged)</option>
            {policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </Field>
        <FormError error={error} fields={['name', 'policy_id']} />
        <div className="row">
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={() => run(() => api.seed(datasetId), 'Seeded: data written again.')}>Seed data</button>
        </div>
        {note && <p className="ok-text">{note}</p>}
      </form>
    </Card>
  );
}
