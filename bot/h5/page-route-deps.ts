import type { Database } from '../../storage/database';
import type { Logger } from '../logger';
import type { LinkSigner } from './link-signer';
import type { ReaderSignIn } from './reader-sign-in';

/** What an H5 page or download behind a signed link needs: the signer, storage, a logger and the clock. */
export interface PageRouteDeps {
  signer: LinkSigner;
  /** Who reads a report page: the IM's signed-in user, or the link's holder as a short-lived fallback. */
  readers: ReaderSignIn;
  db: Database;
  logger: Logger;
  /** The deployment's default zone, for a tenant that never set its own. */
  timeZone: string;
  now?: () => Date;
}
