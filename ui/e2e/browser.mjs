// What the browser tests share: Debian's Chromium driven by playwright-core (no browser download),
// named steps that print "ok - <step>", and full-page screenshots into SCREENSHOTS.
import { chromium } from 'playwright-core';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const base = process.env.DIM_URL ?? 'http://localhost:8080';
const shots = resolve(process.env.SCREENSHOTS ?? '../target/ui-screenshots');

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

/**
 * Runs `steps(session)` in a fresh page and exits: 0 when every step passed, else 1 after naming the
 * step that failed (and leaving failure.png). Errors thrown in the page fail the run too.
 */
export async function browse(steps) {
  mkdirSync(shots, { recursive: true });
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
  const session = {
    page,
    async step(name, fn) {
      current = name;
      const began = Date.now();
      await fn();
      console.log(`ok - ${name} (${Date.now() - began} ms)`);
    },
    async shot(name) {
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    },
    async expectText(locator, text) {
      await locator.filter({ hasText: text }).first().waitFor();
    },
  };
  let passed = 0;
  try {
    await steps(session);
    if (consoleErrors.length) throw new Error(`errors in the page: ${consoleErrors.join('; ')}`);
    passed = 1;
  } catch (e) {
    console.error(`not ok - ${current}: ${e instanceof Error ? e.message : e}`);
    await session.shot('failure').catch(() => undefined);
  } finally {
    await browser.close();
  }
  process.exit(passed ? 0 : 1);
}
