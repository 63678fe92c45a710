import { createLinkFactory } from '../../bot/h5/link-factory';
import { LinkSigner } from '../../bot/h5/link-signer';
import { InboxEventEntity } from '../../storage/entities/inbox-event.entity';
import { MONDAY_0905_SHANGHAI, startTestBot, type TestBot } from '../support/start-bot';

/**
 * H5 pages behind a path: PUBLIC_BASE_URL `…/fieldbot`, as when the company's HTTPS site forwards
 * `/fieldbot/` to the bot (the long-connection deployments' usual way to reach phones). Links carry the
 * prefix; the bot answers with or without it; the page posts back relative to itself.
 */
const LINK_SECRET = 'test-link-secret-0123456789';
let bot: TestBot;

beforeEach(async () => {
  bot = await startTestBot({ PUBLIC_BASE_URL: 'https://www.example.com/fieldbot', LINK_SECRET });
});

afterEach(() => bot.close());

function locationLink(base: string): URL {
  const links = createLinkFactory(
    new LinkSigner(LINK_SECRET),
    base,
    { tenantId: 'wwprefix00000001', platform: 'wecom', platformUserId: 'lisi' },
    () => MONDAY_0905_SHANGHAI.getTime(),
  );
  return new URL(links.locationPage('checkin_in'));
}

describe('H5 pages under the path of PUBLIC_BASE_URL', () => {
  it('serves the location page at the prefixed path and takes the position posted relative to it', async () => {
    const page = locationLink(`${bot.url}/fieldbot`);
    expect(page.pathname).toBe('/fieldbot/h5/location');
    const html = await (await fetch(page)).text();
    expect(html).toContain("fetch('location?t=' + encodeURIComponent(token)");

    // What the page's relative fetch resolves to: the prefixed path again, the link's token in the query.
    const target = new URL(`location?t=${encodeURIComponent(page.searchParams.get('t') ?? '')}`, page);
    const post = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lat: 31.23, lng: 121.47, source: 'browser' }),
    });
    expect(post.status).toBe(200);
    const rows = await bot.db.manager.findBy(InboxEventEntity, { tenantId: 'wwprefix00000001' });
    expect(rows.map((r) => [r.kind, r.userId])).toEqual([['location', 'lisi']]);
  });

  it('answers the same routes when a proxy strips the prefix', async () => {
    const page = locationLink(bot.url);
    expect((await fetch(page)).status).toBe(200);
    expect((await fetch(`${bot.url}/fieldbot/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.url}/fieldbotx/healthz`)).status).toBe(404);
  });
});
