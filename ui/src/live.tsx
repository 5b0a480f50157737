import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, eventsUrl } from './api';
import { applyEvent, fromJob, type LiveJob, type StatusEvent } from './jobs';
import { metricValue } from './format';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export interface Sample { t: number; eventsPerSecond: number; bytesMigrated: number; eventsTotal: number }

interface Live {
  jobs: Map<number, LiveJob>;
  stream: StreamState;
  /** set after the stream came back from a loss, so the UI can say so */
  reconnectedAt: number | null;
  samples: Sample[];
  metricsText: string;
  refreshJobs: () => Promise<void>;
}

const LiveContext = createContext<Live | null>(null);

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside LiveProvider');
  return live;
}

const SAMPLE_EVERY_MS = 2000;
const KEEP_SAMPLES = 90;

/** One SSE connection and one metrics sampler for the whole app, shared by every pane. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [jobs, setJobs] = useState<Map<number, LiveJob>>(new Map());
  const [stream, setStream] = useState<StreamState>('connecting');
  const [reconnectedAt, setReconnectedAt] = useState<number | null>(null);
  const [samples, setSamples] = useState<Sample[]>([]);
  const [metricsText, setMetricsText] = useState('');
  const lost = useRef(false);

  const refreshJobs = useCallback(async () => {
    const page = await api.jobs();
    setJobs((current) => {
      const next = new Map(current);
      for (const j of page.items) {
        const known = current.get(j.id);
        // the stream may already know a later state than the listing read a moment ago
        if (!known || known.attempt < j.attempt || Date.parse(j.updated_at) >= Date.parse(known.seen_at)) {
          next.set(j.id, { ...fromJob(j), throughput: known?.throughput ?? null });
        }
      }
      return next;
    });
  }, []);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const open = () => {
      source = new EventSource(eventsUrl());
      source.onopen = () => {
        setStream('live');
        if (lost.current) {
          lost.current = false;
          setReconnectedAt(Date.now());
        }
        // anything that happened while the stream was down is in the listing
        refreshJobs().catch(() => undefined);
      };
      source.addEventListener('job', (m) => {
        const e = JSON.parse((m as MessageEvent).data) as StatusEvent;
        setJobs((current) => applyEvent(current, e));
      });
      source.onerror = () => {
        lost.current = true;
        setStream('reconnecting');
        // the browser retries by itself unless the server refused the stream outright
        if (source?.readyState === EventSource.CLOSED && !closed) {
          source.close();
          retry = setTimeout(open, 2000);
        }
      };
    };
    open();
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [refreshJobs]);

  useEffect(() => {
    let last: { t: number; events: number } | null = null;
    let stopped = false;
    const sample = async () => {
      try {
        const text = await api.metrics();
        if (stopped) return;
        const t = Date.now();
        const events = metricValue(text, 'dim_access_events_ingested_total');
        const migrated = metricValue(text, 'dim_bytes_migrated_bytes_total');
        const rate = last && t > last.t ? Math.max(0, (events - last.events) / ((t - last.t) / 1000)) : 0;
        last = { t, events };
        setMetricsText(text);
        setSamples((s) => [...s.slice(-(KEEP_SAMPLES - 1)), { t, eventsPerSecond: rate, bytesMigrated: migrated, eventsTotal: events }]);
      } catch {
        // the stream banner already says when the service is away
      }
    };
    sample();
    const timer = setInterval(sample, SAMPLE_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  return (
    <LiveContext.Provider value={{ jobs, stream, reconnectedAt, samples, metricsText, refreshJobs }}>
      {children}
    </LiveContext.Provider>
  );
}
