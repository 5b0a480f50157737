import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CostHistory } from './panes/Metrics';
import { Policies } from './panes/Policies';
import { ReplayChart } from './panes/Replay';
import { fakeApi } from './test/fakeServer';
import type { SimReport } from './api';

const POLICY = { id: 1, name: 'standard', latency_slo_ms: 500, max_cost_per_gb_month: 0.03, min_redundancy: 1, created_at: '' };
const cls = (storage_class: string, cost: number, days = 0) => ({
  storage_class, cost_per_gb_month: cost, retrieval_cost_per_gb: 0, egress_cost_per_gb: 0, min_storage_days: days,
  first_byte_latency_ms: 10,
});
const STORE = {
  name: 'archive', uri_prefix: 's3://bucket/archive/', region: 'us-east-1', encryption: null,
  classes: { hot: cls('STANDARD', 0.023), warm: cls('STANDARD_IA', 0.0125, 30), cold: cls('DEEP_ARCHIVE', 0.00099, 180) },
  created_at: '', updated_at: '',
};

/** An API holding one policy that PATCH changes, as the service would. */
function patchablePolicyApi() {
  let policy = POLICY;
  return fakeApi({
    'GET /policies': () => ({ body: [policy] }),
    'GET /stores': { body: [] },
    'PATCH /policies/1': (init) => {
      policy = { ...policy, ...JSON.parse(String(init?.body)) };
      return { body: policy };
    },
  });
}

async function openPolicyEditor() {
  const user = userEvent.setup();
  render(<Policies />);
  await user.click(await screen.findByRole('button', { name: 'Edit policy standard' }));
  return { user, form: screen.getByRole('form', { name: 'Edit policy standard' }) };
}

describe('Editing a policy (PATCH /policies/{id})', () => {
  it('sends only the fields that changed and shows the policy as the API answers it', async () => {
    const calls = patchablePolicyApi();
    const { user, form } = await openPolicyEditor();
    expect((within(form).getByLabelText(/^Latency SLO/) as HTMLInputElement).value).toBe('500');
    await user.clear(within(form).getByLabelText(/^Latency SLO/));
    await user.type(within(form).getByLabelText(/^Latency SLO/), '120');
    await user.clear(within(form).getByLabelText(/^Max cost per GB-month/));
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('Policy standard saved.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([
      { method: 'PATCH', path: '/policies/1', body: { latency_slo_ms: 120, max_cost_per_gb_month: null } }]);
    const row = await screen.findByRole('row', { name: /standard 120 ms any/ });
    expect(row).toBeTruthy();
  });

  it('turns a policy to auto mode with regions, and refuses a region both preferred and excluded', async () => {
    const calls = patchablePolicyApi();
    const { user, form } = await openPolicyEditor();
    await user.type(within(form).getByLabelText(/^Preferred regions/), 'eu-west-1, eu-central-1');
    await user.type(within(form).getByLabelText(/^Excluded regions/), 'eu-central-1');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect((await within(form).findByRole('alert')).textContent)
      .toBe("region 'eu-central-1' is both preferred and excluded");
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await user.clear(within(form).getByLabelText(/^Excluded regions/));
    await user.type(within(form).getByLabelText(/^Excluded regions/), 'us-east-1');
    await user.selectOptions(within(form).getByLabelText(/^Mode/), 'auto');
    await user.click(within(form).getByLabelText(/^Encryption required/));
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('Policy standard saved.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([{ method: 'PATCH', path: '/policies/1', body: {
      mode: 'auto', encryption_required: true, preferred_regions: ['eu-west-1', 'eu-central-1'],
      excluded_regions: ['us-east-1'] } }]);
  });

  it('refuses what the API would refuse at the field, without a request', async () => {
    const calls = fakeApi({ 'GET /policies': { body: [POLICY] }, 'GET /stores': { body: [] } });
    const { user, form } = await openPolicyEditor();
    await user.clear(within(form).getByLabelText(/^Min redundancy/));
    await user.type(within(form).getByLabelText(/^Min redundancy/), '11');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('min_redundancy must be from 1 to 10');
    expect(alert.closest('label')?.textContent).toContain('Min redundancy');

    await user.clear(within(form).getByLabelText(/^Min redundancy/));
    await user.type(within(form).getByLabelText(/^Min redundancy/), '1');
    await user.clear(within(form).getByLabelText(/^Latency SLO/));
    await user.type(within(form).getByLabelText(/^Latency SLO/), '0');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('latency_slo_ms must be greater than 0');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it("shows the API's refusal next to the field it names", async () => {
    fakeApi({
      'GET /policies': { body: [POLICY, { ...POLICY, id: 2, name: 'archive' }] },
      'GET /stores': { body: [] },
      'PATCH /policies/1': { status: 409, body: { error: "a policy named 'archive' already exists", field: 'name' } },
    });
    const { user, form } = await openPolicyEditor();
    await user.clear(within(form).getByLabelText(/^Name/));
    await user.type(within(form).getByLabelText(/^Name/), 'archive');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe("a policy named 'archive' already exists");
    expect(alert.getAttribute('data-field')).toBe('name');
  });

  it('says so when nothing changed, and an unknown policy is a readable error', async () => {
    fakeApi({
      'GET /policies': { body: [POLICY] },
      'GET /stores': { body: [] },
      'PATCH /policies/1': { status: 404, body: { error: 'no policy with id 1', field: 'id' } },
    });
    const { user, form } = await openPolicyEditor();
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect(await within(form).findByText('Nothing changed.')).toBeTruthy();
    await user.type(within(form).getByLabelText(/^Name/), '-2');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('no policy with id 1 (HTTP 404)');
  });
});

describe('Editing a store (PATCH /stores/{name})', () => {
  it('sends the changed fields, a class field by itself, and an emptied region as null', async () => {
    const calls = fakeApi({
      'GET /policies': { body: [] },
      'GET /stores': { body: [STORE] },
      'PATCH /stores/archive': { body: { ...STORE, region: null } },
    });
    const user = userEvent.setup();
    render(<Policies />);
    await user.click(await screen.findByRole('button', { name: 'Edit store archive' }));
    const form = screen.getByRole('form', { name: 'Edit store archive' });
    await user.clear(within(form).getByLabelText(/^Region/));
    await user.clear(within(form).getByLabelText(/^warm \$ per GB-month/));
    await user.type(within(form).getByLabelText(/^warm \$ per GB-month/), '0.01');
    await user.click(within(form).getByRole('button', { name: 'Save store' }));
    expect(await screen.findByText('Store archive saved.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual(
      { region: null, classes: { warm: { cost_per_gb_month: 0.01 } } });
  });

  it('shows a bad price at its class field, before and after the API', async () => {
    const calls = fakeApi({
      'GET /policies': { body: [] },
      'GET /stores': { body: [STORE] },
      'PATCH /stores/archive': { status: 400, body: { error: 'path is outside the storage roots [/srv]', field: 'uri_prefix' } },
    });
    const user = userEvent.setup();
    render(<Policies />);
    await user.click(await screen.findByRole('button', { name: 'Edit store archive' }));
    const form = screen.getByRole('form', { name: 'Edit store archive' });
    await user.type(within(form).getByLabelText(/^cold \$ per GB-month/), 'x');
    await user.click(within(form).getByRole('button', { name: 'Save store' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('cost_per_gb_month must be a number');
    expect(alert.getAttribute('data-field')).toBe('classes.cold.cost_per_gb_month');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await user.clear(within(form).getByLabelText(/^cold \$ per GB-month/));
    await user.type(within(form).getByLabelText(/^cold \$ per GB-month/), '0.00099');
    await user.clear(within(form).getByLabelText(/^Location prefix/));
    await user.type(within(form).getByLabelText(/^Location prefix/), 'file:///etc/');
    await user.click(within(form).getByRole('button', { name: 'Save store' }));
    const refused = await within(form).findByText('path is outside the storage roots [/srv]');
    expect(refused.getAttribute('data-field')).toBe('uri_prefix');
  });
});

describe('Cost over time and the replay', () => {
  beforeEach(() => {
    // recharts measures its container; jsdom has no layout
    vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  });

  it('says there is no history yet, rather than drawing an empty chart', async () => {
    fakeApi({ 'GET /costs/history': { body: [] } });
    render(<CostHistory />);
    expect(await screen.findByText(/No history yet/)).toBeTruthy();
  });

  it("lists each policy's cost against the optimum", () => {
    const policy = (name: string, total: number, ratio: number) => ({
      name, description: name, total_cost: total, storage: total, retrieval: 0, requests: 0, migration: 0,
      early_deletion: 0, slo_misses: 0, migrations: 3, cost_vs_optimum: ratio,
    });
    const report: SimReport = {
      trace: { events: 1000, datasets: 10, days: 30, first_day: '', last_day: '' }, provider: 's3',
      classes: ['STANDARD', 'STANDARD_IA'], timing: { elapsed_ms: 5 },
      policies: [policy('ours', 12, 1.2), policy('always-hot', 30, 3), policy('optimum', 10, 1)],
    };
    render(<ReplayChart report={report} />);
    const rows = within(screen.getByRole('table', { name: 'Replay results' })).getAllByRole('row').slice(1)
      .map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent));
    expect(rows).toEqual([['ours', '$12.00', '1.20'], ['always-hot', '$30.00', '3.00'], ['optimum', '$10.00', '1.00']]);
  });
});
