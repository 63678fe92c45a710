import { escapeMarkdown } from '../../domain/text/markdown';
import type { Reply } from '../../domain/messages/reply';

/** WeCom caps a markdown message at 4096 bytes of UTF-8; keep a margin for the platform's own framing. */
const MAX_BYTES = 4000;
/** Names per exception line before "等 N 人": a line is for action, not a census. */
const MAX_ITEMS = 8;

export interface MarkdownSection {
  title: string;
  lines: string[];
}

/** `张三、李四 等 5 项` */
export function joinItems(items: readonly string[], max = MAX_ITEMS): string {
  const shown = items.slice(0, max).join('、');
  return items.length > max ? `${shown} 等 ${items.length} 项` : shown;
}

/**
 * A report as one markdown reply: a heading, then sections of bullet lines. The heading, titles and lines
 * are text (names, what a rep wrote) and are escaped; only `lead` is markdown. Lines that would overflow
 * the platform's limit are dropped from the end with a note, never cut mid-character.
 */
export function reportMarkdown(
  title: string,
  heading: string,
  sections: readonly MarkdownSection[],
  /** A line under the heading, kept whatever the length (a link the reader needs). */
  lead?: string,
): Reply {
  const parts = [`### ${escapeMarkdown(heading)}`, ...(lead ? [lead] : [])];
  for (const section of sections) {
    if (section.lines.length === 0) continue;
    parts.push(`**${escapeMarkdown(section.title)}**`, ...section.lines.map((l) => `> ${escapeMarkdown(l)}`));
  }
  const kept: string[] = [];
  let bytes = 0;
  for (const part of parts) {
    const size = Buffer.byteLength(`${part}\n`);
    if (bytes + size > MAX_BYTES - 64) {
      kept.push('（内容过长，其余从略）');
      break;
    }
    kept.push(part);
    bytes += size;
  }
  return { kind: 'markdown', title: title.slice(0, 64), text: kept.join('\n') };
}
