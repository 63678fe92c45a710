import { buildDataExportCard } from '../../cards/data-export.card';
import { localDateOf } from '../../domain/attendance/calendar';
import { EXPORT_LINK_TTL_MINUTES } from '../../domain/attendance/export';
import { DATASET_KEYS, DATASET_TITLES, datasetOfWord } from '../../domain/exports/datasets';
import { DomainError } from '../../domain/errors';
import { exportAttendanceHandler } from '../attendance/attendance-export.handler';
import { cardIdFor } from '../card-ids';
import { argumentsOf, malformed, parseMonthArgument } from '../command-args';
import type { Handler } from '../context';

const USAGE = [
  `导出 <${DATASET_KEYS.map((k) => DATASET_TITLES[k]).join('｜')}> 本月｜上月｜2026-11`,
  '导出 订单 上月',
] as const;

/**
 * 导出 <数据> [本月|上月|YYYY-MM] (admins): a card with the dataset's download links for the month. The
 * files are built when a link is opened; 导出 考勤 is the attendance export.
 */
export const exportDataHandler: Handler<'text'> = async (event, ctx) => {
  const [word, monthWord] = argumentsOf(event.text);
  if (word === '考勤') return exportAttendanceHandler({ ...event, text: `导出考勤 ${monthWord ?? ''}` }, ctx);
  const dataset = word ? datasetOfWord(word) : null;
  if (!dataset) throw malformed(event.text, ...USAGE);
  const today = localDateOf(ctx.now, ctx.timeZone);
  let month: string;
  try {
    month = parseMonthArgument(`导出 ${monthWord ?? ''}`, today);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'command.malformed')
      throw malformed(event.text, ...USAGE);
    throw error;
  }
  if (month > today.slice(0, 7)) throw malformed(event.text, ...USAGE);
  return {
    kind: 'card',
    card: buildDataExportCard({
      cardId: cardIdFor('export', event),
      dataset,
      month,
      links: {
        xlsx: ctx.links.dataExport(dataset, month, 'xlsx'),
        csv: ctx.links.dataExport(dataset, month, 'csv'),
      },
      validMinutes: EXPORT_LINK_TTL_MINUTES,
    }),
  };
};
