import { useEffect, useState } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { apiKey } from './api';
import { LiveProvider, useLive } from './live';
import { Overview } from './panes/Overview';
import { Datasets } from './panes/Datasets';
import { DatasetDetail } from './panes/DatasetDetail';
import { CreateDataset } from './panes/CreateDataset';
import { AccessEvents } from './panes/AccessEvents';
import { Training } from './panes/Training';
import { Jobs } from './panes/Jobs';
import { Policies } from './panes/Policies';
import { Metrics } from './panes/Metrics';

// Client-side routes live under /ui/ so that a reload never collides with an API path
// (/datasets is the API; /ui/datasets is this page). The service answers /ui/* with index.html.
const PANES = [
  ['/', 'Overview'],
  ['/ui/datasets', 'Datasets'],
  ['/ui/datasets/new', 'Create dataset'],
  ['/ui/access-events', 'Access events'],
  ['/ui/training', 'Training'],
  ['/ui/jobs', 'Jobs'],
  ['/ui/policies', 'Policies & stores'],
  ['/ui/metrics', 'Metrics & savings'],
] as const;

export function App() {
  return (
    <LiveProvider>
      <div className="shell">
        <nav className="sidebar" aria-label="Panes">
          <div className="brand">Data in Motion</div>
          {PANES.map(([to, label]) => (
            <NavLink key={to} to={to} end>{label}</NavLink>
          ))}
          <a href="/docs" target="_blank" rel="noreferrer">API docs ↗</a>
          <ApiKeyField />
        </nav>
        <main>
          <StreamBanner />
          <Routes>
            <Route path="/" element={<Overview />} />
            <Route path="/ui" element={<Navigate to="/" replace />} />
            <Route path="/ui/datasets" element={<Datasets />} />
            <Route path="/ui/datasets/new" element={<CreateDataset />} />
            <Route path="/ui/datasets/:id" element={<DatasetDetail />} />
            <Route path="/ui/access-events" element={<AccessEvents />} />
            <Route path="/ui/training" element={<Training />} />
            <Route path="/ui/jobs" element={<Jobs />} />
            <Route path="/ui/jobs/:id" element={<Jobs />} />
            <Route path="/ui/policies" element={<Policies />} />
            <Route path="/ui/metrics" element={<Metrics />} />
            <Route path="*" element={<p>No such page. <NavLink to="/">Back to the overview</NavLink></p>} />
          </Routes>
        </main>
      </div>
    </LiveProvider>
  );
}

/** Says when live updates are lost and when they are back. */
export function StreamBanner() {
  const { stream, reconnectedAt } = useLive();
  const [showBack, setShowBack] = useState(false);
  useEffect(() => {
    if (!reconnectedAt) return;
    setShowBack(true);
    const t = setTimeout(() => setShowBack(false), 5000);
    return () => clearTimeout(t);
  }, [reconnectedAt]);
  if (stream === 'reconnecting') {
    return <div className="banner warn" role="status">Live updates lost — reconnecting…</div>;
  }
  if (showBack) return <div className="banner ok" role="status">Live updates reconnected.</div>;
  return (
    <div className="stream-dot" data-stream={stream} title={`live updates: ${stream}`}>
      {stream === 'live' ? '● live' : '○ connecting'}
    </div>
  );
}

function ApiKeyField() {
  const [key, setKey] = useState(apiKey.get());
  return (
    <label className="api-key">
      <span>API key</span>
      <input type="password" value={key} placeholder="none" autoComplete="off"
        onChange={(e) => { setKey(e.target.value); apiKey.set(e.target.value); }} />
      <small>kept for this tab only</small>
    </label>
  );
}
