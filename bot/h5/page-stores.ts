import type { Database } from '../../storage/database';
import { createRepositories, type Repositories } from '../../storage/repositories';

/**
 * Runs an H5 page's or download's work in one transaction over the repositories bound to it: the one place
 * bot/h5 builds them, so a route only checks its link and calls a use case (handlers/use-cases/).
 */
export function inPageTransaction<T>(
  deps: { db: Database; timeZone?: string },
  work: (stores: Repositories) => Promise<T>,
): Promise<T> {
  return deps.db.transaction((manager) => work(createRepositories(manager, deps.timeZone)));
}
