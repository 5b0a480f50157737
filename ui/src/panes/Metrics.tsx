import { useEffect } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type Tier } from '../api';
import { Card, ErrorMessage, useLoad } from '../components/ui';
import { bytes, metricByLabel, money, monthlyCost, storeFor } from '../format';
import { useLive } from '../live';
import { TIER_COLORS } from './Overview';
import { Replay } from './Replay';

const STATE_COLORS: Record<string, string> = { completed: '#2a9d8f', failed: '#d62828' };

export function Metrics() {
  const { samples, metricsText } = useLive();
  const data = useLoad(async () => {
    const [d, r, stores] = await Promise.all([api.datasets(), api.recommendations(), api.stores()]);
    return { datasets: d.items, recs: new Map(r.map((x) => [x.dataset_id, x.tier])), stores };
  });
  const transitions = metricByLabel(metricsText, 'dim_job_transitions_total', 'state');
  const outcomes = Object.entries(transitions).map(([state, count]) => ({ state, count }));
  const byStatus = metricByLabel(metricsText, 'dim_http_requests_total', 'status');
  const cost = (['hot', 'warm', 'cold'] as Tier[]).map((tier) => ({
    tier,
    now: (data.data?.datasets ?? []).filter((d) => d.current_tier === tier).reduce((s, d) => s + monthlyCost(d.size_bytes, tier, storeFor(d.path_uri, data.data?.stores)), 0),
    recommended: (data.data?.datasets ?? []).filter((d) => (data.data?.recs.get(d.id) ?? d.current_tier) === tier)
      .reduce((s, d) => s + monthlyCost(d.size_bytes, tier, storeFor(d.path_uri, data.data?.stores)), 0),
  }));
  const series = samples.map((s) => ({ time: new Date(s.t).toLocaleTimeString(), migrated: s.bytesMigrated, events: s.eventsTotal }));
  return (
    <div className="pane">
      <h1>Metrics & savings</h1>
      <ErrorMessage error={data.error} />
      <div className="grid">
        <Card title="Bytes migrated (since the service started)">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={series}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="time" minTickGap={40} />
              <YAxis tickFormatter={(v: number) => bytes(v)} width={80} /><Tooltip formatter={(v) => bytes(Number(v))} />
              <Line dataKey="migrated" name="bytes migrated" stroke="#3f88c5" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </Card>
        <Card title="Job transitions by state">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={outcomes}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="state" interval={0} tick={{ fontSize: 11 }} /><YAxis allowDecimals={false} /><Tooltip />
              <Bar dataKey="count" isAnimationActive={false}>
                {outcomes.map((o) => <Cell key={o.state} fill={STATE_COLORS[o.state] ?? '#8d99ae'} />)}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </Card>
        <Card title="Monthly cost by tier: now vs recommended">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={cost}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="tier" /><YAxis tickFormatter={(v: number) => money(v)} width={70} />
              <Tooltip formatter={(v) => money(Number(v))} /><Legend />
              <Bar dataKey="now" name="now" fill="#8d99ae" isAnimationActive={false} />
              <Bar dataKey="recommended" name="with recommendations" fill="#3f88c5" isAnimationActive={false}>
                {cost.map((c) => <Cell key={c.tier} fill={TIER_COLORS[c.tier]} />)}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
          <p className="small">Each dataset at its registered store's price for the class, per GB-month.</p>
        </Card>
        <CostHistory />
        <Card title="HTTP responses by status">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={Object.entries(byStatus).map(([status, count]) => ({ status, count }))}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="status" /><YAxis allowDecimals={false} /><Tooltip />
              <Bar dataKey="count" fill="#2a9d8f" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </Card>
        <Replay />
      </div>
    </div>
  );
}

const TIERS: Tier[] = ['hot', 'warm', 'cold'];

/** GET /costs/history: the monthly cost of each tier at every window close, stacked. */
export function CostHistory() {
  const history = useLoad(() => api.costHistory());
  useEffect(() => {
    const timer = setInterval(() => { history.reload(); }, 60_000);
    return () => clearInterval(timer);
  }, [history.reload]);
  const data = history.data ?? [];
  // within a day the time of day tells the points apart; over days, the date and hour
  const withinDay = data.length > 0 && Date.parse(data[data.length - 1].taken_at) - Date.parse(data[0].taken_at) < 86_400_000;
  const points = data.map((p) => ({
    time: withinDay ? new Date(p.taken_at).toLocaleTimeString()
      : new Date(p.taken_at).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
    ...Object.fromEntries(TIERS.map((t) => [t, p.tiers[t]?.cost_per_month ?? 0])),
    ...Object.fromEntries(TIERS.map((t) => [`${t}_bytes`, p.tiers[t]?.size_bytes ?? 0])),
  }));
  return (
    <Card title="Monthly cost by tier over time" className="wide">
      <ErrorMessage error={history.error} />
      {history.data && points.length === 0 ? (
        <p className="empty">No history yet: the cost of each tier is recorded at every window close.</p>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <AreaChart data={points} data-testid="cost-history">
            <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="time" minTickGap={60} />
            <YAxis tickFormatter={(v: number) => money(v)} width={70} />
            <Tooltip formatter={(v, name, item) => [`${money(Number(v))} (${bytes(Number(item.payload[`${String(name)}_bytes`]))})`, name]} />
            <Legend />
            {TIERS.map((t) => (
              <Area key={t} dataKey={t} name={t} stackId="cost" type="stepAfter" stroke={TIER_COLORS[t]} fill={TIER_COLORS[t]}
                fillOpacity={0.5} isAnimationActive={false} />))}
          </AreaChart>
        </ResponsiveContainer>
      )}
      <p className="small">Each dataset at its store's price for the class where it was at that time, per month.</p>
    </Card>
  );
}
