import type { Platform } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import type { Role } from '../domain/org/user';
import { argumentsOf } from './command-args';
import { COMMANDS, type CommandEntry, type CommandName } from './command-catalog';
import type { Handler } from './context';

/**
 * 帮助 by topic. A WeCom message holds at most 2,048 bytes and the catalogue is several times that, so
 * `帮助` lists each topic's command words and `帮助 <主题>` gives that topic's usages and examples.
 */
export const HELP_TOPICS: ReadonlyArray<{ title: string; commands: readonly CommandName[] }> = [
  {
    title: '考勤',
    commands: [
      'checkIn',
      'checkOut',
      'location',
      'myDay',
      'myMonth',
      'teamDay',
      'setLocation',
      'removeLocation',
      'setHours',
      'setMode',
      'showSettings',
      'exportAttendance',
    ],
  },
  {
    title: '拜访',
    commands: [
      'visit',
      'endVisit',
      'visitResult',
      'plan',
      'myVisits',
      'customerVisits',
      'teamVisits',
      'showVisitSettings',
      'setVisitSetting',
    ],
  },
  {
    title: '客户',
    commands: ['newCustomer', 'findCustomer', 'claim', 'release', 'assign', 'importCustomers', 'handover'],
  },
  {
    title: '商机',
    commands: [
      'opportunity',
      'opportunityMove',
      'myOpportunities',
      'followUp',
      'opportunityStages',
      'setOpportunityStages',
    ],
  },
  {
    title: '订单',
    commands: [
      'placeOrder',
      'submitOrder',
      'myOrders',
      'orderDetail',
      'cancelOrder',
      'shipOrder',
      'completeOrder',
      'payment',
      'receivables',
      'overdue',
      'products',
    ],
  },
  { title: '业绩', commands: ['myPerformance', 'teamPerformance', 'setTarget', 'splitTarget'] },
  {
    title: '审批',
    commands: [
      'leave',
      'expense',
      'trip',
      'applyForm',
      'myRequests',
      'withdraw',
      'resubmit',
      'pendingForMe',
      'approve',
      'reject',
      'approvalFlow',
      'formAdmin',
    ],
  },
  {
    title: '日报',
    commands: [
      'dailyReport',
      'submitReport',
      'comment',
      'reportStatus',
      'digestNow',
      'teamRanking',
      'funnel',
      'weeklyReport',
      'monthlyReport',
      'unsubscribe',
      'subscribe',
      'showPushSettings',
      'pushHistory',
      'setPushTime',
    ],
  },
  { title: '管理', commands: ['adminHelp', 'setRole', 'recentAudit', 'auditExport', 'deadLetters'] },
];

const mayUse = (entry: CommandEntry, role: Role) => !entry.roles || entry.roles.includes(role);

function visibleEntries(commands: readonly CommandName[], role: Role): CommandEntry[] {
  return commands.map((name): CommandEntry => COMMANDS[name]).filter((entry) => mayUse(entry, role));
}

function overview(platform: Platform, role: Role): string[] {
  const lines = HELP_TOPICS.flatMap(({ title, commands }) => {
    const words = visibleEntries(commands, role).map((entry) => entry.names[0]);
    return words.length ? [`- **${title}**：${words.join(' · ')}`] : [];
  });
  // Only WeCom lets a user share a location in the chat; a DingTalk robot never receives one.
  if (platform === 'wecom') lines.push('- **发送位置** 对话框 ＋ → 位置，再选上班签到 / 拜访 / 下班签退');
  const first = HELP_TOPICS.find((t) => visibleEntries(t.commands, role).length > 0)?.title ?? '考勤';
  lines.push(`发送「帮助 ${first}」等查看用法和例子。`);
  return lines;
}

/** One topic's commands with usage and description. */
export function topicHelp(title: string, role: Role): Reply | null {
  const topic = HELP_TOPICS.find((t) => t.title === title);
  if (!topic) return null;
  const lines = visibleEntries(topic.commands, role).map((c) => `- **${c.usage}** ${c.description}`);
  if (lines.length === 0) return null;
  return { kind: 'markdown', title: `帮助：${title}`, text: [`### ${title}`, ...lines].join('\n') };
}

export function buildHelpReply(platform: Platform, role: Role): Reply {
  return {
    kind: 'markdown',
    title: '使用帮助',
    text: ['### fieldbot 外勤助手', ...overview(platform, role)].join('\n'),
  };
}

export const helpHandler: Handler<'text'> = async (event, ctx) => {
  const [topic] = argumentsOf(event.text);
  const { platform, role } = ctx.user;
  return (topic && topicHelp(topic, role)) || buildHelpReply(platform, role);
};

/** Opening the app only earns a greeting the first time; it fires on every open (WeCom enter_agent). */
export const enterHandler: Handler<'enter'> = async (_event, ctx) =>
  ctx.firstContact ? buildHelpReply(ctx.user.platform, ctx.user.role) : undefined;
