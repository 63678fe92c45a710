import { z } from 'zod';

/**
 * WeCom `template_card` as the bot sends it (message/send, update_template_card), checked for the rules
 * WeCom itself enforces and a simulator should catch early: a known card_type, a task_id of
 * `[0-9A-Za-z_@-]{1,128}` on interactive cards (needed to route taps back), a key on callback buttons.
 * Everything is then turned into a neutral `CardView` so the page never reads WeCom field names.
 */
const TASK_ID = /^[0-9A-Za-z_@-]{1,128}$/;
const INTERACTIVE = ['button_interaction', 'vote_interaction', 'multiple_interaction'] as const;

const option = z.object({ id: z.string(), text: z.string(), is_checked: z.boolean().optional() });

export const templateCardSchema = z
  .object({
    card_type: z.enum(['text_notice', 'news_notice', ...INTERACTIVE]),
    task_id: z.string().regex(TASK_ID).optional(),
    source: z.object({ desc: z.string().optional() }).optional(),
    main_title: z.object({ title: z.string().optional(), desc: z.string().optional() }).optional(),
    emphasis_content: z.object({ title: z.string().optional(), desc: z.string().optional() }).optional(),
    sub_title_text: z.string().optional(),
    card_action: z.object({ type: z.number().optional(), url: z.string().optional() }).optional(),
    horizontal_content_list: z
      .array(z.object({ keyname: z.string(), value: z.string().optional(), url: z.string().optional() }))
      .max(6)
      .optional(),
    jump_list: z
      .array(z.object({ title: z.string(), url: z.string().optional() }))
      .max(3)
      .optional(),
    button_list: z
      .array(
        z.object({
          // WeCom: type 0 (default) calls back with `key`; type 1 opens `url`.
          type: z.union([z.literal(0), z.literal(1)]).optional(),
          text: z.string().min(1),
          style: z.number().int().min(1).max(4).optional(),
          key: z.string().max(1024).optional(),
          url: z.string().optional(),
        }),
      )
      .max(6)
      .optional(),
    checkbox: z
      .object({ question_key: z.string(), mode: z.number().optional(), option_list: z.array(option) })
      .optional(),
    select_list: z
      .array(
        z.object({
          question_key: z.string(),
          title: z.string().optional(),
          selected_id: z.string().optional(),
          option_list: z.array(option),
        }),
      )
      .optional(),
    submit_button: z.object({ text: z.string(), key: z.string() }).optional(),
  })
  .superRefine((card, ctx) => {
    if ((INTERACTIVE as readonly string[]).includes(card.card_type) && !card.task_id) {
      ctx.addIssue({
        code: 'custom',
        path: ['task_id'],
        message: `task_id is required for ${card.card_type}`,
      });
    }
    card.button_list?.forEach((b, i) => {
      if ((b.type ?? 0) === 0 && !b.key)
        ctx.addIssue({ code: 'custom', path: ['button_list', i, 'key'], message: 'required' });
      if (b.type === 1 && !b.url)
        ctx.addIssue({ code: 'custom', path: ['button_list', i, 'url'], message: 'required' });
    });
  });

export type TemplateCard = z.infer<typeof templateCardSchema>;

export interface CardView {
  cardType: TemplateCard['card_type'];
  taskId?: string;
  source?: string;
  title?: string;
  description?: string;
  emphasis?: { title?: string; description?: string };
  subTitle?: string;
  /** Where tapping the card goes (text_notice card_action with type 1). */
  url?: string;
  fields: { label: string; value: string; url?: string }[];
  links: { title: string; url?: string }[];
  buttons: { text: string; style: number; key?: string; url?: string }[];
  questions: {
    questionKey: string;
    title?: string;
    multiple: boolean;
    options: { id: string; text: string; checked: boolean }[];
  }[];
  submit?: { text: string; key: string };
}

export function toCardView(card: TemplateCard): CardView {
  const questions: CardView['questions'] = [];
  if (card.checkbox) {
    questions.push({
      questionKey: card.checkbox.question_key,
      // WeCom checkbox mode: 0 single choice (default), 1 multiple choice.
      multiple: card.checkbox.mode === 1,
      options: card.checkbox.option_list.map((o) => ({
        id: o.id,
        text: o.text,
        checked: o.is_checked ?? false,
      })),
    });
  }
  for (const s of card.select_list ?? []) {
    questions.push({
      questionKey: s.question_key,
      title: s.title,
      multiple: false,
      options: s.option_list.map((o) => ({ id: o.id, text: o.text, checked: o.id === s.selected_id })),
    });
  }
  return {
    cardType: card.card_type,
    taskId: card.task_id,
    source: card.source?.desc,
    title: card.main_title?.title,
    description: card.main_title?.desc,
    emphasis: card.emphasis_content,
    subTitle: card.sub_title_text,
    url: card.card_action?.type === 1 ? card.card_action.url : undefined,
    fields: (card.horizontal_content_list ?? []).map((f) => ({
      label: f.keyname,
      value: f.value ?? '',
      url: f.url,
    })),
    links: card.jump_list ?? [],
    buttons: (card.button_list ?? []).map((b) => ({
      text: b.text,
      style: b.style ?? 1,
      key: b.type === 1 ? undefined : b.key,
      url: b.type === 1 ? b.url : undefined,
    })),
    questions,
    submit: card.submit_button,
  };
}
