import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DingtalkCredentials {
  appKey: string;
  appSecret: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** A route answers JSON, or raw bytes (a picture behind a downloadUrl). */
export type Route = (req: RecordedRequest) => Answer | Buffer | Promise<Answer | Buffer>;

/** A robot message DingTalk accepted through batchSend, with its `msgParam` JSON string parsed. */
export interface DeliveredMessage {
  token: string;
  robotCode: string;
  userIds: string[];
  msgKey: string;
  msgParam: Record<string, string>;
}

/** A department as topapi/v2/department/listsub lists it; the root (dept_id 1) has no parent_id. */
export interface FakeDingtalkDepartment {
  dept_id: number;
  name: string;
  parent_id?: number;
}

/** A member as topapi/v2/user/list lists it. */
export interface FakeDingtalkUser {
  userid: string;
  name: string;
  dept_id_list: number[];
  leader_in_dept?: Array<{ dept_id: number; leader: boolean }>;
  active?: boolean;
}

const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const BATCH_SEND_PATH = '/v1.0/robot/oToMessages/batchSend';
/** Legacy host, served under this prefix: point the client's oapiBase at `oapiBase`. */
const OAPI_PREFIX = '/oapi';

/**
 * A stand-in for api.dingtalk.com and oapi.dingtalk.com on loopback. Issues tokens only for the
 * configured appKey/appSecret, checks the token of every v1.0 call (header `x-acs-dingtalk-access-token`)
 * and legacy call (`access_token` query), and records every request. Strict: a request to a route that is
 * neither built in nor set by the test is answered 404 and recorded in `unexpected`.
 */
export class FakeDingtalkApi {
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  /** `METHOD /path` → route; tests replace a built-in route to script an answer. */
  readonly routes = new Map<string, Route>();
  readonly issuedTokens: string[] = [];
  readonly delivered: DeliveredMessage[] = [];
  /** The address book the oapi contacts routes answer from; tests edit it between syncs. */
  contacts: { departments: FakeDingtalkDepartment[]; users: FakeDingtalkUser[] } = {
    departments: [],
    users: [],
  };
  /** Members per user/list page at most (DingTalk's cap is 100; tests lower it to exercise paging). */
  userPageLimit = 100;
  /** 免登 codes (requestAuthCode) the fake hands out: code → userid, each answered once like DingTalk. */
  readonly authCodes = new Map<string, string>();
  baseUrl = '';
  private readonly validTokens = new Set<string>();
  private readonly expiredTokens = new Set<string>();
  /** DingTalk's docs say 401 for a bad token; live answers have also been seen with 400. */
  private expiredStatus = 401;
  private server?: Server;

  constructor(private readonly credentials: DingtalkCredentials) {
    this.routes.set(`POST ${TOKEN_PATH}`, (req) => this.issueToken(req));
    this.routes.set(`POST ${BATCH_SEND_PATH}`, (req) => this.acceptBatchSend(req));
    this.routes.set(`POST ${OAPI_PREFIX}/topapi/v2/department/get`, (req) => this.getDepartment(req));
    this.routes.set(`POST ${OAPI_PREFIX}/topapi/v2/department/listsub`, (req) =>
      this.listSubDepartments(req),
    );
    this.routes.set(`POST ${OAPI_PREFIX}/topapi/v2/user/list`, (req) => this.listUsers(req));
    this.routes.set(`POST ${OAPI_PREFIX}/topapi/v2/user/get`, (req) => this.getUser(req));
    this.routes.set(`POST ${OAPI_PREFIX}/topapi/v2/user/getuserinfo`, (req) => this.userOfAuthCode(req));
  }

  /** 免登: a code once for its user; a used or unknown code is errcode 40078 (不存在的临时授权码). */
  private userOfAuthCode(req: RecordedRequest): Answer {
    const { code } = (readJsonOrNull(req) ?? {}) as { code?: unknown };
    const userid = typeof code === 'string' ? this.authCodes.get(code) : undefined;
    if (userid === undefined) return { status: 200, body: { errcode: 40078, errmsg: '不存在的临时授权码' } };
    this.authCodes.delete(code as string);
    return { status: 200, body: { errcode: 0, errmsg: 'ok', result: { userid, sys: false, sys_level: 0 } } };
  }

  /** One member; a user id nobody has is errcode 60121 (找不到该用户), as after they left. */
  private getUser(req: RecordedRequest): Answer {
    const { userid } = (readJsonOrNull(req) ?? {}) as { userid?: unknown };
    const user = this.contacts.users.find((u) => u.userid === userid);
    if (!user) return { status: 200, body: { errcode: 60121, errmsg: '找不到该用户' } };
    return { status: 200, body: { errcode: 0, errmsg: 'ok', result: user } };
  }

  /** Where the legacy oapi host is served; use it as the client's `oapiBase`. */
  get oapiBase(): string {
    return `${this.baseUrl}${OAPI_PREFIX}`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        this.requests.push(recorded);
        void Promise.resolve()
          .then(() => this.answer(recorded))
          .then((answer) => {
            if (Buffer.isBuffer(answer)) {
              res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(answer);
              return;
            }
            res
              .writeHead(answer.status, { 'content-type': 'application/json' })
              .end(JSON.stringify(answer.body));
          })
          .catch((error: unknown) => {
            // A route that throws is a broken test, not a DingTalk answer: fail the test through `unexpected`.
            this.unexpected.push(`${recorded.method} ${recorded.path} threw ${String(error)}`);
            res.writeHead(500).end();
          });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server?.close((err) => (err ? reject(err) : resolve())),
    );
  }

  /** Every token issued so far stops working, as when DingTalk's 7200 s run out before the cache noticed. */
  expireTokens(status = 401): void {
    this.expiredStatus = status;
    for (const token of this.validTokens) this.expiredTokens.add(token);
    this.validTokens.clear();
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private answer(req: RecordedRequest): Answer | Buffer | Promise<Answer | Buffer> {
    const key = `${req.method} ${req.path}`;
    const route = this.routes.get(key);
    if (!route) {
      this.unexpected.push(key);
      return { status: 404, body: { code: 'NotFound', message: `no route ${key}` } };
    }
    return this.rejectToken(req) ?? route(req);
  }

  /** v1.0 answers a bad token with `{code: InvalidAuthentication}`; oapi with HTTP 200 and an errcode. */
  private rejectToken(req: RecordedRequest): Answer | undefined {
    if (req.path.startsWith('/v1.0/') && req.path !== TOKEN_PATH) {
      const token = String(req.headers['x-acs-dingtalk-access-token'] ?? '');
      if (this.validTokens.has(token)) return undefined;
      const status = this.expiredTokens.has(token) ? this.expiredStatus : 401;
      return { status, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
    }
    if (req.path.startsWith(`${OAPI_PREFIX}/`)) {
      const token = req.query.get('access_token') ?? '';
      if (this.validTokens.has(token)) return undefined;
      if (this.expiredTokens.has(token))
        return { status: 200, body: { errcode: 42001, errmsg: 'access_token超时' } };
      return { status: 200, body: { errcode: 40014, errmsg: '不合法的access_token' } };
    }
    // Anything else (a downloadUrl) is a pre-signed URL and needs no token.
    return undefined;
  }

  private issueToken(req: RecordedRequest): Answer {
    const body = readJsonOrNull(req) as Partial<DingtalkCredentials> | null;
    if (body?.appKey !== this.credentials.appKey || body.appSecret !== this.credentials.appSecret) {
      // Any 4xx without a token: the client must not retry it or log the secret it sent.
      return { status: 400, body: { code: 'invalidClientSecret', message: '无效的appKey或appSecret' } };
    }
    const token = `token-${this.issuedTokens.length + 1}`;
    this.issuedTokens.push(token);
    this.validTokens.add(token);
    return { status: 200, body: { accessToken: token, expireIn: 7200 } };
  }

  /** Legacy answers are HTTP 200; 60003 is DingTalk's "department does not exist". */
  private findDepartment(req: RecordedRequest): FakeDingtalkDepartment | Answer {
    const body = readJsonOrNull(req) as { dept_id?: unknown } | null;
    const found = this.contacts.departments.find((d) => d.dept_id === body?.dept_id);
    return found ?? { status: 200, body: { errcode: 60003, errmsg: '部门不存在' } };
  }

  private getDepartment(req: RecordedRequest): Answer {
    const found = this.findDepartment(req);
    if ('status' in found) return found;
    return { status: 200, body: { errcode: 0, errmsg: 'ok', result: found } };
  }

  private listSubDepartments(req: RecordedRequest): Answer {
    const found = this.findDepartment(req);
    if ('status' in found) return found;
    const children = this.contacts.departments.filter((d) => d.parent_id === found.dept_id);
    return { status: 200, body: { errcode: 0, errmsg: 'ok', result: children } };
  }

  /** Pages by offset: `cursor` is where the page starts, `next_cursor` where the next one does. */
  private listUsers(req: RecordedRequest): Answer {
    const found = this.findDepartment(req);
    if ('status' in found) return found;
    const { cursor, size } = readJsonOrNull(req) as { cursor?: unknown; size?: unknown };
    if (typeof cursor !== 'number' || typeof size !== 'number' || size < 1 || size > 100) {
      return { status: 200, body: { errcode: 40035, errmsg: '不合法的参数' } };
    }
    const members = this.contacts.users.filter((u) => u.dept_id_list.includes(found.dept_id));
    const end = cursor + Math.min(size, this.userPageLimit);
    const hasMore = end < members.length;
    const result = {
      has_more: hasMore,
      ...(hasMore ? { next_cursor: end } : {}),
      list: members.slice(cursor, end),
    };
    return { status: 200, body: { errcode: 0, errmsg: 'ok', result } };
  }

  private acceptBatchSend(req: RecordedRequest): Answer {
    const body = readJsonOrNull(req) as Partial<Record<keyof DeliveredMessage, unknown>> | null;
    const { robotCode, userIds, msgKey, msgParam } = body ?? {};
    const isValid =
      typeof robotCode === 'string' &&
      Array.isArray(userIds) &&
      userIds.length >= 1 &&
      userIds.length <= 20 &&
      userIds.every((id) => typeof id === 'string') &&
      typeof msgKey === 'string' &&
      typeof msgParam === 'string';
    const params = isValid ? readJsonOrNull(msgParam) : null;
    if (!isValid || typeof params !== 'object' || params === null) {
      return { status: 400, body: { code: 'invalidParameter', message: 'bad batchSend body' } };
    }
    this.delivered.push({
      token: String(req.headers['x-acs-dingtalk-access-token']),
      robotCode,
      userIds: userIds as string[],
      msgKey,
      msgParam: params as Record<string, string>,
    });
    return {
      status: 200,
      body: {
        processQueryKey: `pqk-${this.delivered.length}`,
        invalidStaffIdList: [],
        flowControlledStaffIdList: [],
      },
    };
  }
}

export function parseJsonBody(req: RecordedRequest | undefined): unknown {
  return JSON.parse(req?.body.toString('utf8') ?? 'null') as unknown;
}

/** DingTalk answers a body it cannot read with 400, so the fake must not crash on one. */
function readJsonOrNull(source: RecordedRequest | string): unknown {
  try {
    return JSON.parse(typeof source === 'string' ? source : source.body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
