import puppeteer from 'puppeteer-core';
(async () => {
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  await page.goto('http://127.0.0.1:3999/sim');
  await page.waitForSelector('.user[data-user-id="ZhaoLiu"]');
  await page.click('.user[data-user-id="ZhaoLiu"]');
  for (const t of ['签到', '你好']) { await page.type('#text', t); await page.keyboard.press('Enter'); await new Promise(r => setTimeout(r, 1500)); }
  // open the H5 link in another page
  const link = await page.evaluate(() => [...document.querySelectorAll('a')].map(a => a.href).find(h => h.includes('/h5/location')));
  console.log('link', link);
  const h5 = await browser.newPage();
  await h5.setViewport({ width: 390, height: 700 });
  await h5.goto(link!);
  await h5.click('details summary');
  await h5.type('#lat', '22.5431'); await h5.type('#lng', '114.0579'); await h5.type('#label', '总部大楼');
  await h5.click('#manual');
  await new Promise(r => setTimeout(r, 1000));
  await h5.screenshot({ path: '/tmp/h5.png' });
  await new Promise(r => setTimeout(r, 1500));
  await page.bringToFront();
  await page.screenshot({ path: '/tmp/sim1.png', fullPage: true });
  await browser.close();
})();
