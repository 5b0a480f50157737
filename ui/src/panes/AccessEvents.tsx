import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, type Dataset } from '../api';
import { Card, ErrorMessage, Field, FormError } from '../components/ui';

export type Pattern = 'steady' | 'ramp' | 'spike';

/** How many events second `i` of a burst of `duration` seconds sends, for a base rate. */
export function eventsInSecond(pattern: Pattern, rate: number, i: number, duration: number): number {
  if (pattern === 'ramp') return Math.max(1, Math.round((rate * (i + 1)) / duration));
  if (pattern === 'spike') return i === Math.floor(duration / 2) ? rate * 5 : Math.max(1, Math.round(rate / 5));
  return rate;
}

export function AccessEvents() {
  const [datasets, setDatasets] = useState<Dataset[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => { api.datasets().then((p) => setDatasets(p.items), setLoadError); }, []);
  return (
    <div className="pane">
      <h1>Access events</h1>
      <ErrorMessage error={loadError} />
      <div className="grid">
        <OneEvent datasets={datasets} />
        <Burst datasets={datasets} />
      </div>
    </div>
  );
}

function DatasetSelect({ datasets, value, onChange }: { datasets: Dataset[]; value: string; onChange: (v: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">choose a dataset</option>
      {datasets.map((d) => <option key={d.id} value={d.id}>{d.name} (#{d.id})</option>)}
    </select>
  );
}

function OneEvent({ datasets }: { datasets: Dataset[] }) {
  const [dataset, setDataset] = useState('');
  const [op, setOp] = useState('read');
  const [size, setSize] = useState('65536');
  const [latency, setLatency] = useState('');
  const [client, setClient] = useState('web-ui');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const body: Record<string, unknown> = { dataset_id: dataset === '' ? null : Number(dataset), op, size_bytes: Number(size), client };
      if (latency) body.latency_ms = Number(latency);
      const r = await api.postEvents(body);
      setSent((s) => s + r.accepted);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card title="Post one event">
      <form onSubmit={submit} aria-label="Post one event">
        <Field label="Dataset" name="dataset_id" error={error}><DatasetSelect datasets={datasets} value={dataset} onChange={setDataset} /></Field>
        <Field label="Operation" name="op" error={error}>
          <select value={op} onChange={(e) => setOp(e.target.value)}><option>read</option><option>write</option></select>
        </Field>
        <Field label="Bytes" name="size_bytes" error={error}><input value={size} onChange={(e) => setSize(e.target.value)} /></Field>
        <Field label="Latency (ms, optional)" name="latency_ms" error={error}><input value={latency} onChange={(e) => setLatency(e.target.value)} /></Field>
        <Field label="Client" name="client" error={error}><input value={client} onChange={(e) => setClient(e.target.value)} /></Field>
        <FormError error={error} fields={['dataset_id', 'op', 'size_bytes', 'latency_ms', 'client']} />
        <button type="submit">Post event</button>
        {sent > 0 && <p className="ok-text" data-testid="events-accepted">{sent} accepted</p>}
      </form>
    </Card>
  );
}

function Burst({ datasets }: { datasets: Dataset[] }) {
  const [dataset, setDataset] = useState('');
  const [pattern, setPattern] = useState<Pattern>('steady');
  const [rate, setRate] = useState('20');
  const [duration, setDuration] = useState('5');
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<{ second: number; of: number; accepted: number } | null>(null);
  const stop = useRef(false);
  useEffect(() => () => { stop.current = true; }, []);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    stop.current = false;
    const seconds = Math.max(1, Math.min(300, Number(duration) || 1));
    const perSecond = Math.max(1, Math.min(10000, Number(rate) || 1));
    let accepted = 0;
    setProgress({ second: 0, of: seconds, accepted });
    for (let i = 0; i < seconds && !stop.current; i++) {
      const began = Date.now();
      const n = eventsInSecond(pattern, perSecond, i, seconds);
      const events = Array.from({ length: n }, (_, k) => ({
        dataset_id: Number(dataset), op: k % 4 === 0 ? 'write' : 'read', size_bytes: 4096, client: `burst-${pattern}`,
      }));
      try {
        accepted += (await api.postEvents(events)).accepted;
      } catch (err) {
        setError(err);
        break;
      }
      setProgress({ second: i + 1, of: seconds, accepted });
      // one batch a second, so the pattern shows as a rate
      const wait = 1000 - (Date.now() - began);
      if (wait > 0 && i < seconds - 1) await new Promise((r) => setTimeout(r, wait));
    }
  };
  const running = progress !== null && progress.second < progress.of && !error;
  return (
    <Card title="Generated burst">
      <form onSubmit={start} aria-label="Generated burst">
        <Field label="Dataset" name="dataset_id" error={error}><DatasetSelect datasets={datasets} value={dataset} onChange={setDataset} /></Field>
        <Field label="Pattern" name="pattern" error={null}>
          <select value={pattern} onChange={(e) => setPattern(e.target.value as Pattern)}>
            <option value="steady">steady</option><option value="ramp">ramp up</option><option value="spike">spike</option>
          </select>
        </Field>
        <Field label="Events per second" name="rate" error={null}><input value={rate} onChange={(e) => setRate(e.target.value)} /></Field>
        <Field label="Duration (s)" name="duration" error={null}><input value={duration} onChange={(e) => setDuration(e.target.value)} /></Field>
        <FormError error={error} fields={['dataset_id']} />
        <div className="row">
          <button type="submit" disabled={running}>Start burst</button>
          {running && <button type="button" className="secondary" onClick={() => { stop.current = true; }}>Stop</button>}
        </div>
        {progress && <p data-testid="burst-progress">{progress.second} of {progress.of} s sent, {progress.accepted} events accepted</p>}
      </form>
    </Card>
  );
}
