import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startFieldbot } from '../../bot/server';
import { MONDAY_0905_SHANGHAI } from '../support/start-bot';
import { freshDatabaseUrl } from '../support/test-database';

/**
 * The whole product as a newcomer meets it: the real fieldbot in simulator mode, driven through the
 * /sim page in headless Chromium. Every step crosses the real WeCom protocol both ways (encrypted
 * callbacks in, the simulated WeCom API out).
 */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Replies go through the inbox, handlers and outbox before the page's next poll picks them up. */
const REPLY_TIMEOUT_MS = 60_000; // generous: CI shares a busy machine
const SCREENSHOT = '/tmp/sim-e2e.png';

describe('IM simulator end to end', () => {
  let dir: string;
  let bot: Awaited<ReturnType<typeof startFieldbot>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const shift = MONDAY_0905_SHANGHAI.getTime() - Date.now();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fieldbot-sim-e2e-'));
    // Only what this test sets: inherited WECOM_* variables would switch the simulator off.
    bot = await startFieldbot({
      // Business time runs from a Monday 09:05 in Shanghai, so 上班签到 falls inside the punch window
      // whatever the hour the suite runs at (at 22:30 Shanghai it would be refused).
      clock: () => new Date(Date.now() + shift),
      env: {
        PORT: '0',
        DATABASE_URL: await freshDatabaseUrl(),
        LOG_LEVEL: 'silent',
        SIMULATOR: 'auto',
      },
    });
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      userDataDir: path.join(dir, 'chromium-profile'),
    });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.setViewport({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The text of the newest bot message, card or bubble, that contains `text`. */
  const waitForBotText = (text: string) =>
    page.waitForFunction(
      (wanted) => [...document.querySelectorAll('.row.bot')].some((row) => row.textContent?.includes(wanted)),
      { timeout: REPLY_TIMEOUT_MS },
      text,
    );

  it('answers 帮助, turns a typed location into a card, and shows the card decided after 上班签到', async () => {
    await page.goto(`${bot.url}/sim`);
    await page.waitForSelector('.user[data-user-id="ZhangSan"]');
    expect(await page.$eval('.user[data-user-id="ZhangSan"]', (b) => b.textContent)).toContain('销售');
    await page.click('.user[data-user-id="ZhangSan"]');
    expect(await page.$eval('#chat-title', (e) => e.textContent)).toContain('张三');

    await page.type('#text', '帮助');
    await page.keyboard.press('Enter');
    await waitForBotText('签到');

    await page.click('#open-location');
    await page.waitForSelector('#map svg .map-marker');
    await page.type('#loc-lat', '22.6543');
    await page.type('#loc-lng', '114.0612');
    await page.click('#loc-send');
    const checkIn = await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLButtonElement>('.row.bot .card-button')].find(
          (b) => b.textContent === '上班签到' && !b.disabled,
        ),
      { timeout: REPLY_TIMEOUT_MS },
    );
    await (checkIn as unknown as { click(): Promise<void> }).click();

    // WeCom button.replace_name: the card's buttons give way to one disabled button with the outcome.
    const decided = await page.waitForSelector('.row.bot .card .card-button.decided', {
      timeout: REPLY_TIMEOUT_MS,
    });
    const decidedText = await decided?.evaluate((b) => b.textContent);
    expect(decidedText).toContain('签到');
    expect(await page.$$eval('.row.bot .card .card-button:not(.decided)', (b) => b.length)).toBe(0);

    expect(await page.$eval('#status', (s) => (s as HTMLElement).hidden)).toBe(true);
    expect(await page.$$eval('.delivery-failed', (d) => d.length)).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });
});
