import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type Policy, type Tier } from '../api';
import { Card, Field, FormError } from '../components/ui';

const FIELDS = ['name', 'path_uri', 'size_bytes', 'auto_seed', 'policy_id', 'current_tier'];

export function CreateDataset() {
  const navigate = useNavigate();
  const [root, setRoot] = useState('');
  const [policies, setPolicies] = useState<Policy[]>([]);
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [pathTouched, setPathTouched] = useState(false);
  const [size, setSize] = useState('1048576');
  const [autoSeed, setAutoSeed] = useState(true);
  const [policy, setPolicy] = useState('');
  const [tier, setTier] = useState<Tier | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.health().then((h) => setRoot(h.storage?.roots?.[0] ?? '')).catch(() => undefined);
    api.policies().then(setPolicies).catch(() => undefined);
  }, []);
  // the location follows the name inside the first storage root until the user edits it
  useEffect(() => {
    if (!pathTouched && root) setPath(name ? `file://${root}/${name}` : '');
  }, [name, root, pathTouched]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaving(true);
    try {
      // sent as typed: the API validates, and its message is shown at the field it names
      const body: Record<string, unknown> = { name, path_uri: path, size_bytes: size === '' ? null : Number(size), auto_seed: autoSeed };
      if (policy) body.policy_id = Number(policy);
      if (tier) body.current_tier = tier;
      const created = await api.createDataset(body);
      navigate(`/ui/datasets/${created.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="pane">
      <h1>Create dataset</h1>
      <Card>
        <form onSubmit={submit} aria-label="Create dataset" noValidate>
          <Field label="Name" name="name" error={error}><input value={name} onChange={(e) => setName(e.target.value)} /></Field>
          <Field label="Location (path_uri)" name="path_uri" error={error} hint={root ? `must lie under file://${root}` : undefined}>
            <input className="mono" value={path} onChange={(e) => { setPath(e.target.value); setPathTouched(true); }} />
          </Field>
          <Field label="Size in bytes" name="size_bytes" error={error}>
            <input inputMode="numeric" value={size} onChange={(e) => setSize(e.target.value)} />
          </Field>
          <Field label="Policy" name="policy_id" error={error}>
            <select value={policy} onChange={(e) => setPolicy(e.target.value)}>
              <option value="">none</option>
              {policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </Field>
          <Field label="Current tier" name="current_tier" error={error}>
            <select value={tier} onChange={(e) => setTier(e.target.value as Tier | '')}>
              <option value="">(default)</option><option value="hot">hot</option><option value="warm">warm</option><option value="cold">cold</option>
            </select>
          </Field>
          <label className="check"><input type="checkbox" checked={autoSeed} onChange={(e) => setAutoSeed(e.target.checked)} /> Write generated data at the location (auto-seed)</label>
          <FormError error={error} fields={FIELDS} />
          <button type="submit" disabled={saving}>{saving ? 'Creating…' : 'Create dataset'}</button>
        </form>
      </Card>
    </div>
  );
}
