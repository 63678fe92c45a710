import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { department, tenantSeed } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import { randomAesKey, wecomFixture, type WecomApp, wecomEnv } from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

const app: WecomApp = { corpId: 'wwattendance0001', token: 'attendanceToken', aesKey: randomAesKey() };
const SECRET = 'attendance-secret';
const HQ = { lat: 22.5431, lng: 114.0579 };

let fake: FakeWecomApi;
let bot: TestBot;
/** Business time of the bot; the tests move it. */
let now = new Date('2026-11-23T01:05:00Z'); // Monday 09:05 in Shanghai
const { lastTo, contentOf, nextMsgId, deliver, say, punchViaPage } = createWecomChat({
  bot: () => bot,
  fake: () => fake,
  app,
  msgIdBase: 7441000000000000000n,
});

const auditRows = async () =>
  (await bot.db.dataSource.query(
    'SELECT action, actor_user_id, before_value, after_value FROM audit_log ORDER BY id',
  )) as Array<{ action: string; before_value: string; after_value: string }>;

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  const apiBase = await fake.start();
  bot = await startTestBot(
    {
      ...wecomEnv(app, SECRET, apiBase),
      ADMIN_USERS: 'Boss',
    },
    tenantSeed(
      department('sales', '销售部', { Lead: 'manager' }),
      department('east', '华东组', { ZhangSan: 'rep', ZhaoLiu: 'rep' }, 'sales'),
      department('other', '财务部', { Outsider: ['钱七', 'rep'] }),
    ),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

describe('attendance rules set by chat', () => {
  it('refuses a rep who tries to change the rules', async () => {
    expect(await say('ZhangSan', '设置考勤地点 总部 22.5431,114.0579 300米')).toBe(
      '「设置考勤地点」只有管理员可以使用。如需使用，请联系管理员。',
    );
    expect(await auditRows()).toEqual([]);
  });

  it('answers a malformed command with the right form', async () => {
    expect(await say('Boss', '设置考勤地点 总部 北京')).toBe(
      '没看懂「设置考勤地点 总部 北京」。正确格式：设置考勤地点 <名称> <纬度>,<经度> [半径米]\n例如：设置考勤地点 总部 22.5431,114.0579 300米',
    );
  });

  it('lets an admin set a location and work hours, audited with before and after', async () => {
    expect(await say('Boss', '设置考勤地点 总部 22.5431，114.0579 300米')).toContain(
      '已设置考勤地点「总部」',
    );
    expect(await say('Boss', '设置上班时间 09:00-18:00')).toContain('已设置上班时间 09:00–18:00');
    const rows = await auditRows();
    expect(rows.map((r) => r.action)).toEqual(['attendance.location.set', 'attendance.schedule.hours']);
    expect(JSON.parse(rows[0]?.before_value ?? '{}').locations).toEqual([]);
    expect(JSON.parse(rows[0]?.after_value ?? '{}').locations).toEqual([
      { name: '总部', ...HQ, radiusM: 300 },
    ]);
  });
});

describe('punching in and out', () => {
  it('records a late punch-in at the office from a device fix', async () => {
    const answer = await punchViaPage('ZhangSan', '签到', { lat: 22.5433, lng: 114.058 });
    expect(answer).toContain('上班签到成功');
    expect(answer).toContain('状态：迟到5分钟');
    expect(answer).toContain('总部');
    expect(answer).not.toContain('外勤');
    const rows = (await bot.db.dataSource.query(
      'SELECT kind, work_date, status, late_minutes, place_name, is_field FROM punches',
    )) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      {
        kind: 'in',
        work_date: '2026-11-23',
        status: 'late',
        late_minutes: 5,
        place_name: '总部',
        is_field: expect.anything(),
      },
    ]);
    expect(Number(rows[0]?.is_field)).toBe(0);
  });

  it('refuses a second punch-in and keeps the first', async () => {
    now = new Date('2026-11-23T01:30:00Z');
    expect(await punchViaPage('ZhangSan', '签到', HQ)).toBe(
      '你已在 09:05 上班签到（以第一次签到为准），无需重复签到；下班时请选择「下班签退」。',
    );
    const count = (await bot.db.dataSource.query('SELECT COUNT(*) AS n FROM punches')) as Array<{
      n: number | string;
    }>;
    expect(Number(count[0]?.n)).toBe(1);
  });

  it('records a punch 2 km away as 外勤, naming the distance to the office', async () => {
    const answer = await punchViaPage('ZhaoLiu', '签到', { lat: 22.5611, lng: 114.0579 });
    expect(answer).toContain('状态：迟到30分钟 · 外勤');
    expect(answer).toMatch(/距总部2\.0公里/);
  });

  it('refuses a punch outside the punch window, saying when it is open', async () => {
    now = new Date('2026-11-23T15:30:00Z'); // 23:30 local
    expect(await punchViaPage('ZhaoLiu', '签退', HQ)).toBe(
      '现在不在打卡时间内（08:00–22:00），请在这个时间段内签退。',
    );
    now = new Date('2026-11-23T10:10:00Z'); // 18:10 local
    expect(await punchViaPage('ZhaoLiu', '签退', HQ)).toContain('下班签退成功');
  });
});

describe('what reps and managers can ask', () => {
  it('shows my day with each punch', async () => {
    const answer = await say('ZhangSan', '今日考勤');
    expect(answer).toContain('### 今日考勤 11月23日（周一）');
    expect(answer).toContain('- 上班 09:05 迟到5分钟 · 总部');
    expect(answer).toContain('**状态**：迟到5分钟 · 未打卡（下班）');
  });

  it('sums up my month', async () => {
    now = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00
    const answer = await say('ZhaoLiu', '考勤 本月');
    expect(answer).toContain('### 11月考勤（截至11月24日（周二））');
    expect(answer).toContain('迟到 1 次（30分钟）');
    // ZhaoLiu joined (was imported) on the 23rd: the workdays before are not absences.
    expect(answer).toContain('出勤 **1** / 2 天');
    expect(answer).toContain('旷工 0 天 · 外勤 1 天');
  });

  it('shows a manager their department subtree only, and refuses a rep', async () => {
    now = new Date('2026-11-23T03:00:00Z');
    const answer = await say('Lead', '团队考勤');
    expect(answer).toContain('共 2 人 · 已签到 2 · 迟到 2');
    expect(answer).toContain('张三 09:05');
    expect(answer).not.toContain('钱七');
    expect(await say('ZhangSan', '团队考勤')).toBe(
      '「团队考勤」只有主管和管理员可以使用。你可以发送「今日考勤」查看自己的考勤。',
    );
  });

  it('lists admin commands in 帮助 for admins only', async () => {
    expect(await say('Boss', '帮助')).toContain('设置考勤地点');
    expect(await say('ZhangSan', '帮助')).not.toContain('设置考勤地点');
  });
});

describe('photo evidence', () => {
  const photoOf = (color: string) =>
    sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
      // Taken the day before the punch: the EXIF check must flag it.
      .withExif({ IFD2: { DateTimeOriginal: '2026:11:23 10:59:00', OffsetTimeOriginal: '+08:00' } })
      .jpeg()
      .toBuffer();

  async function sendPhoto(user: string, mediaId: string): Promise<void> {
    await deliver(wecomFixture('image', { FromUserName: user, MediaId: mediaId, MsgId: nextMsgId() }));
  }

  it('stamps a photo sent after a punch, keeps both copies and sends the stamped one back', async () => {
    now = new Date('2026-11-24T03:00:00Z'); // Tuesday 11:00
    expect(await punchViaPage('ZhangSan', '签到', { lat: 22.5433, lng: 114.058 })).toContain('上班签到成功');
    now = new Date('2026-11-24T03:05:00Z');
    const original = await photoOf('#3a6ea5');
    fake.media.set('MEDIA_PUNCH_1', original);
    const uploadsBefore = fake.requestsTo('/cgi-bin/media/upload').length;
    await sendPhoto('ZhangSan', 'MEDIA_PUNCH_1');

    const uploads = fake.requestsTo('/cgi-bin/media/upload');
    expect(uploads).toHaveLength(uploadsBefore + 1);
    const stamped = uploads.at(-1)?.files?.[0];
    expect(stamped?.contentType).toBe('image/jpeg');
    const meta = await sharp(stamped?.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([800, 600]);
    // The watermark band at the bottom changed those pixels; the top of the photo is untouched.
    // sharp's stats() reads its input, so cut the region out first.
    const blueOf = async (image: Buffer | undefined, top: number) => {
      const region = await sharp(image).extract({ left: 0, top, width: 800, height: 40 }).toBuffer();
      return (await sharp(region).stats()).channels[2]?.mean ?? 0;
    };
    const originalBlue = await blueOf(original, 560);
    expect(Math.abs((await blueOf(stamped?.bytes, 560)) - originalBlue)).toBeGreaterThan(40);
    expect(Math.abs((await blueOf(stamped?.bytes, 0)) - originalBlue)).toBeLessThan(5);
    expect(contentOf(lastTo('ZhangSan'))).toBe(
      '照片已作为 11:00 上班打卡的凭证保存（照片的拍摄时间或地点与打卡不一致，已标记给主管）。',
    );

    const rows = (await bot.db.dataSource.query(
      'SELECT original_key, stamped_key, flags FROM punch_photos',
    )) as Array<{ original_key: string; stamped_key: string; flags: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.flags).toBe('exif_mismatch');
    const mediaDir = bot.config.mediaRoot;
    expect(readFileSync(join(mediaDir, rows[0]?.original_key ?? '')).equals(original)).toBe(true);
    expect(
      readFileSync(join(mediaDir, rows[0]?.stamped_key ?? '')).equals(stamped?.bytes ?? Buffer.alloc(0)),
    ).toBe(true);
  });

  it('explains when a photo comes too long after the last punch, and stores nothing', async () => {
    now = new Date('2026-11-24T05:00:00Z');
    fake.media.set('MEDIA_LATE', await photoOf('#aa3333'));
    await sendPhoto('ZhangSan', 'MEDIA_LATE');
    expect(contentOf(lastTo('ZhangSan'))).toBe(
      '照片已收到。要作为打卡凭证，请在签到或签退后30分钟内发送；报销票据请在提交报销后30分钟内发送；拜访照片请在拜访签到后、结束拜访前发送。',
    );
    const rows = (await bot.db.dataSource.query('SELECT COUNT(*) AS n FROM punch_photos')) as Array<{
      n: number | string;
    }>;
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('answers a file that is not an image with what to do', async () => {
    now = new Date('2026-11-24T03:10:00Z');
    fake.media.set('MEDIA_BOGUS', Buffer.from('this is not a jpeg at all'));
    await sendPhoto('ZhangSan', 'MEDIA_BOGUS');
    expect(contentOf(lastTo('ZhangSan'))).toBe(
      '无法识别这张图片，请直接拍照，或从相册选择照片（JPG、PNG）重新发送。',
    );
  });
});
