import type { ParsedMail } from 'mailparser';
import { until, WAIT_MS } from './poll.js';
import { startSmtpServer } from './smtp-sink.js';

/** Where the mail an API process sends ends up: a real SMTP server (smtp-server + mailparser) on loopback. */
export interface Mailbox {
  /** The SMTP_URL to give the API processes. */
  url: string;
  /** Every message received so far. */
  messages: () => Promise<ParsedMail[]>;
  /** The messages once there are at least `n` (or whatever arrived when `ms` ran out). */
  waitFor: (n: number, ms?: number) => Promise<ParsedMail[]>;
  clear: () => Promise<void>;
  close: () => Promise<void>;
}

function waitFor(messages: () => Promise<ParsedMail[]>) {
  return async (n: number, ms = WAIT_MS) => {
    await until(`${n} mail(s)`, async () => (await messages()).length >= n, ms).catch(() => undefined);
    return messages();
  };
}

/** A real SMTP server in this process on a free port (for suites that start their own API processes). */
export async function startSmtp(): Promise<Mailbox> {
  const received: ParsedMail[] = [];
  const server = await startSmtpServer((mail) => received.push(mail));
  const messages = async () => [...received];
  return {
    url: `smtp://127.0.0.1:${server.port}`,
    messages,
    waitFor: waitFor(messages),
    clear: async () => {
      received.length = 0;
    },
    close: server.close,
  };
}

/**
 * The mailbox of a Jest worker's shared API: its SMTP server lives in Jest's main process for the
 * whole run (global-setup.js), and the suite reads it over HTTP.
 */
export function sharedMailbox(worker: string): Mailbox {
  const ports = JSON.parse(process.env.TM_TEST_SMTP_PORTS ?? '{}') as Record<string, number>;
  const readUrl = process.env.TM_TEST_MAIL_READ_URL;
  if (!ports[worker] || !readUrl)
    throw new Error(`no mail sink for Jest worker ${worker}: is this the e2e project (its global setup makes them)?`);
  const box = `${readUrl}/mailboxes/${worker}`;
  const messages = async () => {
    const res = await fetch(box);
    if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
    return (await res.json()) as ParsedMail[];
  };
  return {
    url: `smtp://127.0.0.1:${ports[worker]}`,
    messages,
    waitFor: waitFor(messages),
    clear: async () => {
      const res = await fetch(box, { method: 'DELETE' });
      if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
    },
    close: async () => undefined,
  };
}
