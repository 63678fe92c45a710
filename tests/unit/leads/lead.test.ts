import { DomainError } from '../../../domain/errors';
import {
  assertLeadClaimable,
  leadDuplicates,
  leadNumberOf,
  leadRecycleVerdict,
  splitLeadReference,
  type Lead,
} from '../../../domain/leads/lead';
import { matchableOf, parseLeadWords } from '../../../domain/leads/lead-input';

const DAY_MS = 86_400_000;
const T0 = new Date('2026-11-02T02:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY_MS);

function lead(over: Partial<Lead> = {}): Lead {
  return {
    id: 12,
    name: '深圳云帆科技',
    ...matchableOf({ name: over.name ?? '深圳云帆科技', phone: over.phone ?? null }),
    contactName: null,
    phone: null,
    source: null,
    note: null,
    status: 'open',
    ownerUserId: 7,
    createdAt: T0,
    ownedSince: T0,
    lastFollowUpAt: null,
    recycleWarnedAt: null,
    convertedCustomerId: null,
    ...over,
  };
}

const codeOf = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other';
  }
  return null;
};

describe('lead references', () => {
  it('reads 线索12, 线索 12 and full-width digits, and leaves customer names alone', () => {
    expect(splitLeadReference(['线索12', '张三'])).toEqual({ id: 12, rest: ['张三'] });
    expect(splitLeadReference(['线索', '１２'])).toEqual({ id: 12, rest: [] });
    expect(splitLeadReference(['线索#7'])).toEqual({ id: 7, rest: [] });
    expect(splitLeadReference(['公海便利店'])).toBeNull();
    expect(splitLeadReference(['线索科技公司'])).toBeNull();
    expect(leadNumberOf('12')).toBe(12);
    expect(leadNumberOf('十二')).toBeNull();
  });
});

describe('parseLeadWords', () => {
  it('takes the name first, a phone-like word as the phone, labelled words, and the rest as the note', () => {
    expect(parseLeadWords(['云帆', '联系人:王经理', '13800138000', '来源：展会', '想要', '报价'])).toEqual({
      name: '云帆',
      contactName: '王经理',
      phone: '13800138000',
      source: '展会',
      note: '想要 报价',
    });
  });

  it('names what is wrong: a one-character name, a bad or second phone, an overlong label', () => {
    expect(parseLeadWords(['云'])).toBe('name');
    expect(parseLeadWords(['云帆', '1380013'])).toBe('phone');
    expect(parseLeadWords(['云帆', '13800138000', '13900139000'])).toBe('phone');
    expect(parseLeadWords(['云帆', `来源:${'展'.repeat(33)}`])).toBe('too_long');
  });
});

describe('leadDuplicates', () => {
  const customer = {
    id: 3,
    name: '华为技术有限公司',
    ownerUserId: 9,
    ...matchableOf({ name: '华为技术有限公司', phone: null }),
  };

  it('finds customers first, then open leads other than the one checked, by the customer rule', () => {
    const open = lead({ id: 1, name: '华为技术深圳', phone: '13800138000' });
    const converted = lead({ id: 2, name: '华为技术', status: 'converted' });
    const found = leadDuplicates(
      matchableOf({ name: '华为技术', phone: '13800138000' }),
      [open, converted],
      [customer],
    );
    expect(found.map((d) => [d.kind, d.reason])).toEqual([
      ['customer', 'same_name'],
      ['lead', 'similar_name'],
    ]);
    expect(leadDuplicates(open, [open], [], open.id)).toEqual([]);
  });
});

describe('leadRecycleVerdict (the customer pool clock, 7 days, warned 1 day before)', () => {
  it('keeps a lead within 6 days, warns on day 6, recycles once warned and due', () => {
    expect(leadRecycleVerdict(lead(), day(5)).kind).toBe('keep');
    expect(leadRecycleVerdict(lead(), day(6))).toMatchObject({ kind: 'warn', daysLeft: 1 });
    expect(leadRecycleVerdict(lead({ recycleWarnedAt: day(6) }), day(7))).toMatchObject({
      kind: 'recycle',
      days: 7,
    });
  });

  it('restarts with a follow-up, and never touches a converted or a pool lead', () => {
    expect(leadRecycleVerdict(lead({ lastFollowUpAt: day(4), recycleWarnedAt: day(3) }), day(9)).kind).toBe(
      'keep',
    );
    expect(leadRecycleVerdict(lead({ status: 'converted' }), day(30)).kind).toBe('keep');
    expect(leadRecycleVerdict(lead({ ownerUserId: null }), day(30)).kind).toBe('keep');
  });
});

describe('assertLeadClaimable', () => {
  it('lets a rep claim a pool lead below the cap only', () => {
    expect(codeOf(() => assertLeadClaimable(lead({ ownerUserId: null }), 7, 0))).toBeNull();
    expect(codeOf(() => assertLeadClaimable(lead({ ownerUserId: 7 }), 7, 0))).toBe('lead.already_yours');
    expect(codeOf(() => assertLeadClaimable(lead({ ownerUserId: 8 }), 7, 0))).toBe('lead.not_in_pool');
    expect(codeOf(() => assertLeadClaimable(lead({ ownerUserId: null }), 7, 100))).toBe('lead.cap_reached');
    expect(codeOf(() => assertLeadClaimable(lead({ ownerUserId: null, status: 'converted' }), 7, 0))).toBe(
      'lead.converted',
    );
  });
});
