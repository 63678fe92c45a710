import { quoteUserText } from '../../../handlers/quote';

describe('quoteUserText', () => {
  it('keeps short text as it is, trimmed', () => {
    expect(quoteUserText('  你好  ', 20)).toBe('你好');
  });

  it('cuts long text on characters, never inside an emoji, and marks the cut', () => {
    expect(quoteUserText(`${'a'.repeat(19)}😀😀`, 20)).toBe(`${'a'.repeat(19)}😀…`);
    expect(quoteUserText('😀'.repeat(20), 20)).toBe('😀'.repeat(20));
  });
});
