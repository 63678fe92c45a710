import { normalizeCustomerName, normalizePhone } from '../field/customer-matching';
import type { NewLead } from './lead';

const NAME_CHARS = { min: 2, max: 64 } as const;
const MAX_NOTE_CHARS = 200;
const MAX_LABEL_CHARS = 32;
/** A word of digits and phone punctuation is meant as the phone, valid or not. */
const PHONE_LIKE = /^[+\d][\d\-()（）]{5,}$/;
const LABELLED = /^(联系人|来源)[:：]?(.+)$/u;

export type LeadInputProblem = 'name' | 'phone' | 'too_long';

/**
 * `<名称> [联系人:王经理] [电话] [来源:展会] [备注…]` — the words after `线索 新建`, as typed. The name is the
 * first word; a phone-like word is the phone; 联系人/来源 words are labelled; the rest is the note.
 */
export function parseLeadWords(words: readonly string[]): NewLead | LeadInputProblem {
  const [name, ...rest] = words;
  const chars = name ? [...name].length : 0;
  if (!name || chars < NAME_CHARS.min || chars > NAME_CHARS.max || normalizeCustomerName(name) === '')
    return 'name';
  const lead: NewLead = { name, contactName: null, phone: null, source: null, note: null };
  const note: string[] = [];
  for (const word of rest) {
    const labelled = LABELLED.exec(word);
    if (PHONE_LIKE.test(word)) {
      if (normalizePhone(word) === null || lead.phone !== null) return 'phone';
      lead.phone = word;
    } else if (labelled) {
      const value = (labelled[2] as string).trim();
      if ([...value].length > MAX_LABEL_CHARS) return 'too_long';
      if (labelled[1] === '联系人') lead.contactName = value;
      else lead.source = value;
    } else note.push(word);
  }
  if (note.length) lead.note = note.join(' ');
  if (lead.note !== null && [...lead.note].length > MAX_NOTE_CHARS) return 'too_long';
  return lead;
}

/** What duplicate checks compare: the normalised name and phone. */
export function matchableOf(lead: Pick<NewLead, 'name' | 'phone'>) {
  return {
    normalizedName: normalizeCustomerName(lead.name),
    phoneNormalized: lead.phone === null ? null : normalizePhone(lead.phone),
  };
}
