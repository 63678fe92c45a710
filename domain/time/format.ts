/** One formatter per zone and shape: building an Intl.DateTimeFormat costs far more than using one. */
function cachedFormatter(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let formatter = cache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('zh-CN', { ...options, timeZone });
    cache.set(timeZone, formatter);
  }
  return formatter;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/** 「11:20」 in the tenant's zone. */
export function formatClock(date: Date, timeZone: string): string {
  return cachedFormatter(clockFormatters, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** 「11月23日 11:20」 in the tenant's zone. */
export function formatDateTime(date: Date, timeZone: string): string {
  const parts = cachedFormatter(dateTimeFormatters, timeZone, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}
