/**
 * User text (a 日报, a customer's name, a note, a reason) put into a WeCom or DingTalk markdown message
 * must stay text: no heading, link, image, emphasis, code or `<font>` tag of its own. The characters that
 * start markup become their full-width forms, which read the same to a Chinese reader and mean nothing to
 * either platform's renderer (neither honours a backslash escape reliably). A `#` is markup only where a
 * line starts (a heading), so `#12` inside a line stays as typed.
 */
const MARKUP: Record<string, string> = {
  '#': '＃',
  '*': '＊',
  _: '＿',
  '`': '｀',
  '~': '～',
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
};

const INLINE_MARKUP = /[*_`~[\]<>]/g;
const HEADING = /^(\s*)(#+)/gm;

/** `text` made inert for markdown; line breaks are kept (each line is still plain text). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKUP, (char) => MARKUP[char] ?? char)
    .replace(HEADING, (_all, space: string, hashes: string) => space + MARKUP['#']?.repeat(hashes.length));
}
