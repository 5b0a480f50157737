// One place that talks to the service: JSON in and out, and the API's {"error","field"} bodies
// turned into an ApiError that forms can show next to the field it names.

export type Tier = 'hot' | 'warm' | 'cold';

export interface Replica {
  /** the store's own name for the class (STANDARD_IA, NEARLINE, or a tier's name in a file store) */
  id: number; uri: string; storage_class: string; checksum_sha256: string | null;
  size_bytes: number; is_primary: boolean; created_at: string;
}
export interface Dataset {
  id: number; name: string; path_uri: string; size_bytes: number; current_tier: Tier;
  policy_id: number | null; checksum_sha256: string | null; last_access_ts: string | null;
  created_at: string; updated_at: string; replicas?: Replica[];
}
export interface Page<T> { items: T[]; total: number; limit: number; offset: number }
export interface Recommendation {
  id: number; dataset_id: number; tier: Tier; confidence: number; reason: string;
  model_version: string; created_at: string;
}
export interface Policy {
  id: number; name: string; latency_slo_ms: number; max_cost_per_gb_month: number | null;
  min_redundancy: number; created_at: string;
  mode?: 'recommend' | 'auto'; encryption_required?: boolean;
  preferred_regions?: string[]; excluded_regions?: string[];
}
export interface Model {
  id: number; name: string; version: number; algorithm: string;
  params: Record<string, number>; metrics: Record<string, number>; created_at: string;
}
export interface StoreClass {
  storage_class: string; cost_per_gb_month: number; retrieval_cost_per_gb: number; egress_cost_per_gb: number;
  put_cost_per1k?: number; get_cost_per1k?: number; min_storage_days: number; first_byte_latency_ms: number;
}
export interface Store {
  name: string; uri_prefix: string; region: string | null; encryption: string | null;
  classes: Partial<Record<Tier, StoreClass>>; created_at: string; updated_at: string;
}
export interface ActivityWindow {
  window_start: string; window_ms: number; read_count: number; write_count: number; read_bytes: number;
  write_bytes: number; latency_avg_ms: number | null; latency_max_ms: number; first_ts: string; last_ts: string;
}
/** One snapshot of GET /costs/history: what each tier held and cost at a window close. */
export interface CostPoint {
  taken_at: string; total_cost_per_month: number;
  tiers: Record<Tier, { datasets: number; size_bytes: number; cost_per_month: number }>;
}
/** One policy of a POST /simulate report: its bill, SLO misses, migrations and cost over the optimum's. */
export interface SimPolicy {
  name: string; description: string; total_cost: number; storage: number; retrieval: number; requests: number;
  migration: number; early_deletion: number; slo_misses: number; migrations: number; cost_vs_optimum: number;
}
export interface SimReport {
  trace: { events: number; datasets: number; days: number; first_day: string; last_day: string };
  provider: string; classes: string[]; policies: SimPolicy[]; timing: { elapsed_ms: number };
}
export interface JobEvent { state: string; bytes_done: number; bytes_total: number; message: string | null; ts: string }
export interface ManifestEntry { object_key: string; size_bytes: number; sha256: string; verified: boolean }
export interface Job {
  id: number; job_key: string; dataset_id: number; source_uri: string; target_uri: string;
  /** move: the primary goes to the target; replicate: a secondary copy is made there, the source stays */
  kind?: 'move' | 'replicate';
  storage_class: Tier; state: string; attempt: number; bytes_done: number; bytes_total: number;
  objects_done?: number; objects_total?: number; checksum_sha256: string | null; error: string | null; failure_injected: boolean;
  created_at: string; updated_at: string; started_at: string | null; finished_at: string | null;
  events?: JobEvent[]; objects?: ManifestEntry[]; objects_next_after?: string | null;
}
export interface Health {
  status: string;
  storage?: { status: string; roots?: string[]; backends?: Record<string, string> };
  kafka?: { status: string }; database?: { status: string };
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field: string | null) {
    super(message);
  }
}

const KEY = 'dim.apiKey';
export const apiKey = {
  get: () => sessionStorage.getItem(KEY) ?? '',
  set: (v: string) => (v ? sessionStorage.setItem(KEY, v) : sessionStorage.removeItem(KEY)),
};

/** The SSE stream's address: browsers cannot give EventSource a header, so the key goes in the query. */
export function eventsUrl(): string {
  const key = apiKey.get();
  return key ? `/events?api_key=${encodeURIComponent(key)}` : '/events';
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const key = apiKey.get();
  if (key) headers['X-API-Key'] = key;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The service cannot be reached. Is it running?', null);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = json as { error?: string; field?: string | null } | null;
    const message = e?.error ?? (text || res.statusText || 'request failed');
    throw new ApiError(res.status, message, e?.field ?? null);
  }
  return json as T;
}

export const api = {
  health: () => request<Health>('GET', '/health').catch((e: ApiError) => {
    if (e.status === 503) return { status: 'DOWN' } as Health;
    throw e;
  }),
  datasets: () => request<Page<Dataset>>('GET', '/datasets?limit=500'),
  dataset: (id: number) => request<Dataset>('GET', `/datasets/${id}`),
  createDataset: (body: object) => request<Dataset>('POST', '/datasets', body),
  activity: (id: number) => request<ActivityWindow[]>('GET', `/datasets/${id}/activity`),
  patchDataset: (id: number, body: object) => request<Dataset>('PATCH', `/datasets/${id}`, body),
  seed: (id: number, size?: number) => request<Dataset>('POST', `/datasets/${id}/seed`,
    size === undefined ? {} : { size_bytes: size }),
  postEvents: (events: object | object[]) => request<{ accepted: number }>('POST', '/access-events', events),
  train: () => request<Model>('POST', '/train'),
  models: () => request<Model[]>('GET', '/models'),
  recommendations: (datasetId?: number) => request<Recommendation[]>('GET',
    datasetId === undefined ? '/recommendations' : `/recommendations?dataset_id=${datasetId}`),
  policies: () => request<Policy[]>('GET', '/policies'),
  stores: () => request<Store[]>('GET', '/stores'),
  createStore: (body: object) => request<Store>('POST', '/stores', body),
  createPolicy: (body: object) => request<Policy>('POST', '/policies', body),
  patchPolicy: (id: number, body: object) => request<Policy>('PATCH', `/policies/${id}`, body),
  patchStore: (name: string, body: object) => request<Store>('PATCH', `/stores/${encodeURIComponent(name)}`, body),
  costHistory: (since?: string) => request<CostPoint[]>('GET',
    since ? `/costs/history?since=${encodeURIComponent(since)}` : '/costs/history'),
  simulate: (body: object) => request<SimReport>('POST', '/simulate', body),
  plan: (body: object) => request<Job>('POST', '/plan-migration', body),
  jobs: (query = '') => request<Page<Job>>('GET', `/jobs?limit=100${query}`),
  job: (id: number) => request<Job>('GET', `/jobs/${id}`),
  injectFailure: (id: number) => request<unknown>('POST', `/jobs/${id}/inject-failure`),
  retry: (id: number) => request<unknown>('POST', `/jobs/${id}/retry`),
  metrics: async (): Promise<string> => {
    const key = apiKey.get();
    const res = await fetch('/metrics', key ? { headers: { 'X-API-Key': key } } : undefined);
    if (!res.ok) throw new ApiError(res.status, `metrics: ${res.statusText}`, null);
    return res.text();
  },
};
