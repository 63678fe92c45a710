import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ReportPage, ReportRenderer } from '../../cards/render/report-page';
import { createReportRenderer } from '../../cards/render/report-renderer';

/**
 * A report renderer that keeps every page it is asked to draw and answers a small real PNG: these tests
 * check the pages and that an image goes out; drawing them is the renderer's own tests' business.
 */
export async function recordingRenderer(): Promise<{ renderer: ReportRenderer; pages: ReportPage[] }> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3b6fd8' } })
    .png()
    .toBuffer();
  const pages: ReportPage[] = [];
  const renderer: ReportRenderer = {
    renderPng: async (page) => {
      pages.push(page);
      return png;
    },
    close: async () => undefined,
  };
  return { renderer, pages };
}

/**
 * The real Chromium renderer, keeping each page and the PNG it drew for it; with REPORT_PNG_DIR set, each PNG
 * is written there as `<name>-<n>.png` to look at.
 */
export function drawingRenderer(name: string): {
  renderer: ReportRenderer;
  drawn: Array<{ page: ReportPage; png: Buffer }>;
} {
  const drawn: Array<{ page: ReportPage; png: Buffer }> = [];
  const chromium = createReportRenderer({ deviceScaleFactor: 1 });
  const renderer: ReportRenderer = {
    async renderPng(page) {
      const png = await chromium.renderPng(page);
      drawn.push({ page, png });
      const dir = process.env.REPORT_PNG_DIR;
      if (dir) writeFileSync(join(dir, `${name}-${drawn.length}.png`), png);
      return png;
    },
    close: () => chromium.close(),
  };
  return { renderer, drawn };
}
