import { chineseNumber, findDate, findDayCount, parseClock } from '../../../domain/time/chinese-dates';

const TODAY = '2026-12-01'; // a Tuesday
const dateOf = (text: string) => findDate(text, TODAY);

describe('dates as reps write and say them', () => {
  it.each([
    ['今天', '2026-12-01'],
    ['明天上午去华为', '2026-12-02'],
    ['大后天', '2026-12-04'],
    ['昨天去了中兴', '2026-11-30'],
    ['下周三', '2026-12-09'],
    ['下下周一', '2026-12-14'],
    ['周五', '2026-12-04'],
    ['周一', '2026-12-07'],
    ['星期二', '2026-12-01'],
    ['月底', '2026-12-31'],
    ['下个月底', '2027-01-31'],
    ['12月4日', '2026-12-04'],
    ['十二月四号', '2026-12-04'],
    ['1月3日', '2027-01-03'],
    ['12号', '2026-12-12'],
    ['1号', '2026-12-01'],
    ['2026-12-04', '2026-12-04'],
  ])('%s → %s', (text, date) => {
    expect(dateOf(text)).toMatchObject({ date });
  });

  it('reads the part of the day and the clock after a date', () => {
    expect(findDate('明天下午两点半去华为', TODAY)).toMatchObject({
      date: '2026-12-02',
      part: '下午',
      time: '14:30',
      index: 0,
      length: 7,
    });
    expect(parseClock('3点15分')).toEqual({ time: '03:15', length: 5 });
    expect(parseClock('晚上8点')).toEqual({ time: '20:00', length: 4 });
    expect(parseClock('15:30')).toEqual({ time: '15:30', length: 5 });
    expect(parseClock('25点')).toBeNull();
  });

  it('takes a bare 号 already past as next month', () => {
    expect(findDate('1号', '2026-12-20')).toMatchObject({ date: '2027-01-01' });
  });

  it('names a day that does not exist instead of guessing', () => {
    expect(findDate('请假 2月30日 事假', TODAY)).toEqual({ invalid: '2月30日' });
    expect(findDate('没有日期', TODAY)).toBeNull();
  });

  it('counts days and reads Chinese numbers', () => {
    expect(findDayCount('请三天年假')).toBe(3);
    expect(findDayCount('请2天病假')).toBe(2);
    expect(findDayCount('请半天假')).toBe(0.5);
    expect(findDayCount('请假')).toBeNull();
    expect(chineseNumber('二十三')).toBe(23);
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('两')).toBe(2);
    expect(chineseNumber('百')).toBeNull();
  });
});
