import type { ReportRenderer } from '../cards/render/report-page';
import { createReportRenderer } from '../cards/render/report-renderer';
import type { AppConfig } from './config';

/**
 * The deployment's report renderer: one long-lived Chromium (`CHROMIUM_PATH`), launched at the first
 * report, shared by the scheduled pushes and 今日简报.
 */
export function defaultReportRenderer(config: AppConfig): ReportRenderer {
  return createReportRenderer({ executablePath: config.chromiumPath });
}
