/** Approvals (审批): request forms, flow definitions and routing, and the request state machine. No I/O. */
export * from './money';
export * from './leave';
export * from './custom-form';
export * from './request-forms';
export * from './flow-definition';
export * from './org-snapshot';
export * from './resolve-flow';
export * from './events';
export * from './outcomes';
export * from './state';
export * from './decide';
export * from './lifecycle';
export * from './escalation';
