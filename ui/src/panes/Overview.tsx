import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type Tier } from '../api';
import { Card, ErrorMessage, useLoad } from '../components/ui';
import { bytes, money, monthlyCost, secondaryCost, storeFor, storeOf } from '../format';
import { TERMINAL } from '../jobs';
import { useLive } from '../live';

export const TIER_COLORS: Record<Tier, string> = { hot: '#e4572e', warm: '#f3a712', cold: '#3f88c5' };

export function Overview() {
  const { jobs, samples } = useLive();
  const { data, error } = useLoad(async () => {
    const [datasets, recommendations, health, stores] = await Promise.all([
      api.datasets(), api.recommendations(), api.health(), api.stores()]);
    return { datasets: datasets.items, recommendations, roots: health.storage?.roots ?? [], stores };
  });

  const datasets = data?.datasets ?? [];
  const perTier = (['hot', 'warm', 'cold'] as Tier[]).map((tier) => ({
    tier, count: datasets.filter((d) => d.current_tier === tier).length,
  }));
  const perStore = new Map<string, number>();
  for (const d of datasets) {
    // every copy takes space where it is: the primary and each secondary replica
    const copies = d.replicas?.length ? d.replicas : [{ uri: d.path_uri, size_bytes: d.size_bytes }];
    for (const c of copies) {
      const store = storeFor(c.uri, data?.stores)?.name ?? storeOf(c.uri, data?.roots);
      perStore.set(store, (perStore.get(store) ?? 0) + c.size_bytes);
    }
  }
  const recommended = new Map(data?.recommendations.map((r) => [r.dataset_id, r.tier]) ?? []);
  // a recommendation changes the class, not the store: both are priced at the dataset's own store
  const priced = (d: (typeof datasets)[number], tier: Tier) => monthlyCost(d.size_bytes, tier, storeFor(d.path_uri, data?.stores));
  // secondary replicas are billed too, where they are: a recommendation moves the primary only
  const secondaries = datasets.reduce((s, d) => s + secondaryCost(d.replicas, data?.stores, d.current_tier), 0);
  const costNow = secondaries + datasets.reduce((s, d) => s + priced(d, d.current_tier), 0);
  const costApplied = secondaries + datasets.reduce((s, d) => s + priced(d, recommended.get(d.id) ?? d.current_tier), 0);
  const all = [...jobs.values()];
  const running = all.filter((j) => !TERMINAL.has(j.state)).length;
  const failed = all.filter((j) => j.state === 'failed').length;
  const rate = samples.at(-1)?.eventsPerSecond ?? 0;

  return (
    <div className="pane">
      <h1>Overview</h1>
      <ErrorMessage error={error} />
      <div className="stats">
        <Stat label="Datasets" value={datasets.length} />
        <Stat label="Jobs running" value={running} testId="jobs-running" />
        <Stat label="Jobs failed" value={failed} testId="jobs-failed" tone={failed ? 'bad' : undefined} />
        <Stat label="Events / s (live)" value={rate.toFixed(1)} testId="events-rate" />
        <Stat label="Monthly cost now" value={money(costNow)} />
        <Stat label="…with every recommendation applied" value={money(costApplied)}
          tone={costApplied < costNow ? 'good' : undefined} />
      </div>
      <div className="grid">
        <Card title="Datasets per tier">
          <ResponsiveContainer width="100%" height={220}>
            <PieChart>
              <Pie data={perTier.filter((t) => t.count > 0)} dataKey="count" nameKey="tier" outerRadius={80} label isAnimationActive={false}>
                {perTier.filter((t) => t.count > 0).map((t) => <Cell key={t.tier} fill={TIER_COLORS[t.tier]} />)}
              </Pie>
              <Legend />
              <Tooltip />
            </PieChart>
          </ResponsiveContainer>
        </Card>
        <Card title="Bytes per store">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={[...perStore].map(([store, size]) => ({ store, size }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="store" />
              <YAxis tickFormatter={(v: number) => bytes(v)} width={80} />
              <Tooltip formatter={(v) => bytes(Number(v))} />
              <Bar dataKey="size" fill="#3f88c5" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </Card>
        <Card title="Access events per second (live)" className="wide">
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={samples.map((s) => ({ ...s, time: new Date(s.t).toLocaleTimeString() }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="time" minTickGap={40} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Line type="monotone" dataKey="eventsPerSecond" name="events/s" stroke="#e4572e" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </Card>
      </div>
    </div>
  );
}

function Stat({ label, value, testId, tone }: { label: string; value: string | number; testId?: string; tone?: 'good' | 'bad' }) {
  return (
    <div className={`stat ${tone ?? ''}`} data-testid={testId}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
