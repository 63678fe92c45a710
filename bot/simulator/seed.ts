import { z } from 'zod';

/**
 * The part of the seed file the simulator shows: who can chat and what to put on the map. Read loosely
 * (unknown keys dropped, missing optional bits defaulted) so the seed can grow without breaking the page.
 */
export const simulatorSeedSchema = z.object({
  users: z
    .array(
      z.object({
        userId: z.string().min(1),
        name: z.string().min(1),
        role: z.string().default('rep'),
        department: z.string().default(''),
      }),
    )
    .default([]),
  customers: z
    .array(z.object({ name: z.string(), lat: z.number(), lng: z.number(), address: z.string().default('') }))
    .default([]),
  places: z.array(z.object({ name: z.string(), lat: z.number(), lng: z.number() })).default([]),
});

export type SimulatorSeed = z.infer<typeof simulatorSeedSchema>;
export type SimulatorSeedInput = z.input<typeof simulatorSeedSchema>;

/** Chinese role names as the users know them; unknown roles show as given. */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  rep: '销售',
  manager: '主管',
  approver: '审批人',
  admin: '管理员',
};
