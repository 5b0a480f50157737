// End-to-end: the built UI, served by the running service, driven in Debian's Chromium the way a
// person uses it. DIM_URL names the service; screenshots of every pane go to SCREENSHOTS.
// Exits non-zero on the first step that fails, naming it.
import { chromium } from 'playwright-core';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const base = process.env.DIM_URL ?? 'http://localhost:8080';
const shots = resolve(process.env.SCREENSHOTS ?? '../target/ui-screenshots');
mkdirSync(shots, { recursive: true });

/** The browser: CHROMIUM if set, else `chromium` on the PATH (Debian's package; no download). */
function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch { /* not here */ }
  }
  throw new Error('chromium is not on the PATH: apt-get install chromium');
}

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  headless: true,
  // without the background-networking flags Chromium keeps dialling out on a closed network
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(30_000);
const consoleErrors = [];
page.on('pageerror', (e) => consoleErrors.push(String(e)));

let current = '';
async function step(name, fn) {
  current = name;
  const began = Date.now();
  await fn();
  console.log(`ok - ${name} (${Date.now() - began} ms)`);
}
async function shot(name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}
async function expectText(locator, text) {
  await locator.filter({ hasText: text }).first().waitFor();
}

const name = `e2e-${Date.now().toString(36)}`;
let datasetUrl = '';
let passed = 0;
try {
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
    await shot('metrics');
  });

  if (consoleErrors.length) throw new Error(`errors in the page: ${consoleErrors.join('; ')}`);
  passed = 1;
} catch (e) {
  console.error(`not ok - ${current}: ${e instanceof Error ? e.message : e}`);
  await shot('failure').catch(() => undefined);
} finally {
  await browser.close();
}
process.exit(passed ? 0 : 1);

async function optionLabel(form, datasetName) {
  const select = form.getByLabel('Dataset');
  await select.locator('option', { hasText: datasetName }).first().waitFor({ state: 'attached' });
  return (await select.locator('option', { hasText: datasetName }).first().textContent()).trim();
}
