import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Model } from '../api';
import { Card, ErrorMessage, TierBadge, useLoad } from '../components/ui';

export function Training() {
  // the API returns a model version when it is trained but has no listing of past versions yet
  const [models, setModels] = useState<Model[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [training, setTraining] = useState(false);
  const recs = useLoad(async () => {
    const [r, d] = await Promise.all([api.recommendations(), api.datasets()]);
    return { recs: r, names: new Map(d.items.map((x) => [x.id, x.name])) };
  });
  const train = async () => {
    setError(null);
    setTraining(true);
    try {
      const m = await api.train();
      setModels((ms) => [m, ...ms.filter((x) => x.id !== m.id)]);
      recs.reload();
    } catch (err) {
      setError(err);
    } finally {
      setTraining(false);
    }
  };
  return (
    <div className="pane">
      <h1>Training & recommendations</h1>
      <Card title="Train">
        <p>Fits the classifier to the access history, stores a new model version and reclassifies every dataset.</p>
        <button onClick={train} disabled={training}>{training ? 'Training…' : 'Train now'}</button>
        <ErrorMessage error={error} />
      </Card>
      {models.length > 0 && (
        <Card title="Model versions trained in this session">
          <table className="table compact" aria-label="Model versions">
            <thead><tr><th>Version</th><th>Algorithm</th><th>Parameters</th><th>Metrics</th><th>Trained</th></tr></thead>
            <tbody>{models.map((m) => (
              <tr key={m.id}>
                <td>{m.name} v{m.version}</td><td>{m.algorithm}</td>
                <td className="mono small">{Object.entries(m.params).map(([k, v]) => `${k}=${v}`).join(', ')}</td>
                <td className="mono small">{Object.entries(m.metrics).map(([k, v]) => `${k}=${v}`).join(', ')}</td>
                <td>{new Date(m.created_at).toLocaleTimeString()}</td>
              </tr>))}
            </tbody>
          </table>
        </Card>
      )}
      <Card title="Recommendations (newest per dataset)">
        <ErrorMessage error={recs.error} />
        <table className="table" aria-label="Recommendations">
          <thead><tr><th>Dataset</th><th>Tier</th><th>Confidence</th><th>Reason</th><th>Model</th></tr></thead>
          <tbody>
            {(recs.data?.recs ?? []).map((r) => (
              <tr key={r.id}>
                <td><Link to={`/ui/datasets/${r.dataset_id}`}>{recs.data?.names.get(r.dataset_id) ?? `#${r.dataset_id}`}</Link></td>
                <td><TierBadge tier={r.tier} /></td>
                <td><meter min={0} max={1} value={r.confidence} /> {Math.round(r.confidence * 100)}%</td>
                <td>{r.reason}</td><td className="small">{r.model_version}</td>
              </tr>
            ))}
            {recs.data && recs.data.recs.length === 0 && <tr><td colSpan={5} className="empty">No recommendations yet: post access events, then train.</td></tr>}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
