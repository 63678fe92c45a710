/**
 * Lists in chat replies stay within what a message may hold (text 2048, markdown 4096 characters, see
 * domain/messages/reply.ts): the first `max` lines, then one line saying how many were left out.
 */
export function capLines(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `……另有 ${lines.length - max} 条未显示`];
}
