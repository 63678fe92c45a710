import { TOPICS } from '../../handlers/command';
import { COMMANDS } from '../../handlers/command-registry';
import { buildHelpReply, commandHelp, topicHelp } from '../../handlers/help.handler';
import { ROLES } from '../../domain/org/user';

const textOf = (reply: ReturnType<typeof buildHelpReply> | null): string =>
  reply?.kind === 'markdown' ? reply.text : '';

describe('帮助 by topic', () => {
  it('files every command but 帮助 itself under a topic', () => {
    expect(COMMANDS.filter((c) => c.topic === null).map((c) => c.key)).toEqual(['help']);
    for (const topic of TOPICS) expect(COMMANDS.some((c) => c.topic === topic)).toBe(true);
  });

  it.each(ROLES)('fits in one WeCom message (2,048 bytes) for a %s, overview and every topic', (role) => {
    expect(Buffer.byteLength(textOf(buildHelpReply('wecom', role)), 'utf8')).toBeLessThanOrEqual(2048);
    for (const topic of TOPICS)
      expect(Buffer.byteLength(textOf(topicHelp(topic, role)), 'utf8')).toBeLessThanOrEqual(2048);
    for (const command of COMMANDS)
      expect(
        Buffer.byteLength(textOf(commandHelp(command.words[0] ?? '', role)), 'utf8'),
      ).toBeLessThanOrEqual(2048);
  });

  it('shows a rep the words of their commands only, and the details on request', () => {
    const overview = textOf(buildHelpReply('wecom', 'rep'));
    expect(overview).toContain('- **订单**：下单 · 提交订单 · 我的订单');
    expect(overview).not.toContain('设置考勤地点');
    expect(overview).not.toContain('**管理**');
    expect(textOf(topicHelp('订单', 'rep'))).toContain('**下单 华为深圳 A100*10 B200*2 折扣 95折**');
    expect(topicHelp('管理', 'rep')).toBeNull();
  });

  it('answers for one command with its part of the topic, not the whole menu', () => {
    const leave = textOf(commandHelp('请假', 'rep'));
    expect(leave).toContain('### 审批：请假');
    expect(leave).toContain('提交请假申请');
    expect(leave).not.toContain('报销');
    expect(textOf(commandHelp('下班', 'rep'))).toContain('### 考勤：签退');
    expect(commandHelp('设置考勤地点', 'rep')).toBeNull();
    expect(commandHelp('设置考勤地点', 'admin')).not.toBeNull();
  });

  it('offers location sharing only where the platform has it', () => {
    expect(textOf(buildHelpReply('wecom', 'rep'))).toContain('发送位置');
    expect(textOf(buildHelpReply('dingtalk', 'rep'))).not.toContain('发送位置');
  });
});
