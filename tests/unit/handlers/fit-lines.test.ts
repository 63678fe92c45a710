import { fitLines } from '../../../handlers/visit/fit-lines';

it('keeps whole lines within the limit and counts the ones left out', () => {
  const lines = Array.from({ length: 100 }, (_, i) => `第${i + 1}行：${'字'.repeat(40)}`);
  const text = fitLines(lines, 2000);
  expect(text.length).toBeLessThanOrEqual(2000);
  expect(text.split('\n').at(-1)).toMatch(/^……还有\d+行未显示$/);
  expect(fitLines(['a', 'b'], 2000)).toBe('a\nb');
});
