/** A scheduled job is data (docs/architecture.md (Conventions)): what runs, when, and in which zone. */
export interface Job<Deps> {
  name: string;
  /** node-cron expression (with seconds field allowed). */
  cron: string;
  timezone: string;
  /** How long one run may hold the lease; another instance may run the job after it expires. */
  leaseMs: number;
  run(deps: Deps, now: Date): Promise<void>;
}
