import { myDayHandler, myMonthHandler, teamDayHandler } from './attendance-queries.handler';
import {
  removeLocationHandler,
  setHoursHandler,
  setLocationHandler,
  setModeHandler,
  showSettingsHandler,
} from './attendance-settings.handler';
import { exportAttendanceHandler } from './attendance-export.handler';
import { makeUpPunchHandler } from './make-up.handler';
import { correctAttendanceHandler } from './correction.handler';
import { outingHandler, overtimeHandler } from './outing-overtime.handler';
import { ADMINS, MANAGERS, type CommandDeclaration } from '../command';

export const attendanceCommands: readonly CommandDeclaration[] = [
  {
    key: 'myDay',
    words: ['今日考勤', '今天考勤', '我的考勤'],
    usage: '今日考勤',
    description: '今天的打卡记录和状态',
    topic: '考勤',
    handler: myDayHandler,
  },
  {
    key: 'myMonth',
    words: ['考勤', '月度考勤'],
    usage: '考勤 本月',
    description: '本月（或 上月、2026-11）的出勤、迟到、缺卡汇总',
    topic: '考勤',
    handler: myMonthHandler,
  },
  {
    key: 'teamDay',
    words: ['团队考勤'],
    usage: '团队考勤',
    description: '今天团队谁已签到、迟到、未签到、外勤',
    topic: '考勤',
    roles: MANAGERS,
    otherwise: '你可以发送「今日考勤」查看自己的考勤。',
    handler: teamDayHandler,
  },
  {
    key: 'makeUpPunch',
    words: ['补卡'],
    usage: '补卡 昨天 下班 忘记打卡',
    description:
      '忘记打卡时申请补卡（日期、上班或下班、可写时间如 09:00、事由），审批通过后计入考勤；每月有次数上限',
    topic: '考勤',
    handler: makeUpPunchHandler,
  },
  {
    key: 'outing',
    words: ['外出'],
    usage: '外出 今天 14:00-17:00 拜访客户',
    description: '申请外出（日期、时间段、事由），审批通过后这段时间不算迟到、早退',
    topic: '考勤',
    handler: outingHandler,
  },
  {
    key: 'overtime',
    words: ['加班'],
    usage: '加班 明天 3小时 上线支持',
    description:
      '申请加班（日期、时长如 3小时 或时间段如 19:00-22:00、事由），审批通过后计入加班时长，不计入正常工时',
    topic: '考勤',
    handler: overtimeHandler,
  },
  {
    key: 'correctAttendance',
    words: ['考勤更正', '更正考勤'],
    usage: '考勤更正 张三 昨天 正常 外出拜访已核实',
    description: '更正某人某天的考勤结果（正常、旷工、请假、休息）并写明原因；原结果保留显示，记入审计',
    topic: '考勤',
    roles: ADMINS,
    handler: correctAttendanceHandler,
  },
  {
    key: 'setLocation',
    words: ['设置考勤地点'],
    usage: '设置考勤地点 总部 22.5431,114.0579 300米',
    description: '新增或修改考勤地点',
    topic: '考勤',
    roles: ADMINS,
    handler: setLocationHandler,
  },
  {
    key: 'removeLocation',
    words: ['删除考勤地点'],
    usage: '删除考勤地点 总部',
    description: '删除考勤地点',
    topic: '考勤',
    roles: ADMINS,
    handler: removeLocationHandler,
  },
  {
    key: 'setHours',
    words: ['设置上班时间'],
    usage: '设置上班时间 09:00-18:00',
    description: '固定班制的上下班时间',
    topic: '考勤',
    roles: ADMINS,
    handler: setHoursHandler,
  },
  {
    key: 'setMode',
    words: ['设置考勤模式'],
    usage: '设置考勤模式 固定班制｜弹性工时｜自由工时',
    description: '切换考勤模式',
    topic: '考勤',
    roles: ADMINS,
    handler: setModeHandler,
  },
  {
    key: 'showSettings',
    words: ['考勤设置'],
    usage: '考勤设置',
    description: '查看当前考勤规则',
    topic: '考勤',
    roles: ADMINS,
    handler: showSettingsHandler,
  },
  {
    key: 'exportAttendance',
    words: ['导出考勤'],
    usage: '导出考勤 本月',
    description: '下载本月（或 上月、2026-11）考勤，Excel/CSV，供核算工资',
    topic: '考勤',
    roles: ADMINS,
    handler: exportAttendanceHandler,
  },
];
