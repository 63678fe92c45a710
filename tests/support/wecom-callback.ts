import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encrypt, getSignature } from '@wecom/crypto';

export interface WecomApp {
  corpId: string;
  token: string;
  aesKey: string;
}

/** A decrypted fixture from tests/fixtures/wecom, with field values replaced by `overrides`. */
export function wecomFixture(name: string, overrides: Record<string, string | number> = {}): string {
  let xml = readFileSync(join(__dirname, '..', 'fixtures', 'wecom', `${name}.xml`), 'utf8').trim();
  for (const [field, value] of Object.entries(overrides)) {
    const cdata = new RegExp(`<${field}><!\\[CDATA\\[[\\s\\S]*?\\]\\]></${field}>`);
    const plain = new RegExp(`<${field}>[^<]*</${field}>`);
    if (cdata.test(xml)) xml = xml.replace(cdata, `<${field}><![CDATA[${value}]]></${field}>`);
    else if (plain.test(xml)) xml = xml.replace(plain, `<${field}>${value}</${field}>`);
    else throw new Error(`fixture ${name} has no field ${field}`);
  }
  return xml;
}

export interface SignedCallback {
  query: string;
  body: string;
}

/** Encrypts and signs `innerXml` exactly as WeCom does for a POST callback. */
export function encryptCallback(
  app: WecomApp,
  innerXml: string,
  options: { receiveId?: string; timestamp?: string; nonce?: string } = {},
): SignedCallback {
  const encrypted = encrypt(app.aesKey, innerXml, options.receiveId ?? app.corpId);
  return signEnvelope(app, encrypted, options);
}

/** Wraps an `Encrypt` value (valid or not) in WeCom's envelope, signed with the app's token. */
export function signEnvelope(
  app: WecomApp,
  encrypted: string,
  options: { timestamp?: string; nonce?: string } = {},
): SignedCallback {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomBytes(6).toString('hex');
  const signature = getSignature(app.token, timestamp, nonce, encrypted);
  return {
    query: `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${app.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

export function postCallback(
  baseUrl: string,
  callback: SignedCallback,
  path = '/wecom/callback',
): Promise<Response> {
  return fetch(`${baseUrl}${path}?${callback.query}`, {
    method: 'POST',
    body: callback.body,
    headers: { 'content-type': 'text/xml' },
  });
}

export function randomAesKey(): string {
  return randomBytes(32).toString('base64').slice(0, 43);
}

/** The environment that makes `app` the bot's WeCom app, its API served at `apiBase`. */
export function wecomEnv(app: WecomApp, secret: string, apiBase: string): Record<string, string> {
  return {
    WECOM_CORP_ID: app.corpId,
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: secret,
    WECOM_TOKEN: app.token,
    WECOM_AES_KEY: app.aesKey,
    WECOM_API_BASE: apiBase,
  };
}
