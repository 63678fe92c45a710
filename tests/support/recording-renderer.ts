import sharp from 'sharp';
import type { ReportPage, ReportRenderer } from '../../cards/render/report-page';

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
