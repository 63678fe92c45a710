/**
 * The user's words, quoted back, at most `max` characters (code points, so an emoji is never cut in half)
 * with 「…」 when shortened.
 */
export function quoteUserText(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
