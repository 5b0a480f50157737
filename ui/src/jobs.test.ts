import { describe, expect, it } from 'vitest';
import { applyEvent, eta, percent, type LiveJob, type StatusEvent } from './jobs';

const event = (over: Partial<StatusEvent>): StatusEvent => ({
  job_id: 7, job_key: 'k', dataset_id: 3, state: 'copying', attempt: 1, bytes_done: 0, bytes_total: 1000,
  target_uri: 'file:///s/ds_cold', error: null, ts: '2026-01-01T00:00:00Z', ...over,
});

describe('folding the SSE stream into jobs', () => {
  it('a job first seen on the stream shows what the event says', () => {
    const jobs = applyEvent(new Map(), event({ state: 'queued' }));
    expect(jobs.get(7)).toMatchObject({ id: 7, dataset_id: 3, state: 'queued', bytes_total: 1000 });
  });

  it('progress ticks move the bar and give a throughput and an ETA', () => {
    let jobs = applyEvent(new Map(), event({ bytes_done: 0 }));
    jobs = applyEvent(jobs, event({ bytes_done: 500, ts: '2026-01-01T00:00:01Z' }));
    const job = jobs.get(7) as LiveJob;
    expect(percent(job.bytes_done, job.bytes_total)).toBe(50);
    expect(job.throughput).toBe(500);
    expect(eta(job)).toBe(1);
  });

  it('a completed job has no ETA', () => {
    let jobs = applyEvent(new Map(), event({ bytes_done: 0 }));
    jobs = applyEvent(jobs, event({ state: 'completed', bytes_done: 1000, ts: '2026-01-01T00:00:02Z' }));
    expect(jobs.get(7)?.state).toBe('completed');
    expect(eta(jobs.get(7) as LiveJob)).toBeNull();
  });

  it('a late event of an earlier attempt does not roll a retried job back', () => {
    let jobs = applyEvent(new Map(), event({ state: 'copying', attempt: 2 }));
    jobs = applyEvent(jobs, event({ state: 'failed', attempt: 1, error: 'boom' }));
    expect(jobs.get(7)).toMatchObject({ state: 'copying', attempt: 2, error: null });
  });

  it('percent is bounded and safe for empty datasets', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(2000, 1000)).toBe(100);
  });
});
