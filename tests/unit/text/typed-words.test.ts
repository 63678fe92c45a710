import {
  parseExpenseCommand,
  parseLeaveCommand,
  parseTripCommand,
} from '../../../handlers/approval/request-command';
import { argumentsOf } from '../../../handlers/command-args';
import { parseNewCustomer } from '../../../handlers/customer/new-customer.handler';
import { textAfterWords, typedWords } from '../../../domain/text/typed-words';

describe('words as typed', () => {
  it('splits on ASCII and ideographic spaces and keeps punctuation', () => {
    expect(typedWords(' 驳回\u30001  金额不对，请补发票 ')).toEqual(['驳回', '1', '金额不对，请补发票']);
    expect(typedWords('   ')).toEqual([]);
    expect(textAfterWords('输单 12 客户预算取消：明年再谈', 2)).toBe('客户预算取消：明年再谈');
    expect(textAfterWords('结束拜访', 1)).toBe('');
  });

  it('normalises only the words a command parses', () => {
    expect(argumentsOf('设置考勤地点 总部 22.5431，114.0579')).toEqual(['总部', '22.5431,114.0579']);
  });

  it('keeps full-width punctuation in reasons, notes and addresses', () => {
    const today = '2026-11-23';
    expect(parseLeaveCommand('请假 11月25日 事假 家里有事，需回老家', today).reason).toBe(
      '家里有事，需回老家',
    );
    expect(parseLeaveCommand('请假 事假 11月25日 家里有事，需回老家', today).reason).toBe(
      '家里有事，需回老家',
    );
    expect(parseExpenseCommand('报销 268.5 交通费 拜访华为，打车往返').note).toBe('拜访华为，打车往返');
    expect(parseTripCommand('出差 广州 12月1日-12月3日 客户年会：讲解方案', today).reason).toBe(
      '客户年会：讲解方案',
    );
    expect(parseNewCustomer('新建客户 华为 深圳市，龙岗区 坂田 13800138000')).toEqual({
      name: '华为',
      address: '深圳市，龙岗区 坂田',
      phone: '13800138000',
    });
  });
});
