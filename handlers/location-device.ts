import type { LocationShare } from '../domain/field/location-share';
import type { HandlerContext } from './context';

/**
 * The device a page position came from, with the person's usual ones (for 设备变化 on punches and visits);
 * null for a position sent in the chat, which names no device.
 */
export async function deviceOf(
  ctx: HandlerContext,
  fix: Pick<LocationShare, 'deviceId' | 'sharedAt'>,
): Promise<{ id: string; usualIds: string[] } | null> {
  if (!fix.deviceId) return null;
  const { tenantId, id: userId } = ctx.user;
  return {
    id: fix.deviceId,
    usualIds: await ctx.stores.locationShares.usualDevices(tenantId, userId, fix.sharedAt),
  };
}
