// The simulator page: pick a seed user, chat with the bot as that user. Everything goes through the
// simulator's JSON endpoints (/sim/send, /sim/messages, /sim/upload), which speak WeCom to the bot.
import { createMap, nearbyLabel, seedPoints } from './sim-map.js';
import { renderItem, setTimeZone } from './sim-render.js';

const POLL_MS = 700;
const $ = (id) => document.getElementById(id);

const state = {
  seed: null,
  user: null,
  cursor: 0,
  nodes: new Map(),
  pollTimer: null,
  map: null,
  generation: 0,
};

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function showStatus(text, kind) {
  const status = $('status');
  status.hidden = !text;
  status.textContent = text || '';
  status.className = `status ${kind || ''}`;
}

/** Tells the developer when the bot refused a callback: anything but 200 makes WeCom retry, then give up. */
function reportDelivery(result) {
  if (result.ok) return showStatus('');
  const why = result.status === 0 ? '无法连接机器人' : `机器人回调返回 HTTP ${result.status}`;
  showStatus(`${why}${result.detail ? '：' + result.detail : ''}`, 'error');
}

async function send(payload) {
  try {
    const result = await api('/sim/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: state.user.userId, ...payload }),
    });
    reportDelivery(result);
    await poll();
    return result;
  } catch (error) {
    showStatus(`发送失败：${error.message}`, 'error');
    return undefined;
  }
}

// ---- users -------------------------------------------------------------------------------------

function renderUsers() {
  const list = $('users');
  list.replaceChildren();
  for (const user of state.seed.users) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'user';
    button.dataset.userId = user.userId;
    const name = Object.assign(document.createElement('span'), {
      className: 'user-name',
      textContent: user.name,
    });
    const role = Object.assign(document.createElement('span'), {
      className: `role role-${user.role}`,
      textContent: user.roleLabel,
    });
    const id = Object.assign(document.createElement('span'), {
      className: 'user-id',
      textContent: user.userId,
    });
    button.append(name, role, id);
    button.addEventListener('click', () => selectUser(user.userId));
    li.append(button);
    list.append(li);
  }
}

function selectUser(userId) {
  const user = state.seed.users.find((u) => u.userId === userId);
  if (!user) return;
  state.user = user;
  state.cursor = 0;
  state.nodes.clear();
  state.generation += 1;
  history.replaceState(null, '', `#${encodeURIComponent(userId)}`);
  for (const b of document.querySelectorAll('.user'))
    b.classList.toggle('active', b.dataset.userId === userId);
  $('chat-title').textContent = `${user.name}（${user.roleLabel}）`;
  $('chat-sub').textContent = `UserID ${user.userId} · 与 fieldbot 的对话`;
  $('messages').replaceChildren(
    Object.assign(document.createElement('div'), {
      className: 'empty',
      textContent: '暂无消息，发送「帮助」试试',
    }),
  );
  for (const id of ['text', 'send', 'open-location', 'pick-image', 'enter-app']) $(id).disabled = false;
  showStatus('');
  $('text').focus();
  poll();
}

// ---- conversation ------------------------------------------------------------------------------

async function poll() {
  if (!state.user) return;
  const generation = state.generation;
  try {
    const page = await api(
      `/sim/messages?userId=${encodeURIComponent(state.user.userId)}&after=${state.cursor}`,
    );
    if (generation !== state.generation) return; // the user was switched while this poll was in flight
    if (page.items.length > 0) applyItems(page.items);
    state.cursor = Math.max(state.cursor, page.cursor);
  } catch (error) {
    showStatus(`模拟器不可用：${error.message}`, 'error');
  }
}

function applyItems(items) {
  const list = $('messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.querySelector('.empty')?.remove();
  let appended = false;
  for (const item of items) {
    const existing = state.nodes.get(item.id);
    // Polls can overlap; an older answer must not put back a card's state from before its update.
    if (existing && Number(existing.dataset.seq) >= item.seq) continue;
    const node = renderItem(item, { tap, userName: state.user.name, initial: state.user.name.slice(0, 1) });
    node.dataset.itemId = item.id;
    node.dataset.seq = String(item.seq);
    // A card updated in place keeps its position in the conversation.
    if (existing) existing.replaceWith(node);
    else {
      list.append(node);
      appended = true;
    }
    state.nodes.set(item.id, node);
    // A picture gets its height only once loaded; keep the newest message in view when it does.
    if (nearBottom)
      node.querySelector('img')?.addEventListener('load', () => (list.scrollTop = list.scrollHeight));
  }
  if (appended && (nearBottom || items.some((i) => i.from === 'user'))) list.scrollTop = list.scrollHeight;
}

async function tap(card, key, selected, buttons) {
  for (const b of buttons.querySelectorAll('button')) b.disabled = true;
  const result = await send({ kind: 'card_action', taskId: card.taskId, eventKey: key, selected });
  // Until the bot updates the card, WeCom lets the user tap again (e.g. after the bot failed).
  if (!result || !result.ok) for (const b of buttons.querySelectorAll('button')) b.disabled = false;
}

// ---- composer ----------------------------------------------------------------------------------

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text || !state.user) return;
  $('text').value = '';
  await send({ kind: 'text', text });
});

$('enter-app').addEventListener('click', () => send({ kind: 'enter' }));

$('pick-image').addEventListener('click', () => $('image-file').click());
$('image-file').addEventListener('change', async () => {
  const file = $('image-file').files[0];
  $('image-file').value = '';
  if (!file || !state.user) return;
  try {
    const uploaded = await api('/sim/upload', {
      method: 'POST',
      headers: { 'content-type': file.type || 'image/png' },
      body: file,
    });
    await send({ kind: 'image', mediaId: uploaded.mediaId });
  } catch (error) {
    showStatus(`图片上传失败：${error.message}`, 'error');
  }
});

// ---- location ----------------------------------------------------------------------------------

function readLocation() {
  return {
    lat: Number.parseFloat($('loc-lat').value),
    lng: Number.parseFloat($('loc-lng').value),
    label: $('loc-label').value.trim(),
  };
}

function onPick({ lat, lng, label }) {
  $('loc-lat').value = String(lat);
  $('loc-lng').value = String(lng);
  $('loc-label').value = label;
  state.map.showPoint(lat, lng);
}

$('open-location').addEventListener('click', () => {
  const panel = $('location-panel');
  panel.hidden = !panel.hidden;
  if (!state.map) state.map = createMap($('map'), state.seed, onPick);
  if (!panel.hidden) $('loc-lat').focus();
});
$('loc-cancel').addEventListener('click', () => ($('location-panel').hidden = true));
for (const id of ['loc-lat', 'loc-lng']) {
  $(id).addEventListener('input', () => {
    const { lat, lng } = readLocation();
    state.map?.showPoint(lat, lng);
  });
}
$('loc-send').addEventListener('click', async () => {
  const { lat, lng, label } = readLocation();
  if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) {
    showStatus('请输入有效的纬度（-90~90）和经度（-180~180）', 'error');
    return;
  }
  $('location-panel').hidden = true;
  await send({ kind: 'location', lat, lng, label: label || nearbyLabel(seedPoints(state.seed), lat, lng) });
});

// ---- start -------------------------------------------------------------------------------------

async function start() {
  state.seed = await api('/sim/seed');
  if (state.seed.timeZone) setTimeZone(state.seed.timeZone);
  renderUsers();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) selectUser(wanted);
  state.pollTimer = setInterval(poll, POLL_MS);
}

start().catch((error) => showStatus(`加载失败：${error.message}`, 'error'));
