import type { Job } from './api';

/** One `event: job` frame of GET /events. */
export interface StatusEvent {
  job_id: number; job_key: string; kind?: 'move' | 'replicate'; dataset_id: number; state: string; attempt: number;
  bytes_done: number; bytes_total: number; objects_done?: number; objects_total?: number;
  target_uri: string; error: string | null; ts: string;
}

/** What the Jobs pane shows of a job: the last known record plus the rate seen on the stream. */
export interface LiveJob extends Job {
  /** bytes per second between the last two progress events, when the stream saw them */
  throughput: number | null;
  /** when the last event arrived, by the event's own clock */
  seen_at: string;
}

export const TERMINAL = new Set(['completed', 'failed']);

export function fromJob(job: Job): LiveJob {
  return { ...job, throughput: null, seen_at: job.updated_at };
}

/** Folds a stream event into the known jobs; a job first seen on the stream gets what the event says. */
export function applyEvent(jobs: Map<number, LiveJob>, e: StatusEvent): Map<number, LiveJob> {
  const next = new Map(jobs);
  const prev = jobs.get(e.job_id);
  // events of an older attempt, arriving late, must not roll a retried job back
  if (prev && e.attempt < prev.attempt) return jobs;
  let throughput = prev?.throughput ?? null;
  if (prev && e.bytes_done > prev.bytes_done) {
    const seconds = (Date.parse(e.ts) - Date.parse(prev.seen_at)) / 1000;
    if (seconds > 0) throughput = (e.bytes_done - prev.bytes_done) / seconds;
  }
  next.set(e.job_id, {
    ...(prev ?? {
      id: e.job_id, job_key: e.job_key, dataset_id: e.dataset_id, source_uri: '', target_uri: e.target_uri,
      storage_class: 'hot', checksum_sha256: null, failure_injected: false, created_at: e.ts,
      started_at: null, finished_at: null,
    }),
    kind: e.kind ?? prev?.kind, state: e.state, attempt: e.attempt, bytes_done: e.bytes_done, bytes_total: e.bytes_total,
    objects_done: e.objects_done ?? prev?.objects_done, objects_total: e.objects_total ?? prev?.objects_total,
    target_uri: e.target_uri, error: e.error, updated_at: e.ts, seen_at: e.ts, throughput,
  } as LiveJob);
  return next;
}

/** Seconds left at the last seen rate, or null when it cannot be told. */
export function eta(job: LiveJob): number | null {
  if (TERMINAL.has(job.state) || !job.throughput || job.bytes_total <= job.bytes_done) return null;
  return (job.bytes_total - job.bytes_done) / job.throughput;
}

export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.round((done / total) * 100));
}
