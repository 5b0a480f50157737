import { describe, expect, it } from 'vitest';
import { bytes, metricByLabel, metricValue, money, monthlyCost, price, replicaTier, secondaryCost, storeFor, storeOf } from './format';
import type { Replica, Store } from './api';

const METRICS = `# HELP dim_access_events_ingested_total
dim_access_events_ingested_total{camelContext="data-in-motion"} 52.0
dim_bytes_migrated_bytes_total 9437184.0
dim_job_transitions_total{state="completed"} 2.0
dim_job_transitions_total{state="failed"} 1.0
dim_http_requests_total{method="GET",path="/datasets",status="200"} 3.0
dim_http_requests_total{method="POST",path="/datasets",status="400"} 1.0
dim_http_requests_total{method="POST",path="/policies",status="400"} 2.0
`;

describe('reading /metrics', () => {
  it('sums a metric over its series', () => {
    expect(metricValue(METRICS, 'dim_access_events_ingested_total')).toBe(52);
    expect(metricValue(METRICS, 'dim_bytes_migrated_bytes_total')).toBe(9437184);
    expect(metricValue(METRICS, 'dim_http_requests_total', { status: '400' })).toBe(3);
    expect(metricValue(METRICS, 'dim_missing_total')).toBe(0);
  });

  it('groups a metric by one label', () => {
    expect(metricByLabel(METRICS, 'dim_job_transitions_total', 'state')).toEqual({ completed: 2, failed: 1 });
    expect(metricByLabel(METRICS, 'dim_http_requests_total', 'status')).toEqual({ '200': 3, '400': 3 });
  });
});

describe('what a person reads', () => {
  it('shows sizes in binary units', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1048576)).toBe('1 MiB');
    expect(bytes(8 * 1024 ** 3)).toBe('8 GiB');
  });

  it('names the store of a location by its scheme and root', () => {
    expect(storeOf('file:///srv/dim/storage/ds1', ['/srv/dim/storage'])).toBe('file:storage');
    expect(storeOf('s3://bucket/ds1')).toBe('s3:bucket');
  });

  it('shows money with cents, and fractions of a cent with two significant digits', () => {
    expect(money(12.5)).toBe('$12.50');
    expect(money(0.000184)).toBe('$0.00018');
    expect(money(0)).toBe('$0.00');
  });

  it('shows unit prices as listed', () => {
    expect(price(0.023)).toBe('$0.023');
    expect(price(0.0125)).toBe('$0.0125');
    expect(price(0.00099)).toBe('$0.00099');
  });

  it('prices a GiB a month by tier', () => {
    expect(monthlyCost(1024 ** 3, 'hot')).toBeCloseTo(0.023);
    expect(monthlyCost(1024 ** 3, 'cold')).toBeCloseTo(0.004);
  });
});

describe('registered stores', () => {
  const store = (name: string, uri_prefix: string, cold?: number): Store => ({
    name, uri_prefix, region: null, encryption: null, created_at: '', updated_at: '',
    classes: cold === undefined ? {} : { cold: { storage_class: 'DEEP_ARCHIVE', cost_per_gb_month: cold, retrieval_cost_per_gb: 0,
      egress_cost_per_gb: 0, min_storage_days: 180, first_byte_latency_ms: 0 } },
  });
  const stores = [store('local', 'file:///srv/storage'), store('archive', 's3://b/archive/', 0.001), store('deep', 's3://b/archive/deep', 0.0005)];

  it('a location belongs to the store with the longest prefix that holds it', () => {
    expect(storeFor('s3://b/archive/deep/ds1', stores)?.name).toBe('deep');
    expect(storeFor('s3://b/archive/ds1', stores)?.name).toBe('archive');
    expect(storeFor('file:///srv/storage/ds1', stores)?.name).toBe('local');
    expect(storeFor('file:///srv/storage-other/ds1', stores)).toBeUndefined();
  });

  it("a dataset is priced at its store's class, else at the defaults", () => {
    expect(monthlyCost(1024 ** 3, 'cold', stores[1])).toBeCloseTo(0.001);
    expect(monthlyCost(1024 ** 3, 'hot', stores[1])).toBeCloseTo(0.023);
  });

  it("a secondary replica is priced in its own store's class, found by the class's name; the primary is not", () => {
    const replica = (uri: string, storage_class: string, is_primary = false): Replica => ({
      id: 1, uri, storage_class, checksum_sha256: null, size_bytes: 2 * 1024 ** 3, is_primary, created_at: '' });
    const copy = replica('s3://b/archive/ds1', 'DEEP_ARCHIVE');
    expect(replicaTier(copy, stores)).toBe('cold');
    expect(replicaTier(replica('file:///srv/storage/ds1', 'warm'), stores)).toBe('warm');
    expect(replicaTier(replica('s3://b/archive/ds1', 'RENAMED'), stores, 'hot')).toBe('hot');
    // 2 GiB at the archive store's 0.001; the primary is priced with the dataset, not here
    expect(secondaryCost([replica('file:///srv/storage/ds1', 'hot', true), copy], stores)).toBeCloseTo(0.002);
  });
});
