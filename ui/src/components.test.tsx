import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { ApiError, eventsUrl, request } from './api';
import { ErrorMessage, Field, ProgressBar } from './components/ui';
import { CreateDataset } from './panes/CreateDataset';
import { DatasetTable, type Row } from './panes/Datasets';
import { fakeApi } from './test/fakeServer';

describe('ProgressBar', () => {
  it('shows the share of bytes done as a number and a bar', () => {
    render(<ProgressBar done={262144} total={1048576} state="copying" />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.textContent).toBe('25% · 256 KiB of 1 MiB');
  });
});

describe('API errors', () => {
  it('the API body {"error","field"} becomes a message at the field it names', async () => {
    fakeApi({ 'POST /datasets': { status: 400, body: { error: 'size_bytes must not be negative', field: 'size_bytes' } } });
    const error = await request('POST', '/datasets', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    render(<>
      <Field label="Name" name="name" error={error}><input /></Field>
      <Field label="Size" name="size_bytes" error={error}><input /></Field>
    </>);
    expect(screen.getByRole('alert').textContent).toBe('size_bytes must not be negative');
    expect(screen.getByRole('alert').getAttribute('data-field')).toBe('size_bytes');
  });

  it('a service that cannot be reached is said in words', async () => {
    fakeApi({});
    const { vi } = await import('vitest');
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const error = await request('GET', '/datasets').catch((e) => e);
    render(<ErrorMessage error={error} />);
    expect(screen.getByRole('alert').textContent).toBe('The service cannot be reached. Is it running?');
  });

  it('an API key from the key field is sent with every request', async () => {
    const { vi } = await import('vitest');
    const seen: Headers[] = [];
    vi.stubGlobal('fetch', async (_: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return new Response('[]');
    });
    sessionStorage.setItem('dim.apiKey', 'secret-1');
    await request('GET', '/policies');
    expect(seen[0].get('X-API-Key')).toBe('secret-1');
    expect(eventsUrl()).toBe('/events?api_key=secret-1');
  });
});

describe('Create dataset', () => {
  it('proposes a location in the storage root and shows the API refusal under the location field', async () => {
    const calls = fakeApi({
      'GET /health': { body: { status: 'UP', storage: { status: 'UP', roots: ['/srv/dim/storage'] } } },
      'GET /policies': { body: [{ id: 1, name: 'standard', latency_slo_ms: 500, max_cost_per_gb_month: 0.03, min_redundancy: 1 }] },
      'POST /datasets': { status: 400, body: { error: 'path is outside the storage roots [/srv/dim/storage]', field: 'path_uri' } },
    });
    render(<MemoryRouter initialEntries={['/ui/datasets/new']}><Routes>
      <Route path="/ui/datasets/new" element={<CreateDataset />} />
    </Routes></MemoryRouter>);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'ds1');
    await screen.findByDisplayValue('file:///srv/dim/storage/ds1');
    await user.clear(screen.getByLabelText(/^Location \(path_uri\)/));
    await user.type(screen.getByLabelText(/^Location \(path_uri\)/), 'file:///etc/x');
    await user.click(screen.getByRole('button', { name: 'Create dataset' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('path is outside the storage roots [/srv/dim/storage]');
    expect(alert.closest('label')?.textContent).toContain('Location (path_uri)');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual(
      { name: 'ds1', path_uri: 'file:///etc/x', size_bytes: 1048576, auto_seed: true });
  });

  it('opens the new dataset once the API created it', async () => {
    fakeApi({
      'GET /health': { body: { status: 'UP', storage: { status: 'UP', roots: ['/srv/dim/storage'] } } },
      'GET /policies': { body: [] },
      'POST /datasets': { status: 201, body: { id: 42, name: 'ds1' } },
    });
    render(<MemoryRouter initialEntries={['/ui/datasets/new']}><Routes>
      <Route path="/ui/datasets/new" element={<CreateDataset />} />
      <Route path="/ui/datasets/:id" element={<p>dataset page</p>} />
    </Routes></MemoryRouter>);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'ds1');
    await user.click(screen.getByRole('button', { name: 'Create dataset' }));
    expect(await screen.findByText('dataset page')).toBeTruthy();
  });
});

describe('Datasets table', () => {
  const row = (id: number, name: string, tier: 'hot' | 'warm' | 'cold', size: number): Row => ({
    id, name, path_uri: `file:///s/${name}`, size_bytes: size, current_tier: tier, policy_id: null,
    checksum_sha256: null, last_access_ts: null, created_at: '', updated_at: '', store: 'file:s', recommendation: null,
  });
  const rows = [row(1, 'beta', 'hot', 300), row(2, 'alpha', 'cold', 100), row(3, 'gamma', 'warm', 200)];
  const names = () => screen.getAllByRole('row').slice(1).map((r) => r.querySelector('a')?.textContent);

  it('sorts by a column when its header is clicked, and back again', async () => {
    render(<MemoryRouter><DatasetTable rows={rows} /></MemoryRouter>);
    expect(names()).toEqual(['alpha', 'beta', 'gamma']);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Size' }));
    expect(names()).toEqual(['alpha', 'gamma', 'beta']);
    await user.click(screen.getByRole('button', { name: /Size/ }));
    expect(names()).toEqual(['beta', 'gamma', 'alpha']);
  });

  it('filters by name or tier', async () => {
    render(<MemoryRouter><DatasetTable rows={rows} /></MemoryRouter>);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Filter datasets'), 'cold');
    expect(names()).toEqual(['alpha']);
    await user.clear(screen.getByLabelText('Filter datasets'));
    await user.type(screen.getByLabelText('Filter datasets'), 'nothing-like-it');
    expect(screen.getByText('No dataset matches the filter.')).toBeTruthy();
  });
});

describe('Current tier vs recommended tier', () => {
  it('counts datasets by where they are and where the recommendation puts them', async () => {
    const { PlacementMatrix } = await import('./panes/Training');
    render(<PlacementMatrix data={{
      datasets: [{ id: 1, current_tier: 'hot' }, { id: 2, current_tier: 'hot' }, { id: 3, current_tier: 'cold' }],
      recs: [{ dataset_id: 1, tier: 'cold' }, { dataset_id: 2, tier: 'hot' }, { dataset_id: 3, tier: 'cold' }],
    }} />);
    const cells = screen.getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells).toEqual([['1', '0', '1'], ['0', '0', '0'], ['0', '0', '1']]);
  });
});
