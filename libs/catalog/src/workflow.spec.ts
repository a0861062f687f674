import { describe, expect, it } from '@jest/globals';
import { ENTRY_STATUSES, nextStatus, TRANSITION_NAMES } from './workflow.js';

describe('publishing workflow', () => {
  it('follows draft → submitted → published → withdrawn → archived', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'publish')).toBe('published');
    expect(nextStatus('published', 'withdraw')).toBe('withdrawn');
    expect(nextStatus('withdrawn', 'archive')).toBe('archived');
  });

  it('lets a returned entry be resubmitted, never published directly', () => {
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'publish')).toBeNull();
    expect(nextStatus('returned', 'submit')).toBe('submitted');
  });

  it('allows exactly these transitions', () => {
    const allowed = ENTRY_STATUSES.flatMap((s) => TRANSITION_NAMES.filter((t) => nextStatus(s, t)).map((t) => `${s}:${t}`));
    expect(allowed.sort()).toEqual(
      [
        'draft:submit',
        'returned:submit',
        'withdrawn:submit',
        'submitted:publish',
        'submitted:return',
        'submitted:withdraw',
        'published:withdraw',
        'published:archive',
        'withdrawn:archive',
      ].sort(),
    );
  });
});
