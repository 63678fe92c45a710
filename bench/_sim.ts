import puppeteer from 'puppeteer-core';
const [, , user, ...texts] = process.argv;
async function main() {
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 1400 });
  await page.goto('http://localhost:3999/sim');
  await page.waitForSelector(`.user[data-user-id="${user}"]`);
  await page.click(`.user[data-user-id="${user}"]`);
  for (const t of texts) {
    if (t.startsWith('tap:')) {
      const label = t.slice(4);
      const before = await page.$$eval('.row.bot', (r) => r.length);
      await page.evaluate((l) => {
        const b = [...document.querySelectorAll<HTMLButtonElement>('.row.bot .card-button')]
          .reverse()
          .find((x) => x.textContent?.trim() === l && !x.disabled);
        b?.click();
      }, label);
      await page
        .waitForFunction(
          (n) =>
            document.querySelectorAll('.row.bot').length > n ||
            document.querySelector('.card-button.decided'),
          { timeout: 15000 },
          before,
        )
        .catch(() => undefined);
    } else {
      const before = await page.$$eval('.row.bot', (r) => r.length);
      await page.type('#text', t);
      await page.keyboard.press('Enter');
      await page
        .waitForFunction((n) => document.querySelectorAll('.row.bot').length > n, { timeout: 20000 }, before)
        .catch(() => console.log('no reply to', t));
    }
    await new Promise((r) => setTimeout(r, 1200));
  }
  const rows = await page.$$eval('.row.bot', (r) => r.slice(-6).map((x) => (x as HTMLElement).innerText));
  console.log(rows.join('\n-----\n'));
  await page.screenshot({ path: `/tmp/simdata/shot-${user}.png`, fullPage: false });
  await browser.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
