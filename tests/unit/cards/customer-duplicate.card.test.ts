import {
  buildCustomerDuplicateCard,
  customerDuplicateActionSchema,
} from '../../../cards/customer-duplicate.card';
import type { CustomerRecord } from '../../../domain/field/customer';
import { cardSchema } from '../../../domain/messages/reply';

const customer = (id: number, name: string, phone: string | null = null): CustomerRecord => ({
  id,
  name,
  normalizedName: name,
  address: `${name}的地址`,
  phone,
  phoneNormalized: phone,
  category: null,
  ownerUserId: id === 4 ? null : 7,
});

describe('customer duplicate card', () => {
  it('lists at most three possible duplicates with 仍然新建 and one 使用已有 each', () => {
    const card = buildCustomerDuplicateCard({
      draftId: 12,
      draft: { name: '华为技术', address: '深圳南山', phone: null },
      duplicates: [
        { customer: customer(1, '华为技术有限公司', '13800138000'), ownerName: '张三' },
        { customer: customer(2, '华为技术深圳有限公司一个名字特别特别长的客户'), ownerName: '李四' },
        { customer: customer(4, '华为技术服务'), ownerName: null },
        { customer: customer(5, '华为技术第四家'), ownerName: '王五' },
      ],
    });
    expect(cardSchema.parse(card)).toEqual(card);
    expect(card).toMatchSnapshot();
  });

  it('reads its button keys back, and refuses anything else', () => {
    expect(customerDuplicateActionSchema.parse('cust:new:12')).toEqual({
      choice: 'new',
      draftId: 12,
      customerId: null,
    });
    expect(customerDuplicateActionSchema.parse('cust:use:12:3')).toEqual({
      choice: 'use',
      draftId: 12,
      customerId: 3,
    });
    for (const bad of ['cust:new:12:3', 'cust:use:12', 'cust:del:1', 'cust:new:x', 'loc:1:checkin_in']) {
      expect(customerDuplicateActionSchema.safeParse(bad).success).toBe(false);
    }
  });
});
