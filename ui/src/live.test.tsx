import { act, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamBanner } from './App';
import { LiveProvider } from './live';
import { Jobs } from './panes/Jobs';
import { FakeEventSource, fakeApi } from './test/fakeServer';

const JOB = {
  id: 5, job_key: 'k5', dataset_id: 2, source_uri: 'file:///s/ds', target_uri: 'file:///s/ds_cold', storage_class: 'cold',
  state: 'queued', attempt: 1, bytes_done: 0, bytes_total: 4194304, checksum_sha256: null, error: null,
  failure_injected: false, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', started_at: null, finished_at: null,
};
const tick = (state: string, done: number, second: number) => ({
  job_id: 5, job_key: 'k5', dataset_id: 2, state, attempt: 1, bytes_done: done, bytes_total: 4194304,
  target_uri: 'file:///s/ds_cold', error: null, ts: `2026-01-01T00:00:0${second}Z`,
});

beforeEach(() => {
  vi.stubGlobal('EventSource', FakeEventSource);
  fakeApi({
    'GET /jobs': { body: { items: [JOB], total: 1, limit: 100, offset: 0 } },
    'GET /jobs/5': { body: { ...JOB, events: [{ state: 'queued', bytes_done: 0, bytes_total: 4194304, message: null, ts: JOB.created_at }] } },
    'GET /metrics': { body: 'dim_access_events_ingested_total 0.0\n' },
  });
});

function renderJobs() {
  render(<MemoryRouter initialEntries={['/ui/jobs']}><LiveProvider><StreamBanner /><Routes>
    <Route path="/ui/jobs" element={<Jobs />} />
  </Routes></LiveProvider></MemoryRouter>);
}

describe('live jobs', () => {
  it('moves the progress bar with each SSE event until completed', async () => {
    renderJobs();
    await screen.findByText('Job 5');
    act(() => FakeEventSource.last!.open());
    act(() => FakeEventSource.last!.emit('job', tick('copying', 1048576, 1)));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByTestId('job-state').textContent).toBe('copying');
    act(() => FakeEventSource.last!.emit('job', tick('completed', 4194304, 2)));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByTestId('job-state').textContent).toBe('completed');
    expect(screen.queryByRole('button', { name: 'Inject failure' })).toBeNull();
  });

  it('says when the stream is lost and when it is back', async () => {
    renderJobs();
    act(() => FakeEventSource.last!.open());
    expect(screen.getByText('● live')).toBeTruthy();
    act(() => FakeEventSource.last!.fail());
    expect(screen.getByRole('status').textContent).toBe('Live updates lost — reconnecting…');
    act(() => FakeEventSource.last!.open());
    expect(screen.getByRole('status').textContent).toBe('Live updates reconnected.');
  });

  it('a failed job offers retry, and the API is asked to retry it', async () => {
    const calls = fakeApi({
      'GET /jobs': { body: { items: [{ ...JOB, state: 'failed', error: 'injected failure in copying' }], total: 1, limit: 100, offset: 0 } },
      'GET /metrics': { body: '' },
      'POST /jobs/5/retry': { status: 202, body: { ...JOB, attempt: 2 } },
    });
    renderJobs();
    const retry = await screen.findByRole('button', { name: 'Retry' });
    expect(screen.getByText('injected failure in copying')).toBeTruthy();
    await act(async () => retry.click());
    expect(calls.some((c) => c.method === 'POST' && c.path === '/jobs/5/retry')).toBe(true);
  });

  it('a replica job seen first on the stream is labelled a replica, a move is not', async () => {
    renderJobs();
    await screen.findByText('Job 5');
    act(() => FakeEventSource.last!.open());
    act(() => FakeEventSource.last!.emit('job', { ...tick('copying', 0, 1), job_id: 6, job_key: 'k6', kind: 'replicate' }));
    expect(within(await screen.findByTestId('job-6')).getByTestId('job-kind').textContent).toBe('replica');
    expect(within(screen.getByTestId('job-5')).queryByTestId('job-kind')).toBeNull();
  });
});
