import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const SEND = '/cgi-bin/message/send';

export type RecordedFile = {
  field: string;
  fileName: string;
  contentType: string;
  size: number;
  bytes: Buffer;
};
export type Query = Record<string, string>;
export type RecordedRequest = {
  method: string;
  path: string;
  query: Query;
  json?: unknown;
  files?: RecordedFile[];
};
/** `hang`: never answer, so the client's timeout must fire. */
export type Answer = {
  status?: number;
  json?: unknown;
  bytes?: Buffer;
  contentType?: string;
  hang?: boolean;
};

/**
 * A fault the resilience suites inject into a share of API calls: an answer instead of the normal one
 * (5xx, 45009, 40014/42001, `hang` = the request is lost), or `answerLost`: WeCom does the work (the
 * message is delivered) but the answer never reaches the bot, which then cannot know it was delivered.
 */
export type Fault = Answer | { answerLost: true };

/** message/send's duplicate check: the fields that switch it on are not part of the compared content. */
const DUPLICATE_CHECK_FIELDS = ['enable_duplicate_check', 'duplicate_check_interval'];

/** A department as GET /cgi-bin/department/list lists it (the root's parentid is 0). */
export type FakeWecomDepartment = {
  id: number;
  name: string;
  parentid: number;
  order?: number;
  department_leader?: string[];
};
/** A member as GET /cgi-bin/user/list lists it; status 1 active, 2 disabled, 4 not activated, 5 left. */
export type FakeWecomUser = {
  userid: string;
  name: string;
  department: number[];
  main_department?: number;
  is_leader_in_dept?: number[];
  status: number;
};

export const ok = (fields: object): Answer => ({ json: { errcode: 0, errmsg: 'ok', ...fields } });
export const fail = (errcode: number, errmsg: string): Answer => ({ json: { errcode, errmsg } });

/**
 * A strict stand-in for qyapi.weixin.qq.com on loopback: issues tokens, answers 42001 / 40014 for expired
 * or revoked ones like WeCom, records every request, and answers 404 (failing the test) to anything else.
 */
export class FakeWecomApi {
  constructor(private readonly credentials: { corpId: string; secret: string }) {}

  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  /** message/send bodies WeCom accepted, with the token they came with. */
  readonly delivered: Array<{ token: string; body: unknown }> = [];
  readonly media = new Map<string, Buffer>();
  /** Every call that did its work (send, card update, upload…), faults excluded: what users actually got. */
  readonly accepted: RecordedRequest[] = [];
  /** message/send calls WeCom's duplicate check (`enable_duplicate_check`) swallowed. */
  readonly suppressedDuplicates: RecordedRequest[] = [];
  /** Calls received whose answer is still to come (during `answerDelayMs`): what callers have on the wire. */
  readonly answering = new Set<RecordedRequest>();
  /**
   * How long every answer takes to come back (WeCom answers in tens of milliseconds from the mainland, more
   * from afar), or how long the answer to each call takes. WeCom does the work when the call arrives.
   */
  answerDelayMs: number | ((r: RecordedRequest) => number) = 0;
  /** Consulted for every call but gettoken; a fault replaces the normal answer. */
  faults?: (r: RecordedRequest) => Fault | undefined;
  private readonly deliveredAt = new Map<string, number>();
  private readonly spentResponseCodes = new Set<string>();
  readonly issuedTokens: string[] = [];
  /** The address book that department/list and user/list answer from; tests edit it between syncs. */
  contacts: { departments: FakeWecomDepartment[]; users: FakeWecomUser[] } = { departments: [], users: [] };
  /**
   * OAuth2 网页授权 codes the fake hands out (code → member userid, or `{ openid }` for a non-member), each
   * answered once by auth/getuserinfo like WeCom (a used or unknown code is errcode 40029).
   */
  readonly oauthCodes = new Map<string, string | { openid: string }>();
  private readonly validTokens = new Set<string>();
  private readonly expiredTokens = new Set<string>();
  private readonly scripted = new Map<string, Answer[]>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly routes: Record<string, (r: RecordedRequest, token: string) => Answer> = {
    [`POST ${SEND}`]: (r, token) => {
      if (this.isDuplicate(r.json)) {
        this.suppressedDuplicates.push(r);
        return ok({ invaliduser: '', msgid: `msg-dup-${this.suppressedDuplicates.length}` });
      }
      this.delivered.push({ token, body: r.json });
      return ok({ invaliduser: '', msgid: `msg-${this.delivered.length}` });
    },
    // A ResponseCode updates a card once (WeCom); a used one is refused like the simulator does.
    'POST /cgi-bin/message/update_template_card': (r) => {
      const code = String((r.json as { response_code?: unknown }).response_code);
      if (this.spentResponseCodes.has(code))
        return fail(40001, 'invalid credential, hint: response_code used');
      this.spentResponseCodes.add(code);
      return ok({});
    },
    'POST /cgi-bin/media/upload': () => ok({ type: 'image', media_id: 'MEDIA-1', created_at: '1380000000' }),
    'GET /cgi-bin/media/get': (r) => {
      const bytes = this.media.get(r.query.media_id ?? '');
      return bytes ? { bytes, contentType: 'image/jpeg' } : fail(40007, 'invalid media_id');
    },
    'GET /cgi-bin/get_jsapi_ticket': () => ok({ ticket: 'TICKET-1', expires_in: 7200 }),
    'GET /cgi-bin/auth/getuserinfo': (r) => {
      const who = this.oauthCodes.get(r.query.code ?? '');
      if (who === undefined) return fail(40029, 'invalid code');
      this.oauthCodes.delete(r.query.code ?? '');
      return typeof who === 'string' ? ok({ userid: who, user_ticket: 'TICKET' }) : ok(who);
    },
    'GET /cgi-bin/department/list': () => ok({ department: this.contacts.departments }),
    // One member or department; unknown ids answer 60111 / 60123 like WeCom.
    'GET /cgi-bin/user/get': (r) => {
      const user = this.contacts.users.find((u) => u.userid === r.query.userid);
      return user ? ok(user) : fail(60111, 'userid not found');
    },
    'GET /cgi-bin/department/get': (r) => {
      const department = this.contacts.departments.find((d) => String(d.id) === r.query.id);
      return department ? ok({ department }) : fail(60123, 'invalid party id');
    },
    // Direct members only, like WeCom without fetch_child; an unknown department is errcode 60003.
    'GET /cgi-bin/user/list': (r) => {
      const id = Number(r.query.department_id);
      if (!this.contacts.departments.some((d) => d.id === id)) return fail(60003, 'department not found');
      return ok({ userlist: this.contacts.users.filter((u) => u.department.includes(id)) });
    },
  };

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next call to `path` gets `answer` instead of the normal behaviour. */
  failNext(path: string, answer: Answer): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), answer]);
  }

  expireTokens(): void {
    for (const token of this.validTokens) this.expiredTokens.add(token);
    this.validTokens.clear();
  }

  revokeTokens(): void {
    this.validTokens.clear();
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const r: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    };
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('application/json')) r.json = JSON.parse(raw.toString('utf8'));
    if (contentType.startsWith('multipart/form-data')) r.files = await readFiles(raw, contentType);
    this.requests.push(r);
    this.answering.add(r);
    try {
      await this.respond(r, res);
    } finally {
      this.answering.delete(r);
    }
  }

  private async respond(r: RecordedRequest, res: ServerResponse): Promise<void> {
    const fault = r.path === '/cgi-bin/gettoken' ? undefined : this.faults?.(r);
    const lost = fault && 'answerLost' in fault;
    const answer = lost ? this.answer(r) : (fault ?? this.scripted.get(r.path)?.shift() ?? this.answer(r));
    const delayMs = typeof this.answerDelayMs === 'function' ? this.answerDelayMs(r) : this.answerDelayMs;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (lost) {
      res.destroy();
      return;
    }
    if (answer.hang) return;
    const type = answer.contentType ?? 'application/json; charset=UTF-8';
    res.writeHead(answer.status ?? 200, { 'content-type': type });
    res.end(answer.bytes ?? JSON.stringify(answer.json ?? {}));
  }

  private answer(r: RecordedRequest): Answer {
    const route = `${r.method} ${r.path}`;
    if (route === 'GET /cgi-bin/gettoken') {
      if (r.query.corpid !== this.credentials.corpId || r.query.corpsecret !== this.credentials.secret)
        return fail(40001, 'invalid credential');
      const token = `TOKEN-${this.issuedTokens.length + 1}-x9q`;
      this.issuedTokens.push(token);
      this.validTokens.add(token);
      return ok({ access_token: token, expires_in: 7200 });
    }
    const handler = this.routes[route];
    if (!handler) {
      this.unexpected.push(route);
      return { status: 404, json: { errcode: 404, errmsg: 'not found' } };
    }
    const token = r.query.access_token ?? '';
    if (this.expiredTokens.has(token)) return fail(42001, 'access_token expired');
    if (!this.validTokens.has(token)) return fail(40014, 'invalid access_token');
    const answer = handler(r, token);
    if (Object(answer.json).errcode === 0 || answer.bytes) this.accepted.push(r);
    return answer;
  }

  /**
   * WeCom's duplicate check as documented for message/send: with `enable_duplicate_check: 1`, a message
   * with the same content (request JSON) to the same user within `duplicate_check_interval` seconds
   * (default 1800) is not delivered again. Modelled as: content = the JSON without the check's own fields.
   */
  private isDuplicate(json: unknown): boolean {
    const body = { ...(json as Record<string, unknown>) };
    const check = body.enable_duplicate_check === 1;
    const intervalMs = Number(body.duplicate_check_interval ?? 1800) * 1000;
    for (const field of DUPLICATE_CHECK_FIELDS) delete body[field];
    const key = JSON.stringify(body);
    const last = this.deliveredAt.get(key);
    if (check && last !== undefined && Date.now() - last <= intervalMs) return true;
    this.deliveredAt.set(key, Date.now());
    return false;
  }
}

async function readFiles(raw: Buffer, contentType: string): Promise<RecordedFile[]> {
  const headers = { 'content-type': contentType };
  const form = await new Response(new Uint8Array(raw), { headers }).formData();
  const files: RecordedFile[] = [];
  const entries: Array<[string, File]> = [];
  form.forEach((v, field) => {
    if (typeof v !== 'string') entries.push([field, v]);
  });
  for (const [field, v] of entries) {
    files.push({
      field,
      fileName: v.name,
      contentType: v.type,
      size: v.size,
      bytes: Buffer.from(await v.arrayBuffer()),
    });
  }
  return files;
}
