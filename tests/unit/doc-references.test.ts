import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Every `*.md` path a source comment names must exist in the repository, either from its root or beside
 * the file: a reader who follows it finds the document.
 */
const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['bot', 'handlers', 'domain', 'cards', 'jobs', 'storage', 'tests', 'bench'];
const MD_PATH = /[\w./-]*\w\.md\b/g;
const COMMENT = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

it('names only Markdown files that exist', () => {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)));
  const named = files.flatMap((file) =>
    (readFileSync(file, 'utf8').match(COMMENT) ?? []).flatMap((comment) =>
      [...comment.matchAll(MD_PATH)].map(([path]) => ({ file, path })),
    ),
  );
  expect(named.length).toBeGreaterThan(40);
  const missing = named
    .filter(({ file, path }) => !existsSync(join(ROOT, path)) && !existsSync(join(dirname(file), path)))
    .map(({ file, path }) => `${relative(ROOT, file)}: ${path}`);
  expect(missing).toEqual([]);
});
