// End-to-end: the built UI, served by the running service, driven in Debian's Chromium the way a
// person uses it. DIM_URL names the service; screenshots of every pane go to SCREENSHOTS.
// Exits non-zero on the first step that fails, naming it.
import { base, browse } from './browser.mjs';

const name = `e2e-${Date.now().toString(36)}`;
let datasetUrl = '';
await browse(async ({ page, step, shot, expectText }) => {
  await step('a policy is created on the Policies pane, a bad one is refused with the API message, the local store is listed', async () => {
    await page.goto(`${base}/ui/policies`);
    const form = page.getByRole('form', { name: 'New policy' });
    await form.getByLabel('Name').fill('e2e-standard');
    await form.getByRole('button', { name: 'Create policy' }).click();
    await expectText(page.getByRole('table', { name: 'Policies' }).locator('td'), 'e2e-standard');
    await form.getByLabel('Name').fill('');
    await form.getByRole('button', { name: 'Create policy' }).click();
    await form.locator('.field-error[data-field="name"]').waitFor();
    await expectText(page.getByRole('table', { name: 'Stores' }).locator('td'), 'local');
    await shot('policies');
  });

  await step('a store is edited: a bad price and a refused location show at their fields, then the change is listed', async () => {
    await page.getByRole('button', { name: 'Edit store local' }).click();
    const form = page.getByRole('form', { name: 'Edit store local' });
    const prefix = form.getByLabel('Location prefix');
    const original = await prefix.inputValue();
    await form.getByLabel('hot $ per GB-month').fill('cheap');
    await form.getByRole('button', { name: 'Save store' }).click();
    await expectText(form.locator('.field-error[data-field="classes.hot.cost_per_gb_month"]'), 'must be a number');
    await form.getByLabel('hot $ per GB-month').fill('0.021');
    await prefix.fill('file:///etc/e2e/');
    await form.getByRole('button', { name: 'Save store' }).click();
    await expectText(form.locator('.field-error[data-field="uri_prefix"]'), 'outside the storage roots');
    await shot('store-edit');
    await prefix.fill(original);
    await form.getByLabel('Region').fill('e2e-region-1');
    await form.getByRole('button', { name: 'Save store' }).click();
    await expectText(page.getByRole('status'), 'Store local saved.');
    const row = page.getByRole('table', { name: 'Stores' }).locator('tr', { hasText: 'local' });
    await expectText(row, 'e2e-region-1');
    await expectText(row, '$0.021/GB-mo');
    await shot('store-edited');
  });

  await step('creating a dataset outside the storage roots shows the error at the location field', async () => {
    await page.goto(`${base}/ui/datasets/new`);
    const form = page.getByRole('form', { name: 'Create dataset' });
    await form.getByLabel('Name').fill(`${name}-bad`);
    await form.getByLabel('Location (path_uri)').fill('file:///etc/not-here');
    await form.getByRole('button', { name: 'Create dataset' }).click();
    const error = form.locator('.field-error[data-field="path_uri"]');
    await expectText(error, 'outside the storage roots');
    await shot('create-dataset-error');
  });

  await step('a dataset created with auto-seed opens with its location, replica and checksum', async () => {
    await page.goto(`${base}/ui/datasets/new`);
    const form = page.getByRole('form', { name: 'Create dataset' });
    await form.getByLabel('Name').fill(name);
    // the form proposes a location in the first storage root once /health has answered
    await page.waitForFunction((n) => [...document.querySelectorAll('input.mono')]
      .some((i) => i.value.startsWith('file://') && i.value.endsWith(`/${n}`)), name);
    await form.getByLabel('Size in bytes').fill(String(8 * 1024 * 1024));
    await form.getByRole('button', { name: 'Create dataset' }).click();
    await page.waitForURL(/\/ui\/datasets\/\d+$/);
    datasetUrl = page.url();
    await expectText(page.getByTestId('dataset-location'), `/${name}`);
    await expectText(page.locator('dd.mono'), /^[0-9a-f]{64}$/);
  });

  await step('access events: one event and a generated burst are accepted', async () => {
    await page.goto(`${base}/ui/access-events`);
    const one = page.getByRole('form', { name: 'Post one event' });
    await one.getByLabel('Dataset').selectOption({ label: await optionLabel(one, name) });
    await one.getByRole('button', { name: 'Post event' }).click();
    await expectText(page.getByTestId('events-accepted'), '1 accepted');
    const burst = page.getByRole('form', { name: 'Generated burst' });
    await burst.getByLabel('Dataset').selectOption({ label: await optionLabel(burst, name) });
    await burst.getByLabel('Events per second').fill('25');
    await burst.getByLabel('Duration (s)').fill('2');
    await burst.getByRole('button', { name: 'Start burst' }).click();
    await expectText(page.getByTestId('burst-progress'), '2 of 2 s sent, 50 events accepted');
    await shot('access-events');
  });

  await step('a bad event shows the API message', async () => {
    const one = page.getByRole('form', { name: 'Post one event' });
    await one.getByLabel('Bytes').fill('-5');
    await one.getByRole('button', { name: 'Post event' }).click();
    await one.locator('.field-error[data-field="size_bytes"]').waitFor();
    await one.getByLabel('Bytes').fill('65536');
  });

  await step('training stores a model version and the dataset gets a recommendation', async () => {
    await page.goto(`${base}/ui/training`);
    // the events were acknowledged by Kafka; the aggregates follow a moment later, so train until
    // the new dataset is classified
    const rows = page.getByRole('table', { name: 'Recommendations' }).locator('tr', { hasText: name });
    for (let i = 0; i < 30 && (await rows.count()) === 0; i++) {
      await page.getByRole('button', { name: 'Train now' }).click();
      await page.getByRole('button', { name: 'Train now' }).waitFor();
      await page.waitForTimeout(1000);
    }
    await rows.first().waitFor();
    await page.getByRole('table', { name: 'Model versions' }).waitFor();
    await shot('training');
  });

  await step('the dataset detail shows the recommendation with its reason and the access history chart', async () => {
    await page.goto(datasetUrl);
    await expectText(page.getByTestId('recommendation'), 'confidence');
    await page.locator('.activity .recharts-bar-rectangle').first().waitFor();
    await shot('dataset-detail');
  });

  await step('a planned migration to cold shows its progress bar reach completed live, then the new location', async () => {
    const form = page.getByRole('form', { name: 'Plan a migration' });
    await form.getByLabel('Storage class').selectOption('cold');
    await form.getByRole('button', { name: 'Plan migration' }).click();
    await expectText(form, 'planned');
    // the job reaches this page only through the SSE stream
    await page.locator('[role=progressbar][data-state=completed][aria-valuenow="100"]').waitFor();
    await expectText(page.getByTestId('dataset-location'), `/${name}_cold`);
    await shot('dataset-moved');
  });

  await step('the Jobs pane (opened by URL, a client-side route) shows the job completed with its timeline', async () => {
    await page.getByRole('link', { name: 'Watch it' }).click();
    await page.waitForURL(/\/ui\/jobs\/\d+$/);
    await page.reload();
    const job = page.locator(`[data-testid="job-${page.url().split('/').pop()}"]`);
    await job.locator('[data-testid=job-state]', { hasText: 'completed' }).waitFor();
    await expectText(page.locator('.timeline li'), 'verifying');
    await expectText(page.locator('.timeline li'), 'completed');
    await shot('jobs');
  });

  await step('the Datasets table filters to the dataset, showing its cold tier', async () => {
    await page.goto(`${base}/ui/datasets`);
    await page.getByLabel('Filter datasets').fill(name);
    const row = page.getByRole('table', { name: 'Datasets' }).locator('tbody tr');
    await expectText(row, `${name}_cold`);
    await row.filter({ hasText: `${name}_cold` }).locator('.tier-cold').first().waitFor();
    await shot('datasets');
  });

  await step('the Overview and Metrics panes draw their charts', async () => {
    await page.goto(`${base}/`);
    await page.locator('.recharts-surface').first().waitFor();
    await expectText(page.locator('.stat-label'), 'Events / s');
    await shot('overview');
    await page.goto(`${base}/ui/metrics`);
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await page.locator('.recharts-area').first().waitFor(); // the cost by tier over time
    await shot('metrics');
  });

  await step('a replay on the Metrics pane charts each policy against the optimum', async () => {
    const form = page.getByRole('form', { name: 'Run a replay' });
    await form.getByLabel('Datasets').fill('20');
    await form.getByLabel('Days').fill('60');
    await form.getByRole('button', { name: 'Run replay' }).click();
    await page.locator('[data-testid=replay-chart] .recharts-bar-rectangle').first().waitFor();
    await expectText(page.getByRole('table', { name: 'Replay results' }).locator('td'), 'optimum');
    await shot('replay');
  });
});

async function optionLabel(form, datasetName) {
  const select = form.getByLabel('Dataset');
  await select.locator('option', { hasText: datasetName }).first().waitFor({ state: 'attached' });
  return (await select.locator('option', { hasText: datasetName }).first().textContent()).trim();
}
