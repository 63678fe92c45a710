import { UserEntity } from '../../../storage/entities/user.entity';
import { createReportFacts } from '../../../storage/reports/report-facts';
import { FakeWecomApi } from '../../support/fake-wecom-api';
import { department } from '../../support/seed-builders';
import { startTestBot, type TestBot } from '../../support/start-bot';
import { randomAesKey, wecomEnv, type WecomApp } from '../../support/wecom-callback';

const app: WecomApp = { corpId: 'wwreportfacts001', token: 'factsToken', aesKey: randomAesKey() };
let fake: FakeWecomApi;
let bot: TestBot;

beforeAll(async () => {
  // Seeded at the test clock, Monday 2026-11-23 09:05 in Shanghai: that is when these people joined.
  fake = new FakeWecomApi({ corpId: app.corpId, secret: 'facts-secret' });
  bot = await startTestBot(
    wecomEnv(app, 'facts-secret', await fake.start()),
    department('east', '华东组', { Lead: ['李经理', 'manager'], ZhangSan: 'rep' }),
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('attendance facts for reports', () => {
  it('has no days before a person joined, so a newcomer is never reported 旷工 for them', async () => {
    const rep = await bot.db.manager.findOneByOrFail(UserEntity, { platformUserId: 'ZhangSan' });
    const facts = createReportFacts(bot.db.manager, 'Asia/Shanghai').attendance;
    const days = await facts?.days(
      rep.tenantId,
      [rep.id],
      { from: '2026-11-16', to: '2026-11-23' },
      new Date('2026-11-24T02:00:00Z'),
    );
    expect(days?.map((d) => d.workDate)).toEqual(['2026-11-23']);
    // The day they joined counts: a workday without any punch, once over, is 旷工.
    expect(days?.[0]).toMatchObject({ isWorkday: true, absent: true });
  });
});
