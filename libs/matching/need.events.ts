import { QUEUES, type DomainEvent } from '@masks/core';

export const MATCHING_EVENT_TYPES = {
  needReminder: 'need.reconfirm-reminder',
  needExpiry: 'need.expiry',
  runRequested: 'matching.run-requested',
} as const;

/** Each carries the expiry it was scheduled for: after a re-confirmation, the old ones find a later date and do nothing. */
export const MATCHING_EVENTS = {
  reminder: (needId: string, expiresAt: Date, at: Date): DomainEvent => ({
    queue: QUEUES.matching,
    type: MATCHING_EVENT_TYPES.needReminder,
    payload: { needId, expiresAt: expiresAt.toISOString() },
    runAt: at,
  }),
  expiry: (needId: string, expiresAt: Date): DomainEvent => ({
    queue: QUEUES.matching,
    type: MATCHING_EVENT_TYPES.needExpiry,
    payload: { needId, expiresAt: expiresAt.toISOString() },
    runAt: expiresAt,
  }),
  run: (): DomainEvent => ({ queue: QUEUES.matching, type: MATCHING_EVENT_TYPES.runRequested, payload: {} }),
};
