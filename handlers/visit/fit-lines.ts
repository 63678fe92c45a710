/** Lines joined up to `maxChars`, the rest replaced by a count: replies have length limits (domain/messages/reply.ts). */
export function fitLines(lines: readonly string[], maxChars: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > maxChars - 20) {
      kept.push(`……还有${lines.length - kept.length}行未显示`);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}
