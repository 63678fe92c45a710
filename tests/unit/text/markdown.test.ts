import { escapeMarkdown } from '../../../domain/text/markdown';

describe('escapeMarkdown', () => {
  it.each([
    ['# 标题', '＃ 标题'],
    ['第一行\n## 二级', '第一行\n＃＃ 二级'],
    ['[链接](http://x)', '［链接］(http://x)'],
    ['![图](http://x/a.png)', '!［图］(http://x/a.png)'],
    ['<font color=red>红</font>', '＜font color=red＞红＜/font＞'],
    ['**粗** _斜_ `码` ~~删~~', '＊＊粗＊＊ ＿斜＿ ｀码｀ ～～删～～'],
    ['> 引用', '＞ 引用'],
  ])('makes %j inert', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('leaves plain text and request numbers as typed', () => {
    expect(escapeMarkdown('报销 #12：交通费 ¥268.50（客户 A&B）')).toBe(
      '报销 #12：交通费 ¥268.50（客户 A&B）',
    );
  });
});
