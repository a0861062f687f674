import type { Decision, ParamSchema, PolicyPlugin, Reason } from './types.js';

/** Declares a plugin with its parameter types inferred from the schema. */
export function definePolicyPlugin<S extends ParamSchema>(plugin: PolicyPlugin<S>): PolicyPlugin<S> {
  return plugin;
}

/** Collects reasons while a plugin checks its conditions. */
export class Checks {
  readonly reasons: Reason[] = [];
  check(ok: boolean, text: string): boolean {
    this.reasons.push({ ok, text });
    return ok;
  }
  note(text: string): void {
    this.reasons.push({ ok: true, text });
  }
  get allOk(): boolean {
    return this.reasons.every((r) => r.ok);
  }
}

export function notEligible(subjectOrgId: string | null, checks: Checks, figures: Decision['figures'] = {}): Decision {
  return { subjectOrgId, eligible: false, amountFen: 0, reasons: checks.reasons, figures };
}
