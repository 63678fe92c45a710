/** Kept for imports written before handlers/authorize.ts; new code imports from there. */
export { requireAdmin } from '../authorize';
