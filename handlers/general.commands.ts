import { helpHandler } from './help.handler';
import { locationRequestHandler } from './location-request.handler';
import type { CommandDeclaration } from './command';

export const generalCommands: readonly CommandDeclaration[] = [
  {
    key: 'help',
    words: ['帮助', '菜单', 'help', '?', '？'],
    usage: '帮助',
    description: '查看可用命令',
    topic: null,
    // Called through a function: help reads this registry, so the binding is not there yet at load time.
    handler: (event, ctx) => helpHandler(event, ctx),
  },
  {
    key: 'checkIn',
    words: ['签到', '上班签到', '上班', '签个到', '签下到'],
    usage: '签到',
    description: '上班签到：打开定位页，位置发回即记录',
    topic: '考勤',
    handler: locationRequestHandler('checkin_in'),
  },
  {
    key: 'checkOut',
    words: ['签退', '下班签退', '下班', '签个退'],
    usage: '签退',
    description: '下班签退：打开定位页，位置发回即记录',
    topic: '考勤',
    handler: locationRequestHandler('checkin_out'),
  },
  {
    key: 'location',
    words: ['定位', '位置', '拜访签到'],
    usage: '定位',
    description: '发送当前位置，再选择上班签到、拜访签到或下班签退',
    topic: '考勤',
    handler: locationRequestHandler(),
  },
];
