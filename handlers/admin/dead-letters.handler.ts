import type { DeadLetter } from '../../domain/messages/dead-letter';
import { formatDateTime } from '../../domain/time/format';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';

const USAGE = ['管理 死信 [条数，最多50]', '管理 死信 20'] as const;
export const DEAD_LETTERS_DEFAULT_COUNT = 10;
export const DEAD_LETTERS_MAX_COUNT = 50;
const REASON_CHARS = 60;

const KIND_LABELS: Record<DeadLetter['kind'], string> = {
  text: '文本',
  markdown: '图文',
  image: '图片',
  card: '卡片',
  card_update: '卡片更新',
  unreadable: '无法读取',
};

/**
 * 管理 死信 [N] (or 死信 [N]): the replies the outbox gave up on — the platform refused them (81013, a card
 * it rejects) or they kept failing past the last retry — newest first, with who missed them and why.
 */
export const deadLettersHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args[0] === '死信') args.shift();
  const [countArg, extra] = args;
  const count =
    countArg === undefined ? DEAD_LETTERS_DEFAULT_COUNT : /^\d{1,3}$/.test(countArg) ? Number(countArg) : NaN;
  if (!(count >= 1 && count <= DEAD_LETTERS_MAX_COUNT) || extra !== undefined)
    throw malformed(event.text, ...USAGE);

  const { total, latest } = await ctx.stores.deadLetters.listDeadLetters(ctx.user.tenantId, count);
  if (total === 0) return { kind: 'text', text: '没有投递失败的消息。' };
  const lines = latest.map(
    (d) =>
      `- #${d.id} ${formatDateTime(d.queuedAt, ctx.timeZone)} 发给 ${d.recipient} 的${KIND_LABELS[d.kind]}` +
      `${d.preview ? `「${d.preview}」` : ''}，尝试${d.attempts}次：${shorten(d.reason)}`,
  );
  return {
    kind: 'markdown',
    title: '投递失败的消息',
    text: [`### 投递失败的消息（共${total}条，最近${latest.length}条）`, ...lines].join('\n'),
  };
};

function shorten(reason: string): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  return flat.length > REASON_CHARS ? `${flat.slice(0, REASON_CHARS)}…` : flat;
}
