import { z } from 'zod';

/**
 * 审批流 definitions: admin input, so they enter through these schemas (English messages, as settings.ts).
 * A definition is versioned; a request keeps the version it was routed by.
 */

export const approverSpecSchema = z.discriminatedUnion('kind', [
  /** A named person. */
  z.object({ kind: z.literal('user'), userId: z.number().int().positive() }),
  /** The requester's manager `levels` up the department tree (1 = 直属主管); vacant levels are not counted. */
  z.object({ kind: z.literal('manager'), levels: z.number().int().min(1).max(10).default(1) }),
  /** Everyone holding a tenant role such as 财务 or 发货. */
  z.object({ kind: z.literal('role'), role: z.string().trim().min(1).max(32) }),
]);
export type ApproverSpec = z.infer<typeof approverSpecSchema>;

export const COMPARISONS = ['>', '>=', '<', '<='] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const stepConditionSchema = z.discriminatedUnion('kind', [
  /** Expense amount, discount amount, or a custom form's amount field; never true for a request without one. */
  z.object({ kind: z.literal('amount'), op: z.enum(COMPARISONS), fen: z.number().int().min(0) }),
  /** Leave days as counted, or trip days; never true for other requests. */
  z.object({ kind: z.literal('days'), op: z.enum(COMPARISONS), days: z.number().min(0) }),
  /** `leave`, `expense`, `trip`, `discount`, `custom` (any custom form) or `custom:<formId>`. */
  z.object({ kind: z.literal('request_type'), types: z.array(z.string().trim().min(1)).min(1) }),
  /** The requester's department is one of these or below one of them. */
  z.object({ kind: z.literal('department'), departmentIds: z.array(z.number().int().positive()).min(1) }),
]);
export type StepCondition = z.infer<typeof stepConditionSchema>;

/** 会签 `all`: every approver must approve. 或签 `any`: the first decision closes the step. */
export const STEP_MODES = ['all', 'any'] as const;
export type StepMode = (typeof STEP_MODES)[number];

export const flowStepSchema = z.object({
  /** Stable across versions: decisions and "resubmit from the rejected step" refer to it. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'step id: letters, digits, _ or -, e.g. manager'),
  name: z.string().trim().min(1).max(32),
  approver: approverSpecSchema,
  mode: z.enum(STEP_MODES).default('any'),
  /** All must hold for the step to apply; empty means always. */
  when: z.array(stepConditionSchema).max(10).default([]),
});

/** When a step resolves to nobody: approve it without anyone, or hand it to the tenant's admins. */
export const NO_APPROVER_POLICIES = ['auto_approve', 'admins'] as const;

/** After a rejection and resubmission: start over, or continue at the step that rejected. */
export const RESUBMIT_POLICIES = ['first_step', 'rejected_step'] as const;
export type ResubmitPolicy = (typeof RESUBMIT_POLICIES)[number];

export const flowDefinitionSchema = z
  .object({
    id: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(32),
    version: z.number().int().positive(),
    steps: z.array(flowStepSchema).min(1).max(20),
    /** 抄送: told when the request is approved; a spec that resolves to nobody is dropped. */
    cc: z.array(approverSpecSchema).max(20).default([]),
    // Admins rather than auto-approve: nothing is approved without anyone having looked unless a tenant says so.
    noApprover: z.enum(NO_APPROVER_POLICIES).default('admins'),
    resubmitFrom: z.enum(RESUBMIT_POLICIES).default('first_step'),
  })
  .superRefine((flow, ctx) => {
    const seen = new Set<string>();
    for (const [i, step] of flow.steps.entries()) {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id ${step.id}` });
      }
      seen.add(step.id);
    }
  });
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
/** @internal For tests that build one from plain input. */
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>;

export function parseFlowDefinition(raw: unknown): FlowDefinition {
  return flowDefinitionSchema.parse(raw);
}
