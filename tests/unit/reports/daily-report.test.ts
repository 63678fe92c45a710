import { dayActivityLines, parseDraftEdit } from '../../../domain/reports/daily-report';
import { textAfterWords } from '../../../domain/text/typed-words';
import type { ReportFacts } from '../../../domain/reports/facts';
import { seededFacts } from './seeded-facts';

const day = {
  tenantId: 't1',
  userId: 3,
  date: '2026-11-23',
  timeZone: 'Asia/Shanghai',
  asOf: new Date('2026-11-23T10:00:00Z'),
};

function richFacts(): ReportFacts {
  const facts = seededFacts();
  facts.visits.listForRep = async () => [
    {
      visitId: 1,
      customerId: 1,
      customerName: '华为深圳',
      startedAt: new Date(),
      endedAt: null,
      result: '有意向',
      note: '要报价',
      offSite: false,
    },
    {
      visitId: 2,
      customerId: 2,
      customerName: '腾讯',
      startedAt: new Date(),
      endedAt: null,
      result: null,
      note: null,
      offSite: false,
    },
  ];
  facts.customers.listNewForRep = async () => [{ customerId: 9, name: '比亚迪' }];
  facts.opportunities.stageMoves = async () => [
    {
      opportunityId: 1,
      customerName: '华为深圳',
      ownerUserId: 3,
      fromStage: 'contact',
      toStage: 'quote',
      at: new Date(),
      amountFen: 0,
      daysInFromStage: 3,
      lostReason: null,
    },
    {
      opportunityId: 2,
      customerName: '比亚迪',
      ownerUserId: 3,
      fromStage: null,
      toStage: 'contact',
      at: new Date(),
      amountFen: 0,
      daysInFromStage: null,
      lostReason: null,
    },
  ];
  facts.sales.listOrdersForRep = async () => [
    { orderNo: 'SO-7', customerName: '华为深圳', amountFen: 5_000_000, status: '已确认', at: new Date() },
  ];
  facts.sales.listPaymentsForRep = async () => [
    { customerName: '腾讯', orderNo: null, amountFen: 1_200_000, at: new Date() },
  ];
  facts.approvals.filedByRep = async () => [
    { requestNo: 4, typeLabel: '报销', summary: '交通费 ¥50.00', statusLabel: '审批中' },
  ];
  return facts;
}

describe('the 日报 draft', () => {
  it('pre-fills the day from every port, one line per kind of work', async () => {
    expect(await dayActivityLines(richFacts(), day)).toEqual([
      '考勤：上班 08:58（正常，手动选点）',
      '拜访 2 次：华为深圳（有意向，要报价）、腾讯（未填结果）',
      '新客户 1 个：比亚迪',
      '商机推进：华为深圳 初步接触→方案报价、比亚迪 新建→初步接触',
      '订单 1 笔：SO-7 华为深圳 ¥5万（已确认）',
      '回款：腾讯 ¥1.2万',
      '审批：报销 #4（交通费 ¥50.00，审批中）',
    ]);
  });

  it('says 未打卡 on a workday without punches, and nothing for areas that do not exist yet', async () => {
    const { attendance } = seededFacts();
    expect(await dayActivityLines({ attendance }, { ...day, userId: 1 })).toEqual(['考勤：未打卡']);
    expect(await dayActivityLines({}, day)).toEqual([]);
  });

  it('reads 日报 计划 / 日报 问题 with the prose kept as typed', () => {
    expect(parseDraftEdit('日报')).toBeNull();
    expect(parseDraftEdit('日报 计划 上午拜访华为，下午报价')).toEqual({
      field: 'plan',
      text: '上午拜访华为，下午报价',
    });
    expect(parseDraftEdit('日报\u3000问题  报价 审批慢')).toEqual({ field: 'problems', text: '报价 审批慢' });
    expect(parseDraftEdit('日报 计划')).toBeUndefined();
    expect(parseDraftEdit('日报 心得 很好')).toBeUndefined();
    expect(textAfterWords('点评 12 做得好，继续', 2)).toBe('做得好，继续');
  });
});
