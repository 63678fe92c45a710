import { writeFileSync } from 'node:fs';
import { createReportRenderer } from './cards/render/report-renderer';
import { sampleDigestPage, sampleWeeklyPage } from './bench/sample-report-pages';
(async () => {
  const r = createReportRenderer();
  const d = await r.renderPng(sampleDigestPage()); writeFileSync('/tmp/rx/digest.png', d);
  const w = await r.renderPng(sampleWeeklyPage()); writeFileSync('/tmp/rx/weekly.png', w);
  console.log(d.length, w.length);
  await r.close();
})();
