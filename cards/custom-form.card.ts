import type { FormField } from '../domain/approval/custom-form';
import type { Card, CardButton } from '../domain/messages/reply';

/**
 * Cards of the custom-form dialogue: a question with one button per option (choice fields with few
 * options), and the summary to 提交 or 取消. Keys carry ids only: `form:<draftId>:<position>:<option>`,
 * `form:<draftId>:submit`, `form:<draftId>:cancel`.
 */
const ACTION_PATTERN = /^form:(\d{1,12}):(?:(submit|cancel)|(\d{1,3}):(\d{1,2}|skip))$/;

export type FormAction =
  | { draftId: number; kind: 'submit' | 'cancel' }
  | { draftId: number; kind: 'option'; position: number; option: number | 'skip' };

export function isFormActionKey(key: string): boolean {
  return key.startsWith('form:');
}

export function parseFormAction(key: string): FormAction | null {
  const m = ACTION_PATTERN.exec(key);
  if (!m) return null;
  const draftId = Number(m[1]);
  if (m[2]) return { draftId, kind: m[2] as 'submit' | 'cancel' };
  return { draftId, kind: 'option', position: Number(m[3]), option: m[4] === 'skip' ? 'skip' : Number(m[4]) };
}

/** Buttons fit a card only for a single choice among at most five options (and 跳过 when optional). */
export function fitsOptionCard(field: FormField): boolean {
  return field.type === 'choice' && !field.multiple && field.options.length <= (field.required ? 6 : 5);
}

export function buildQuestionCard(input: {
  draftId: number;
  position: number;
  formName: string;
  field: FormField & { type: 'choice' };
  question: string;
}): Card {
  const { draftId, position, field } = input;
  const buttons: CardButton[] = field.options.map((option, i) => ({
    type: 'action',
    label: option.slice(0, 32),
    key: `form:${draftId}:${position}:${i}`,
    style: 'default',
  }));
  if (!field.required)
    buttons.push({
      type: 'action',
      label: '跳过',
      key: `form:${draftId}:${position}:skip`,
      style: 'default',
    });
  return {
    id: `form-${draftId}-${position}`,
    title: input.formName,
    description: input.question.slice(0, 512),
    fields: [],
    buttons,
  };
}

export function buildSummaryCard(input: {
  draftId: number;
  formName: string;
  lines: ReadonlyArray<{ label: string; value: string }>;
}): Card {
  const { draftId, lines } = input;
  return {
    id: `form-${draftId}-summary`,
    title: `${input.formName}（请确认）`,
    description: lines
      .map((l) => `${l.label}：${l.value}`)
      .join('\n')
      .slice(0, 512),
    fields: lines.slice(0, 6).map((l) => ({ label: l.label.slice(0, 32), value: l.value.slice(0, 256) })),
    buttons: [
      { type: 'action', label: '提交', key: `form:${draftId}:submit`, style: 'primary' },
      { type: 'action', label: '取消', key: `form:${draftId}:cancel`, style: 'danger' },
    ],
  };
}
