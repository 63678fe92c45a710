import { COMMANDS, type CommandName } from '../../handlers/command-catalog';
import { capabilitiesOf } from '../../bot/platform-capabilities';
import { buildHelpReply, HELP_TOPICS, topicHelp } from '../../handlers/help.handler';
import { ROLES } from '../../domain/org/user';

const textOf = (reply: ReturnType<typeof buildHelpReply> | null): string =>
  reply?.kind === 'markdown' ? reply.text : '';

describe('帮助 by topic', () => {
  it('files every command but 帮助 itself under exactly one topic', () => {
    const listed = HELP_TOPICS.flatMap((t) => t.commands);
    const all = (Object.keys(COMMANDS) as CommandName[]).filter((name) => name !== 'help');
    expect([...listed].sort()).toEqual([...all].sort());
  });

  it.each(ROLES)('fits in one WeCom message (2,048 bytes) for a %s, overview and every topic', (role) => {
    expect(
      Buffer.byteLength(textOf(buildHelpReply(capabilitiesOf('wecom'), role)), 'utf8'),
    ).toBeLessThanOrEqual(2048);
    for (const { title } of HELP_TOPICS)
      expect(Buffer.byteLength(textOf(topicHelp(title, role)), 'utf8')).toBeLessThanOrEqual(2048);
  });

  it('shows a rep the words of their commands only, and the details on request', () => {
    const overview = textOf(buildHelpReply(capabilitiesOf('wecom'), 'rep'));
    expect(overview).toContain('- **订单**：下单 · 提交订单 · 我的订单');
    expect(overview).not.toContain('设置考勤地点');
    expect(overview).not.toContain('**管理**');
    expect(textOf(topicHelp('订单', 'rep'))).toContain('**下单 华为深圳 A100*10 B200*2 折扣 95折**');
    expect(topicHelp('管理', 'rep')).toBeNull();
  });

  it('offers location sharing only where the platform has it', () => {
    expect(textOf(buildHelpReply(capabilitiesOf('wecom'), 'rep'))).toContain('发送位置');
    expect(textOf(buildHelpReply(capabilitiesOf('dingtalk'), 'rep'))).not.toContain('发送位置');
  });
});
