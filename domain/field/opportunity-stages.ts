import { z } from 'zod';

/**
 * An opportunity's stages (商机阶段), per tenant: open stages in pipeline order, each with its win probability,
 * then one won stage (赢单, 100 %) and one lost stage (输单, 0 %). A stage's key is its label: what users type
 * and what the stage history keeps, so a history stays readable after the tenant renames its stages.
 */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface Stage {
  key: string;
  label: string;
  /** Win probability in percent, 0–100. */
  probability: number;
  kind: StageKind;
}

const stageNameSchema = z
  .string()
  .trim()
  .min(2, '阶段名称至少2个字')
  .max(8, '阶段名称最多8个字')
  .regex(/^[\p{L}\p{N}]+$/u, '阶段名称只能包含文字和数字');

/** The tenant's settings group `opportunities`, as an admin or the import file sets it. */
export const opportunitySettingsSchema = z
  .object({
    openStages: z
      .array(z.object({ name: stageNameSchema, probability: z.number().int().min(1).max(99) }))
      .min(1, '至少需要一个进行中的阶段')
      .max(8, '进行中的阶段最多8个'),
    wonStage: stageNameSchema.default('赢单'),
    lostStage: stageNameSchema.default('输单'),
    /** A deal in the same stage this many days counts as stalled (reports and digests). */
    stallDays: z.number().int().min(1).max(365).default(14),
  })
  .superRefine((s, ctx) => {
    const names = [...s.openStages.map((o) => o.name), s.wonStage, s.lostStage];
    if (new Set(names).size !== names.length)
      ctx.addIssue({ code: 'custom', path: ['openStages'], message: '阶段名称不能重复' });
    s.openStages.forEach((o, i) => {
      const before = s.openStages[i - 1];
      if (before && before.probability > o.probability)
        ctx.addIssue({
          code: 'custom',
          path: ['openStages', i],
          message: `「${o.name}」的赢率不能低于前一阶段「${before.name}」`,
        });
    });
  });
export type OpportunitySettings = z.infer<typeof opportunitySettingsSchema>;

export const DEFAULT_OPPORTUNITY_SETTINGS: OpportunitySettings = opportunitySettingsSchema.parse({
  openStages: [
    { name: '初步接洽', probability: 20 },
    { name: '需求确认', probability: 40 },
    { name: '方案报价', probability: 60 },
    { name: '谈判审核', probability: 80 },
  ],
});

/** Every stage in pipeline order: the open ones, then won, then lost. */
export function stagesOf(settings: OpportunitySettings): Stage[] {
  return [
    ...settings.openStages.map((o): Stage => ({
      key: o.name,
      label: o.name,
      probability: o.probability,
      kind: 'open',
    })),
    { key: settings.wonStage, label: settings.wonStage, probability: 100, kind: 'won' },
    { key: settings.lostStage, label: settings.lostStage, probability: 0, kind: 'lost' },
  ];
}

/** The stage a user typed: its exact name, or the one open stage whose name starts with it (方案 → 方案报价). */
export function findStage(stages: readonly Stage[], typed: string): Stage | null {
  const word = typed.normalize('NFKC').trim();
  const exact = stages.find((s) => s.label === word);
  if (exact) return exact;
  const prefixed = stages.filter((s) => word.length >= 2 && s.label.startsWith(word));
  return prefixed.length === 1 ? (prefixed[0] as Stage) : null;
}

/**
 * A stage no longer in the tenant's list (renamed or removed after the deal entered it) still reads as
 * itself: an open stage with no probability, from which any move is allowed.
 */
export function stageOrUnknown(stages: readonly Stage[], key: string): Stage {
  return stages.find((s) => s.key === key) ?? { key, label: key, probability: 0, kind: 'open' };
}

export function isClosed(stage: Stage): boolean {
  return stage.kind !== 'open';
}

/**
 * Where an opportunity may go from `current`: forward to any later open stage, or close as won or lost.
 * Going back is not offered on the card (a deal that slipped is typed: `推进 12 需求确认`), and a closed
 * deal moves nowhere.
 */
export function nextStages(stages: readonly Stage[], current: Stage): Stage[] {
  if (isClosed(current)) return [];
  const index = stages.findIndex((s) => s.key === current.key);
  const open = stages.filter((s) => s.kind === 'open');
  const later = index < 0 ? open : open.filter((s) => stages.indexOf(s) > index);
  return [...later, ...stages.filter((s) => s.kind !== 'open')];
}

export type StageMoveCheck =
  { ok: true; to: Stage } | { ok: false; reason: 'closed' | 'same_stage' | 'reason_required' };

/**
 * Whether a move is legal: a closed deal stays closed, a move must change the stage, and 输单 needs a
 * reason. Any open stage is allowed otherwise, backwards too (a typed correction).
 */
export function checkStageMove(current: Stage, to: Stage, lostReason: string | null): StageMoveCheck {
  if (isClosed(current)) return { ok: false, reason: 'closed' };
  if (current.key === to.key) return { ok: false, reason: 'same_stage' };
  if (to.kind === 'lost' && !lostReason?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true, to };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days between entering a stage and `at` (0 on the first day). */
export function daysInStage(enteredAt: Date, at: Date): number {
  return Math.max(0, Math.floor((at.getTime() - enteredAt.getTime()) / DAY_MS));
}

/** 「3天」, or 「不到1天」 on the first day. */
export function formatDaysInStage(days: number): string {
  return days === 0 ? '不到1天' : `${days}天`;
}
