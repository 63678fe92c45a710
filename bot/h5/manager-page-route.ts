import type { Router } from '@koa/router';
import type { UserProfile } from '../../domain/org/user';
import { isManager } from '../../handlers/use-cases/reports';
import type { Repositories } from '../../storage/repositories';
import { h5Notice, verifiedLink } from './h5-notice';
import type { LinkPayloadOf, LinkPurpose } from './link-signer';
import type { PageRouteDeps } from './page-route-deps';
import { inPageTransaction } from './page-stores';

/** What a manager's page answers: its HTML, or why it refuses (a key of its messages). */
export type ManagerPageOutcome<R extends string> = { html: string } | { refused: R };

/** The refusals every manager page has; a page may add its own. */
export interface ManagerPageMessages {
  invalid: string;
  expired: string;
  forbidden: string;
  noTeam: string;
}

/**
 * A report page for a manager behind a signed link (`?t=`): the link is checked, the reader is named (signed
 * in through the IM, or the link's holder as a short-lived fallback) and must still be an active manager, and the page is built inside one read transaction at the time of
 * opening. Refusals answer 403 (not the reader's to see) or 200 with a note (nothing to show yet); every
 * refusal is logged.
 */
export function addManagerPage<P extends LinkPurpose, M extends ManagerPageMessages>(
  router: Router,
  deps: PageRouteDeps,
  page: {
    path: string;
    purpose: P;
    messages: M;
    build: (input: {
      repos: Repositories;
      reader: UserProfile;
      link: LinkPayloadOf<P>;
      at: Date;
      /** This page's own address with its link, for links back to it. */
      self: string;
      query: Record<string, unknown>;
    }) => Promise<ManagerPageOutcome<Exclude<keyof M, 'invalid' | 'expired'> & string>>;
  },
): void {
  const now = deps.now ?? (() => new Date());
  router.get(page.path, async (ctx) => {
    const at = now();
    ctx.type = 'html';
    ctx.set('cache-control', 'private, no-store');
    const link = verifiedLink(ctx, deps.signer, page.purpose, at, page.messages);
    if (!link) return;
    const identity = await deps.readers.readerOf(ctx, link);
    if (!identity) return;
    const self = `${ctx.path}?t=${encodeURIComponent(String(ctx.query.t))}`;
    const outcome = await inPageTransaction(deps, async (repos) => {
      const reader = await repos.users.findByIdentity(identity);
      if (!reader?.active || !isManager(reader)) return { refused: 'forbidden' as const };
      return page.build({ repos, reader, link, at, self, query: ctx.query });
    });
    if ('refused' in outcome) {
      const { refused } = outcome;
      deps.logger.warn(
        { tenant: link.t, user: identity.platformUserId, page: page.path, reason: refused },
        'report page refused',
      );
      ctx.status = refused === 'noTeam' ? 200 : 403;
      ctx.body = h5Notice(page.messages[refused] as string);
      return;
    }
    ctx.body = outcome.html;
  });
}
