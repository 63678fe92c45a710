import { startTestBot, type TestBot } from '../support/start-bot';

/**
 * The simulator playing the WeCom intelligent bot (SIMULATOR_MODE=bot): the bot connects to the
 * simulator's WebSocket as it would to WeCom's, the page's actions arrive as bot frames, and the replies
 * come back over the connection into the chat.
 */
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ SIMULATOR: 'auto', SIMULATOR_MODE: 'bot' });
  await until(async () => JSON.stringify(await health()).includes('"up"'));
});

afterAll(() => bot.close());

async function health(): Promise<{ connections?: Record<string, string> }> {
  return (await (await fetch(`${bot.url}/healthz`)).json()) as { connections?: Record<string, string> };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function send(body: object): Promise<{ status: number; detail?: string }> {
  const response = await fetch(`${bot.url}/sim/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { status: number; detail?: string };
}

async function botSays(userId: string): Promise<string[]> {
  const page = (await (await fetch(`${bot.url}/sim/messages?userId=${userId}`)).json()) as {
    items: Array<{ from: string; text?: string; card?: { title?: string } }>;
  };
  return page.items.filter((i) => i.from === 'bot').map((i) => i.text ?? i.card?.title ?? '');
}

describe('simulator in intelligent-bot mode', () => {
  it('connects the bot to the simulated long connection', async () => {
    expect((await health()).connections).toEqual({ 'wecom-bot:simulatorbot': 'up' });
  });

  it('answers 帮助 over the bot connection', async () => {
    expect(await send({ userId: 'ZhangSan', kind: 'text', text: '帮助' })).toMatchObject({ status: 200 });
    await bot.settle();
    await until(async () => (await botSays('ZhangSan')).length > 0);
    expect((await botSays('ZhangSan'))[0]).toContain('签到');
  });

  it('explains that the bot takes no location message', async () => {
    const result = await send({ userId: 'LiSi', kind: 'location', lat: 22.65, lng: 114.05 });
    expect(result.status).toBe(0);
    expect(result.detail).toContain('定位页面');
  });
});
