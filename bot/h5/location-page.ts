/**
 * The H5 page that reads the device's position inside the IM's webview: WeCom JS-SDK `getLocation`
 * (signed with a jsapi ticket), DingTalk JSAPI `device.geolocation.get`, or the browser's geolocation,
 * each posted with the source it came from; typed coordinates are the fallback (手动输入坐标).
 */
export function renderLocationPage(token: string, nonce: string): string {
  const tokenJson = JSON.stringify(token).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>发送位置</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;padding:24px;background:#f5f6f8;color:#1f2329}
.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08);max-width:420px;margin:auto}
h1{font-size:20px;margin:0 0 12px}button{width:100%;padding:12px;border:0;border-radius:8px;background:#1677ff;color:#fff;font-size:16px;margin-top:12px}
button.secondary{background:#e8eaed;color:#1f2329}input{width:100%;box-sizing:border-box;padding:10px;margin-top:8px;border:1px solid #d0d3d8;border-radius:8px;font-size:15px}
#status{margin-top:14px;min-height:1.4em;color:#646a73}.ok{color:#1a7f37!important}.err{color:#cf222e!important}details{margin-top:16px}
</style></head><body><div class="card">
<h1>发送当前位置</h1>
<p>读取手机定位后发回聊天，用于签到或拜访。</p>
<button id="locate">读取定位并发送</button>
<div id="status" role="status"></div>
<details><summary>无法定位？手动输入坐标</summary>
<input id="lat" inputmode="decimal" placeholder="纬度，例如 22.5431">
<input id="lng" inputmode="decimal" placeholder="经度，例如 114.0579">
<input id="label" placeholder="地点说明（可选）">
<button class="secondary" id="manual">发送手动坐标</button>
</details></div>
<script nonce="${nonce}">
const token = ${tokenJson};
// One id per phone's IM webview, kept in its storage: a position from another one reads as 设备变化.
function deviceId() {
  try {
    let id = localStorage.getItem('fieldbot-device');
    if (!id) { id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''); localStorage.setItem('fieldbot-device', id); }
    return id;
  } catch (e) { return undefined; }
}
const statusEl = document.getElementById('status');
function say(text, cls) { statusEl.textContent = text; statusEl.className = cls || ''; }
async function post(body) {
  const res = await fetch('location?t=' + encodeURIComponent(token), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ device: deviceId(), ...body }) });
  const data = await res.json().catch(() => ({}));
  if (res.ok) { say('位置已发送，请返回聊天查看结果。', 'ok'); for (const id of ['locate', 'manual']) document.getElementById(id).disabled = true; }
  else say(data.message || '发送失败，请返回聊天重新获取链接。', 'err');
}
function loadScript(src) { return new Promise((ok, fail) => { const s = document.createElement('script'); s.src = src; s.onload = ok; s.onerror = fail; document.head.appendChild(s); }); }
async function wecomLocation() {
  await loadScript('https://res.wx.qq.com/open/js/jweixin-1.2.0.js');
  const cfg = await (await fetch('jsapi-config?t=' + encodeURIComponent(token) + '&url=' + encodeURIComponent(location.href.split('#')[0]))).json();
  return new Promise((ok, fail) => {
    wx.config({ beta: true, debug: false, appId: cfg.corpId, timestamp: cfg.timestamp, nonceStr: cfg.nonceStr, signature: cfg.signature, jsApiList: ['getLocation'] });
    wx.ready(() => wx.getLocation({ type: 'gcj02', success: (r) => ok({ lat: r.latitude, lng: r.longitude, accuracy: Number(r.accuracy) || undefined }), fail: fail }));
    wx.error(fail);
  });
}
async function dingtalkLocation() {
  await loadScript('https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.25/dingtalk.open.js');
  // DingTalk JSAPI calls must run inside dd.ready.
  return new Promise((ok, fail) => { dd.ready(() => dd.device.geolocation.get({ targetAccuracy: 200, coordinate: 1, withReGeocode: true, useCache: false,
    onSuccess: (r) => ok({ lat: r.latitude, lng: r.longitude, accuracy: r.accuracy, label: r.address }), onFail: fail })); dd.error(fail); });
}
function browserLocation() {
  return new Promise((ok, fail) => navigator.geolocation ? navigator.geolocation.getCurrentPosition(
    (p) => ok({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }), fail, { enableHighAccuracy: true, timeout: 15000 }) : fail(new Error('no geolocation')));
}
document.getElementById('locate').onclick = async () => {
  say('正在定位…');
  const ua = navigator.userAgent;
  try {
    const inIm = /wxwork/i.test(ua) || /DingTalk/i.test(ua);
    const fix = /wxwork/i.test(ua) ? await wecomLocation() : /DingTalk/i.test(ua) ? await dingtalkLocation() : await browserLocation();
    await post({ ...fix, source: inIm ? 'im_sdk' : 'browser' });
  } catch (e) { say('无法读取定位，请允许定位权限，或在下方手动输入坐标。', 'err'); }
};
document.getElementById('manual').onclick = () => {
  const lat = Number(document.getElementById('lat').value), lng = Number(document.getElementById('lng').value);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return say('请输入有效的纬度和经度。', 'err');
  post({ lat, lng, label: document.getElementById('label').value || undefined, source: 'typed' });
};
</script></body></html>`;
}
