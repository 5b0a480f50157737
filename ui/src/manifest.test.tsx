import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider } from './live';
import { DatasetDetail } from './panes/DatasetDetail';
import { FakeEventSource, fakeApi } from './test/fakeServer';

const DATASET = {
  id: 3, name: 'logs', path_uri: 'file:///s/moved/logs', size_bytes: 16016, current_tier: 'warm', policy_id: null,
  checksum_sha256: 'ab'.repeat(32), created_at: '2026-01-01T00:00:00Z', last_access_ts: null,
  replicas: [{ id: 1, uri: 'file:///s/moved/logs', storage_class: 'warm', is_primary: true, size_bytes: 16016 }],
};
const JOB = {
  id: 9, job_key: 'k9', dataset_id: 3, source_uri: 'file:///s/logs', target_uri: 'file:///s/moved/logs',
  storage_class: 'warm', kind: 'move', state: 'completed', attempt: 1, bytes_done: 16016, bytes_total: 16016,
  objects_done: 1001, objects_total: 1001, checksum_sha256: 'ab'.repeat(32), error: null, failure_injected: false,
  created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', started_at: null, finished_at: null,
};
const entry = (i: number) => ({ object_key: `part-${String(i).padStart(4, '0')}`, size_bytes: 16, sha256: 'cd'.repeat(32), verified: true });

function serve(objects: number, nextAfter: string | null) {
  fakeApi({
    'GET /datasets/3': { body: DATASET },
    'GET /datasets/3/activity': { body: [] },
    'GET /recommendations': { body: [] },
    'GET /jobs': { body: { items: [JOB], total: 1, limit: 100, offset: 0 } },
    'GET /jobs/9': { body: { ...JOB, events: [], objects: Array.from({ length: objects }, (_, i) => entry(i)),
      objects_next_after: nextAfter, dead_letters: [] } },
    'GET /policies': { body: [] },
    'GET /stores': { body: [] },
  });
}

function renderDetail() {
  render(<MemoryRouter initialEntries={['/ui/datasets/3']}><LiveProvider><Routes>
    <Route path="/ui/datasets/:id" element={<DatasetDetail />} />
  </Routes></LiveProvider></MemoryRouter>);
}

beforeEach(() => {
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} }); // the activity chart
});

describe('the manifest of the last move', () => {
  it('says when it shows only the first page, and how to list every object', async () => {
    serve(1000, 'part-0999');
    renderDetail();
    expect(await screen.findByText('part-0999')).toBeTruthy();
    expect(screen.getByText(/The first 1000 of 1001 objects/)).toBeTruthy();
    expect(screen.getByText('bin/dim jobs objects 9')).toBeTruthy();
  });

  it('shows a whole manifest without the note', async () => {
    serve(3, null);
    renderDetail();
    expect(await screen.findByText('part-0002')).toBeTruthy();
    expect(screen.queryByText(/The first/)).toBeNull();
  });
});
