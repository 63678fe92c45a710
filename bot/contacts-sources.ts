import type { ContactsSource } from '../jobs/contacts-sync.job';
import type { AppConfig } from './config';
import { DingtalkContacts } from './dingtalk/contacts';
import type { DingtalkClient } from './dingtalk/client';
import { WecomContacts } from './wecom/contacts';
import type { WecomClient } from './wecom/client';

/**
 * The address books the contacts sync reads: each configured platform, except the simulator's stand-in
 * WeCom, whose people come from the seed file.
 */
export function contactSourcesOf(
  config: AppConfig,
  clients: { wecom?: WecomClient; dingtalk?: DingtalkClient },
): ContactsSource[] {
  const sources: ContactsSource[] = [];
  if (config.wecom && clients.wecom && !config.simulator) {
    const contacts = new WecomContacts(clients.wecom);
    sources.push({
      tenantId: config.wecom.corpId,
      platform: 'wecom',
      fetchSnapshot: () => contacts.fetchSnapshot(),
    });
  }
  if (config.dingtalk && clients.dingtalk) {
    const contacts = new DingtalkContacts(clients.dingtalk);
    sources.push({
      tenantId: config.dingtalk.corpId,
      platform: 'dingtalk',
      fetchSnapshot: () => contacts.fetchSnapshot(),
    });
  }
  return sources;
}
