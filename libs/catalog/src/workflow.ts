import type { Action } from '@techmarket/core';

/**
 * 发布流程 of every catalog entry:
 * draft → submitted → published (or returned with a reason, then edited and resubmitted)
 * → withdrawn (by the owner or a reviewer) → archived. Only `published` entries are in the
 * shared province-wide catalog.
 */
export const ENTRY_STATUSES = ['draft', 'submitted', 'published', 'returned', 'withdrawn', 'archived'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const TRANSITIONS = {
  submit: { from: ['draft', 'returned', 'withdrawn'], to: 'submitted', action: 'submit', label: '提交审核' },
  publish: { from: ['submitted'], to: 'published', action: 'review', label: '审核发布' },
  return: { from: ['submitted'], to: 'returned', action: 'review', label: '退回' },
  withdraw: { from: ['submitted', 'published'], to: 'withdrawn', action: 'withdraw', label: '撤回' },
  archive: { from: ['published', 'withdrawn'], to: 'archived', action: 'review', label: '归档' },
} as const satisfies Record<string, { from: readonly EntryStatus[]; to: EntryStatus; action: Action; label: string }>;
export type Transition = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as Transition[];

/** The state after `transition`, or null when it cannot start from `status`. */
export function nextStatus(status: EntryStatus, transition: Transition): EntryStatus | null {
  const t = TRANSITIONS[transition];
  return (t.from as readonly EntryStatus[]).includes(status) ? t.to : null;
}
