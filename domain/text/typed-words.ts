/**
 * A chat command split into words as the user typed them (JavaScript's `\s` also covers the ideographic
 * space U+3000 that Chinese input methods type). Free text (a note, a reason, an address) is taken from
 * these, so its full-width punctuation survives; only the words a command parses get normalised.
 */
export function typedWords(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** `text` without its first `words` words (the command word counts), punctuation kept as typed. */
export function textAfterWords(text: string, words: number): string {
  let rest = text.trim();
  for (let i = 0; i < words; i += 1) rest = rest.replace(/^\S+\s*/, '');
  return rest.trim();
}
