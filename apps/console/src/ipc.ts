/**
 * IPC 分类号 as people type them into a form: `a01b`, `A01B 49/02`, `A01B49/02`. Written the way
 * the API checks them (subclass, optionally a group), upper case, one space before the group.
 */
const IPC = /^([A-H]\d{2}[A-Z])\s*(\d{1,4}\/\d{1,6})?$/;

/** The symbol normalised, or null when it is not an IPC subclass or group. */
export function normaliseIpc(raw: string): string | null {
  const m = IPC.exec(raw.trim().toUpperCase());
  if (!m) return null;
  return m[2] ? `${m[1]} ${m[2]}` : m[1];
}

/** The symbols of a tag list that are not IPC, for the form's message. */
export const badIpc = (values: string[] | undefined): string[] => (values ?? []).filter((v) => normaliseIpc(v) === null);
