import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The report font: Noto Sans SC from `@fontsource/noto-sans-sc`, embedded in the page so Chinese renders
 * with real glyphs on a server without CJK system fonts. The family gets a name no system font has, so
 * a page that shows glyphs under it is provably using the embedded files, never a system fallback.
 */
export const REPORT_FONT_FAMILY = 'FieldbotNotoSansSC';

/** CSS `font-family` value for report text. */
export const REPORT_FONT_STACK = `${REPORT_FONT_FAMILY}, sans-serif`;

/** Regular for text, bold for titles. Each weight is ~100 woff2 subsets; the page fetches only those its characters need. */
export const REPORT_FONT_WEIGHTS = [400, 700] as const;

/** Reads one font file by its name in the package's `files/` folder (a seam for tests). */
export type FontFileLoader = (fileName: string) => Promise<Buffer>;

const FONT_FILE_NAME = /^noto-sans-sc-[a-z0-9-]+\.woff2$/;

function packageDir(): string {
  return dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
}

/**
 * The `@font-face` rules for the report family, with each subset's `src` pointing at `${baseUrl}<file>`
 * (served to the page by the renderer). Built from the package's own CSS so the unicode ranges stay
 * exactly the package's.
 */
export function buildFontFaceCss(baseUrl: string): string {
  const dir = packageDir();
  return REPORT_FONT_WEIGHTS.map((weight) =>
    readFileSync(join(dir, `${weight}.css`), 'utf8')
      .replace(/font-family:\s*'Noto Sans SC'/g, `font-family: '${REPORT_FONT_FAMILY}'`)
      .replace(/font-display:\s*swap/g, 'font-display: block')
      .replace(
        /src:\s*url\(\.\/files\/([^)]+\.woff2)\)\s*format\('woff2'\)[^;]*;/g,
        (_match, file: string) => `src: url(${baseUrl}${file}) format('woff2');`,
      ),
  ).join('\n');
}

/** Reads subsets from the installed package, each file once per process. */
export function createPackageFontLoader(): FontFileLoader {
  const dir = join(packageDir(), 'files');
  const cache = new Map<string, Promise<Buffer>>();
  return (fileName) => {
    if (!FONT_FILE_NAME.test(fileName)) {
      return Promise.reject(new Error(`not a report font file: ${fileName}`));
    }
    let file = cache.get(fileName);
    if (!file) {
      file = readFile(join(dir, fileName));
      file.catch(() => cache.delete(fileName));
      cache.set(fileName, file);
    }
    return file;
  };
}
