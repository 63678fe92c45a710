/**
 * Handover (`交接 <离职员工> <接手员工>`) moves what one person owns to another. Each area that owns
 * something per person (customers, open opportunities, visit plans) implements this port over its own
 * tables; the handover handler calls them all in one transaction and audits the counts.
 */
export interface HandoverParticipant {
  /** Short Chinese noun for what this area moves, for the summary line (客户, 商机, 拜访计划). */
  readonly label: string;
  /** Moves everything `fromUserId` owns here to `toUserId`; returns how many items moved. */
  handOver(tenantId: string, fromUserId: number, toUserId: number, at: Date): Promise<number>;
}
