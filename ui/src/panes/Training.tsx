import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Tier } from '../api';
import { Card, ErrorMessage, TierBadge, useLoad } from '../components/ui';

const TIERS: Tier[] = ['hot', 'warm', 'cold'];

export function Training() {
  const [error, setError] = useState<unknown>(null);
  const [training, setTraining] = useState(false);
  const data = useLoad(async () => {
    const [recs, datasets, models] = await Promise.all([api.recommendations(), api.datasets(), api.models()]);
    return { recs, datasets: datasets.items, models };
  });
  const train = async () => {
    setError(null);
    setTraining(true);
    try {
      await api.train();
      await data.reload();
    } catch (err) {
      setError(err);
    } finally {
      setTraining(false);
    }
  };
  const names = new Map((data.data?.datasets ?? []).map((d) => [d.id, d.name]));
  return (
    <div className="pane">
      <h1>Training & recommendations</h1>
      <ErrorMessage error={data.error} />
      <Card title="Train">
        <p>Fits the classifier to the access history, stores a new model version and reclassifies every dataset.</p>
        <button onClick={train} disabled={training}>{training ? 'Training…' : 'Train now'}</button>
        <ErrorMessage error={error} />
      </Card>
      <div className="grid">
        <Card title="Model versions">
          <table className="table compact" aria-label="Model versions">
            <thead><tr><th>Version</th><th>Parameters</th><th>Metrics</th><th>Trained</th></tr></thead>
            <tbody>{(data.data?.models ?? []).map((m) => (
              <tr key={m.id}>
                <td>{m.name} v{m.version}<div className="small">{m.algorithm}</div></td>
                <td className="small"><KeyValues values={m.params} /></td>
                <td className="small"><KeyValues values={m.metrics} /></td>
                <td className="small">{new Date(m.created_at).toLocaleString()}</td>
              </tr>))}
              {data.data?.models.length === 0 && <tr><td colSpan={4} className="empty">No model trained yet.</td></tr>}
            </tbody>
          </table>
        </Card>
        <Card title="Current tier vs recommended tier">
          <PlacementMatrix data={data.data} />
          <p className="small">Datasets counted by where they are (rows) and where the newest recommendation would put them
            (columns); off the diagonal are the moves still to make. The rules have no labelled truth to score against.</p>
        </Card>
      </div>
      <Card title="Recommendations (newest per dataset)">
        <table className="table" aria-label="Recommendations">
          <thead><tr><th>Dataset</th><th>Tier</th><th>Confidence</th><th>Reason</th><th>Model</th></tr></thead>
          <tbody>
            {(data.data?.recs ?? []).map((r) => (
              <tr key={r.id}>
                <td><Link to={`/ui/datasets/${r.dataset_id}`}>{names.get(r.dataset_id) ?? `#${r.dataset_id}`}</Link></td>
                <td><TierBadge tier={r.tier} /></td>
                <td><meter min={0} max={1} value={r.confidence} /> {Math.round(r.confidence * 100)}%</td>
                <td>{r.reason}</td><td className="small">{r.model_version}</td>
              </tr>
            ))}
            {data.data && data.data.recs.length === 0 && <tr><td colSpan={5} className="empty">No recommendations yet: post access events, then train.</td></tr>}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

function KeyValues({ values }: { values: Record<string, number> }) {
  return <>{Object.entries(values).map(([k, v]) => <div key={k}><code>{k}</code> {v}</div>)}</>;
}

export function PlacementMatrix({ data }: { data: { recs: { dataset_id: number; tier: Tier }[]; datasets: { id: number; current_tier: Tier }[] } | null }) {
  const recommended = new Map((data?.recs ?? []).map((r) => [r.dataset_id, r.tier]));
  const count = (now: Tier, rec: Tier) =>
    (data?.datasets ?? []).filter((d) => d.current_tier === now && recommended.get(d.id) === rec).length;
  return (
    <table className="table compact matrix" aria-label="Current tier vs recommended tier">
      <thead><tr><th>now \ recommended</th>{TIERS.map((t) => <th key={t}><TierBadge tier={t} /></th>)}</tr></thead>
      <tbody>{TIERS.map((now) => (
        <tr key={now}><th><TierBadge tier={now} /></th>
          {TIERS.map((rec) => <td key={rec} className={`num ${now === rec ? 'diag' : ''}`}>{count(now, rec)}</td>)}</tr>
      ))}</tbody>
    </table>
  );
}
