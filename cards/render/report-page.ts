/**
 * A report image as data: a title and charts, each an ECharts option (built by the pure functions in
 * `cards/charts/`). The renderer turns it into one PNG; reports never deal with browsers or SVG.
 */
export interface ReportPage {
  title: string;
  subtitle?: string;
  /** Laid out top to bottom, two per row when `half` is set. */
  charts: ReportChart[];
  /** Tables after the charts (a statement's summary and rows), optional. */
  tables?: ReportTable[];
  /** Short lines printed under the charts (key figures), optional. */
  footnotes?: string[];
}

/** A table as printed: text cells; `numeric` columns right-aligned with tabular digits. */
export interface ReportTable {
  title: string;
  columns: Array<{ header: string; numeric?: boolean }>;
  rows: string[][];
  /** A last row set apart (totals), optional. */
  footer?: string[];
}

export interface ReportChart {
  title: string;
  /** An ECharts option object (JSON-serialisable). */
  option: Record<string, unknown>;
  /** Pixel height of the chart; the width follows the page. */
  height: number;
  half?: boolean;
}

export interface ReportRenderer {
  /** A PNG of the page, at most 2 MB. Rejects when rendering fails twice. */
  renderPng(page: ReportPage): Promise<Buffer>;
  close(): Promise<void>;
}
