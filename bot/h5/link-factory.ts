import type { ExportFile } from '../../domain/attendance/export';
import type { Platform } from '../../domain/messages/inbound-event';
import type { LinkFactory } from '../../handlers/context';
import type { LinkRequest, LinkSigner } from './link-signer';

export interface LinkHolder {
  tenantId: string;
  platform: Platform;
  platformUserId: string;
}

type Details = LinkRequest extends infer R ? (R extends unknown ? Omit<R, 't' | 'p' | 'u'> : never) : never;

/** `<baseUrl><path>?t=<signed token>` for `holder`. */
export function pageUrl(
  signer: LinkSigner,
  baseUrl: string,
  path: string,
  holder: LinkHolder,
  details: Details,
  now: number,
): string {
  const request = {
    t: holder.tenantId,
    p: holder.platform,
    u: holder.platformUserId,
    ...details,
  } as LinkRequest;
  return `${baseUrl}${path}?t=${signer.issue(request, now)}`;
}

/** The H5 links a handler hands to `user`, each signed for the person who will open it. */
export function createLinkFactory(
  signer: LinkSigner,
  baseUrl: string,
  user: LinkHolder,
  now: () => number,
): LinkFactory {
  const link = (path: string, details: Details, holder = user) =>
    pageUrl(signer, baseUrl, path, holder, details, now());
  return {
    locationPage: (intent) => link('/h5/location', { purpose: 'location', i: intent }),
    attendanceExport: (month: string, file: ExportFile) =>
      link('/h5/export', { purpose: 'export', m: month, f: file.format }) +
      (file.format === 'csv' ? `&kind=${file.kind}` : ''),
    dataExport: (dataset, month, format) =>
      link('/h5/data-export', { purpose: 'data', d: dataset, m: month, f: format }),
    importPage: (kind) => link('/h5/import', { purpose: 'import', k: kind }),
    auditExport: (month) => link('/h5/audit-export', { purpose: 'audit', m: month }),
    statementExport: (customerId, range, format) =>
      link('/h5/statement', { purpose: 'statement', c: customerId, a: range.from, b: range.to, f: format }),
    dailyReportPage: (reportId, readerPlatformUserId) =>
      link(
        '/h5/daily-report',
        { purpose: 'report', r: reportId },
        { ...user, platformUserId: readerPlatformUserId },
      ),
    digestPage: () => link('/h5/digest', { purpose: 'digest' }),
    periodicReportPage: (kind, from) => link('/h5/periodic', { purpose: 'periodic', k: kind, f: from }),
  };
}
