import type { Replica, Store, StoreClass, Tier } from './api';

export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : parseFloat(v.toFixed(v < 10 ? 2 : 1))} ${units[i]}`;
}

export function ago(ts: string | null, now = Date.now()): string {
  if (!ts) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(ts)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function money(n: number): string {
  // small datasets cost fractions of a cent: keep two significant digits rather than show $0.0000
  if (n !== 0 && Math.abs(n) < 0.01) return `$${n.toPrecision(2)}`;
  return `$${n.toFixed(2)}`;
}

/** A unit price as the provider lists it: $0.023, $0.0125, $0.00099. */
export function price(n: number): string {
  return `$${parseFloat(n.toPrecision(3))}`;
}

// The service's defaults for file stores, used when no registered store holds a location.
export const PRICE_PER_GB_MONTH: Record<Tier, number> = { hot: 0.023, warm: 0.0125, cold: 0.004 };

/** The registered store a location lies in: the longest prefix that holds it. */
export function storeFor(uri: string, stores: Store[] = []): Store | undefined {
  const holds = (s: Store) => {
    const prefix = s.uri_prefix.endsWith('/') ? s.uri_prefix : `${s.uri_prefix}/`;
    return uri.startsWith(prefix) || uri === s.uri_prefix;
  };
  return stores.filter(holds).sort((a, b) => b.uri_prefix.length - a.uri_prefix.length)[0];
}

/** What a dataset of this size costs a month in a tier: at its store's price for the class when known. */
export function monthlyCost(sizeBytes: number, tier: Tier, store?: Store): number {
  const price = store?.classes[tier]?.cost_per_gb_month ?? PRICE_PER_GB_MONTH[tier];
  return (sizeBytes / 1024 ** 3) * price;
}

/** The tier a replica is in: the tier whose class in its store has the replica's class name. */
export function replicaTier(replica: Replica, stores: Store[] = [], fallback: Tier = 'hot'): Tier {
  const store = storeFor(replica.uri, stores);
  const found = (Object.entries(store?.classes ?? {}) as [Tier, StoreClass | undefined][])
    .find(([, c]) => c?.storage_class === replica.storage_class);
  if (found) return found[0];
  return (['hot', 'warm', 'cold'] as Tier[]).includes(replica.storage_class as Tier) ? replica.storage_class as Tier : fallback;
}

/** What a dataset's secondary replicas cost a month, each in its own store's class. */
export function secondaryCost(replicas: Replica[] = [], stores: Store[] = [], fallback: Tier = 'hot'): number {
  return replicas.filter((r) => !r.is_primary)
    .reduce((sum, r) => sum + monthlyCost(r.size_bytes, replicaTier(r, stores, fallback), storeFor(r.uri, stores)), 0);
}

/** The store of a location: its scheme and, for files, the storage root it lies in. */
export function storeOf(uri: string, roots: string[] = []): string {
  const scheme = uri.split('://')[0] ?? 'file';
  if (scheme === 'file') {
    const path = uri.slice('file://'.length);
    const root = roots.find((r) => path.startsWith(r));
    return root ? `file:${root.split('/').pop()}` : 'file';
  }
  const host = uri.split('://')[1]?.split('/')[0] ?? '';
  return `${scheme}:${host}`;
}

/** Sample value of one Prometheus metric, summed over the series that match the label filter. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const series = parseLabels(m[2] ?? '');
    if (Object.entries(labels).every(([k, v]) => series[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

/** Every series of a metric, by the value of one label. */
export function metricByLabel(text: string, name: string, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const key = parseLabels(m[2] ?? '')[label];
    if (key !== undefined) out[key] = (out[key] ?? 0) + Number(m[3]);
  }
  return out;
}

function parseLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) out[m[1]] = m[2];
  return out;
}
