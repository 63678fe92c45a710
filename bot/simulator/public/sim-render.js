// Turns chat items from GET /sim/messages into DOM nodes. Text goes in through textContent; only the
// markdown renderer builds HTML, and it escapes everything before adding its few safe tags.

// WeCom button styles: 1 强调, 2 次强调, 3 中性, 4 负向 (anything else shows as 1).
const BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'default', 4: 'danger' };

export function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

function inlineMarkdown(line) {
  let html = escapeHtml(line);
  html = html.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/`([^`]+)`/g, '<code>$1</code>');
  // WeCom markdown colours: <font color="info|comment|warning">.
  html = html.replace(
    /&lt;font color=&quot;(info|comment|warning)&quot;&gt;(.*?)&lt;\/font&gt;/g,
    '<span class="md-$1">$2</span>',
  );
  // Only http(s) links; the URL was escaped above, so it cannot leave the attribute.
  html = html.replace(
    /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
    '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>',
  );
  return html;
}

/** The safe subset of WeCom markdown: headings, bold, lists, quotes, colours, links, line breaks. */
export function renderMarkdown(source) {
  return String(source)
    .split('\n')
    .map((line) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) return `<div class="md-h md-h${heading[1].length}">${inlineMarkdown(heading[2])}</div>`;
      const quote = /^>\s?(.*)$/.exec(line);
      if (quote) return `<div class="md-quote">${inlineMarkdown(quote[1])}</div>`;
      const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
      if (bullet) return `<div class="md-li">${inlineMarkdown(bullet[1])}</div>`;
      if (line.trim() === '') return '<div class="md-gap"></div>';
      return `<div>${inlineMarkdown(line)}</div>`;
    })
    .join('');
}

/** Bot-supplied links open only if they are web or same-origin addresses (never javascript:). */
function isSafeUrl(url) {
  return typeof url === 'string' && (/^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url));
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

let clock = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Times show in the tenant's zone, like the bot's own cards, whatever zone the browser is in. */
export function setTimeZone(timeZone) {
  try {
    clock = new Intl.DateTimeFormat('zh-CN', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
  } catch {
    // An unknown zone keeps the browser's own; the times are a convenience, not data.
  }
}

function time(at) {
  return clock.format(new Date(at));
}

/** One chat item as a row; `actions.tap(card, key, selected, buttons)` is called for card buttons. */
export function renderItem(item, actions) {
  if (item.kind === 'note') {
    const row = el('div', 'row note');
    row.append(el('span', 'note-text', `${item.text} · ${time(item.at)}`));
    appendDelivery(row, item);
    return row;
  }
  const row = el('div', `row ${item.from}`);
  const avatar = el('div', 'avatar', item.from === 'bot' ? '助' : actions.initial);
  const body = el('div', 'body');
  body.append(el('div', 'meta', `${item.from === 'bot' ? 'fieldbot' : actions.userName} ${time(item.at)}`));
  body.append(renderContent(item, actions));
  appendDelivery(body, item);
  row.append(avatar, body);
  return row;
}

function appendDelivery(parent, item) {
  if (!item.delivery || item.delivery.status === 200) return;
  const status = item.delivery.status === 0 ? '未送达' : `HTTP ${item.delivery.status}`;
  parent.append(
    el(
      'div',
      'delivery-failed',
      `⚠ 机器人未接收（${status}）${item.delivery.error ? '：' + item.delivery.error : ''}`,
    ),
  );
}

function renderContent(item, actions) {
  switch (item.kind) {
    case 'text':
      return el('div', 'bubble text', item.text);
    case 'markdown': {
      const bubble = el('div', 'bubble markdown');
      bubble.innerHTML = renderMarkdown(item.text);
      return bubble;
    }
    case 'image': {
      const link = el('a', 'bubble image');
      link.href = item.url;
      link.target = '_blank';
      link.rel = 'noopener';
      const img = el('img');
      img.src = item.url;
      img.alt = '图片';
      link.append(img);
      return link;
    }
    case 'location': {
      const bubble = el('div', 'bubble location');
      bubble.append(el('div', 'location-label', item.label || '位置'));
      bubble.append(el('div', 'location-coords', `纬度 ${item.lat.toFixed(6)}，经度 ${item.lng.toFixed(6)}`));
      return bubble;
    }
    case 'card':
      return renderCard(item, actions);
    default:
      return el('div', 'bubble text', `[不支持的消息类型 ${item.kind}]`);
  }
}

function renderCard(item, actions) {
  const card = item.card;
  const node = el('div', 'bubble card');
  node.dataset.taskId = card.taskId || '';
  if (card.source) node.append(el('div', 'card-source', card.source));
  if (card.title) {
    // text_notice cards open card_action.url when tapped anywhere; the title link stands in for that.
    const url = isSafeUrl(card.url) ? card.url : undefined;
    const title = el(url ? 'a' : 'div', 'card-title', card.title);
    if (url) Object.assign(title, { href: url, target: '_blank', rel: 'noopener noreferrer' });
    node.append(title);
  }
  if (card.description) node.append(el('div', 'card-desc', card.description));
  if (card.emphasis && (card.emphasis.title || card.emphasis.description)) {
    const emphasis = el('div', 'card-emphasis');
    if (card.emphasis.title) emphasis.append(el('div', 'card-emphasis-title', card.emphasis.title));
    if (card.emphasis.description)
      emphasis.append(el('div', 'card-emphasis-desc', card.emphasis.description));
    node.append(emphasis);
  }
  if (card.subTitle) node.append(el('div', 'card-sub', card.subTitle));
  if (card.fields.length > 0) {
    const fields = el('dl', 'card-fields');
    for (const field of card.fields) fields.append(el('dt', '', field.label), el('dd', '', field.value));
    node.append(fields);
  }
  for (const link of card.links) {
    const a = el('a', 'card-link', link.title);
    if (isSafeUrl(link.url))
      Object.assign(a, { href: link.url, target: '_blank', rel: 'noopener noreferrer' });
    node.append(a);
  }
  const decided = item.decided !== undefined && item.decided !== null;
  const selected = renderQuestions(node, card, decided);
  const buttons = el('div', 'card-buttons');
  if (decided) {
    // WeCom replace_name: the buttons give way to one greyed-out button carrying the new text.
    const done = el('button', 'card-button decided', item.decided);
    done.disabled = true;
    buttons.append(done);
  } else {
    const all = [...card.buttons];
    if (card.submit) all.push({ text: card.submit.text, key: card.submit.key, style: 1 });
    for (const button of all) {
      const b = el('button', `card-button ${BUTTON_STYLES[button.style] || 'default'}`, button.text);
      b.type = 'button';
      if (button.url) {
        b.disabled = !isSafeUrl(button.url);
        b.addEventListener('click', () => window.open(button.url, '_blank', 'noopener'));
      } else {
        b.dataset.key = button.key;
        b.addEventListener('click', () => actions.tap(card, button.key, selected(), buttons));
      }
      buttons.append(b);
    }
  }
  if (buttons.childElementCount > 0) node.append(buttons);
  return node;
}

/** Checkbox and select questions of vote / multiple-choice cards; returns a reader of the choices. */
function renderQuestions(node, card, decided) {
  const inputs = [];
  for (const question of card.questions) {
    const box = el('fieldset', 'card-question');
    if (question.title) box.append(el('legend', '', question.title));
    for (const option of question.options) {
      const label = el('label', 'card-option');
      const input = el('input');
      input.type = question.multiple ? 'checkbox' : 'radio';
      input.name = `${card.taskId}-${question.questionKey}`;
      input.checked = option.checked;
      input.disabled = decided;
      inputs.push({ input, questionKey: question.questionKey, id: option.id });
      label.append(input, document.createTextNode(option.text));
      box.append(label);
    }
    node.append(box);
  }
  return () => {
    const selected = {};
    for (const { input, questionKey, id } of inputs) {
      if (input.checked) (selected[questionKey] ||= []).push(id);
    }
    return selected;
  };
}
