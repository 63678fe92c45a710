import type { ReportRenderer } from '../cards/render/report-page';
import type { AppConfig } from './config';

/**
 * The deployment's report renderer. Until the Chromium renderer (cards/render/) is part of this build,
 * every render is refused and reports go out as text alone.
 */
export function defaultReportRenderer(_config: AppConfig): ReportRenderer {
  return {
    renderPng: () => Promise.reject(new Error('no report renderer in this build')),
    close: () => Promise.resolve(),
  };
}
