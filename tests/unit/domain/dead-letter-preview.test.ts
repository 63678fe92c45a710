import { previewOf } from '../../../domain/messages/dead-letter';

describe('previewOf (what 管理 死信 shows of a reply)', () => {
  it('shows a short text whole, on one line', () => {
    expect(previewOf({ kind: 'text', text: '没看懂\n「x」' })).toBe('没看懂 「x」');
  });

  it('cuts a long markdown after 24 characters', () => {
    const text = '### fieldbot 外勤助手\n- **帮助** 查看可用命令\n- **签到** 上班签到';
    expect(previewOf({ kind: 'markdown', title: '帮助', text })).toBe(
      `${'### fieldbot 外勤助手 - **帮助** 查看可用命令 - **签到** 上班签到'.slice(0, 24)}…`,
    );
  });

  it('names a card by its title and an image by its file name', () => {
    const card = { id: 'c1', title: '已收到你的位置', fields: [], buttons: [] };
    expect(previewOf({ kind: 'card', card })).toBe('已收到你的位置');
    expect(
      previewOf({ kind: 'image', dataBase64: 'AA==', contentType: 'image/png', fileName: 'report.png' }),
    ).toBe('report.png');
  });
});
