import fc from 'fast-check';
import { findDuplicates, normalizeCustomerName } from '../../../domain/field/customer-matching';
import { DuplicateIndex } from '../../../domain/field/duplicate-index';

const customer = (name: string, phone: string | null = null) => ({
  name,
  normalizedName: normalizeCustomerName(name),
  phoneNormalized: phone,
});

describe('DuplicateIndex', () => {
  it('finds the same name, the same phone and one name inside the other', () => {
    const index = new DuplicateIndex<ReturnType<typeof customer>>();
    ['华为技术有限公司', '深圳小米之家', '美的集团'].forEach((n) => index.add(customer(n)));
    index.add(customer('平安银行', '13800138000'));
    const names = (name: string, phone: string | null = null) =>
      index.duplicatesOf(customer(name, phone)).map((d) => [d.customer.name, d.reason]);
    expect(names('华为技术')).toEqual([['华为技术有限公司', 'same_name']]);
    expect(names('华为技术深圳分公司')).toEqual([['华为技术有限公司', 'similar_name']]);
    expect(names('小米之家')).toEqual([['深圳小米之家', 'similar_name']]);
    expect(names('招商银行', '13800138000')).toEqual([['平安银行', 'same_phone']]);
    expect(names('美的')).toEqual([['美的集团', 'same_name']]);
    expect(names('格力电器')).toEqual([]);
  });

  it('agrees with a scan of every customer (findDuplicates), for random names', () => {
    const alphabet = fc.constantFrom(...'华为技术小米之家深圳有限公司');
    const name = fc.array(alphabet, { minLength: 2, maxLength: 9 }).map((cs) => cs.join(''));
    const phone = fc.option(fc.constantFrom('13800138000', '13900139000'), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, phone), { maxLength: 25 }),
        fc.tuple(name, phone),
        (stored, probe) => {
          const existing = stored.map(([n, p]) => customer(n, p));
          const index = new DuplicateIndex<(typeof existing)[number]>();
          existing.forEach((c) => index.add(c));
          const candidate = customer(...probe);
          expect(index.duplicatesOf(candidate)).toEqual(findDuplicates(candidate, existing));
        },
      ),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
