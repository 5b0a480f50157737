// End-to-end: a failure injected into a running job, and its retry, in the Jobs pane. The Java test
// (WebUiTest) holds job JOB_ID before its verification (the stepGate test hook) and lets it go on
// once the job records the injected failure; this page sees the rest over the live stream alone.
import { base, browse } from './browser.mjs';

const jobId = process.env.JOB_ID;
if (!jobId) throw new Error('JOB_ID names the held job');

await browse(async ({ page, step, shot, expectText }) => {
  const job = page.getByTestId(`job-${jobId}`);
  const state = job.getByTestId('job-state');

  await step('a running job is listed with its inject-failure button', async () => {
    await page.goto(`${base}/ui/jobs/${jobId}`);
    await expectText(state, 'copying');
    await shot('job-running');
  });

  await step('inject failure makes the running job fail, with its error, live', async () => {
    await job.getByRole('button', { name: 'Inject failure' }).click();
    await job.getByRole('button', { name: 'Inject failure' }).waitFor({ state: 'detached' });
    await expectText(state, 'failed');
    await expectText(job.getByRole('alert'), 'InjectedFailure: failure injected');
    await expectText(page.locator('.timeline li'), 'failed');
    await shot('job-failed');
  });

  await step('retry brings the failed job to completed, live', async () => {
    await job.getByRole('button', { name: 'Retry' }).click();
    await expectText(job, 'attempt 2');
    await job.locator('[role=progressbar][data-state=completed][aria-valuenow="100"]').waitFor();
    await expectText(state, 'completed');
    await expectText(page.locator('.timeline li'), 'completed');
    await shot('job-retried');
  });
});
