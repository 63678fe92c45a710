import type { Half } from './leave';
import type { RequestForm } from './request-forms';
import type { ApprovalState } from './state';

/** The half days a request keeps someone away, first to last (both included); null for other requests. */
export interface AwaySpan {
  from: { date: string; half: Half };
  to: { date: string; half: Half };
}

/** 请假 and 出差 keep the requester away; a trip takes whole days. */
export function awaySpanOf(form: RequestForm): AwaySpan | null {
  if (form.type === 'leave') return { from: form.start, to: form.end };
  if (form.type === 'trip')
    return { from: { date: form.start, half: 'AM' }, to: { date: form.end, half: 'PM' } };
  return null;
}

const slot = (p: { date: string; half: Half }) => `${p.date}${p.half === 'AM' ? 'a' : 'p'}`;

function overlaps(a: AwaySpan, b: AwaySpan): boolean {
  return slot(a.from) <= slot(b.to) && slot(b.from) <= slot(a.to);
}

/**
 * The first of the person's pending or approved requests whose time away overlaps the new one (one cannot be
 * on leave and on a trip, or on leave twice, for the same half day); `ownId` is left out (a resubmission).
 */
export function findClash(
  form: RequestForm,
  standing: readonly ApprovalState[],
  ownId: string | null = null,
): ApprovalState | null {
  const span = awaySpanOf(form);
  if (!span) return null;
  return (
    standing.find((other) => {
      if (other.request.id === ownId) return false;
      if (other.status !== 'pending' && other.status !== 'approved') return false;
      const theirs = awaySpanOf(other.request.form);
      return theirs !== null && overlaps(span, theirs);
    }) ?? null
  );
}

/** The dates a request is about, for the filing window; `pastOnly` for what must already have happened. */
export function filingDatesOf(form: RequestForm): { from: string; to: string; pastOnly: boolean } | null {
  const span = awaySpanOf(form);
  if (span) return { from: span.from.date, to: span.to.date, pastOnly: false };
  if (form.type === 'makeup_punch') return { from: form.date, to: form.date, pastOnly: true };
  if (form.type === 'outing' || form.type === 'overtime')
    return { from: form.date, to: form.date, pastOnly: false };
  return null;
}
