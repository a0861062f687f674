import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

/**
 * The campaign benchmark's SMTP server, in its own process: accepts every message on loopback,
 * counts messages per envelope recipient (nothing is parsed or kept), and answers the counts on
 * `GET /counts`: `{ total, distinct, doubled }` (`GET /addresses`: per address; `DELETE`: reset).
 * Prints `sink smtp://… http://…` when ready.
 */
const counts = new Map<string, number>();
let total = 0;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 1024 * 1024,
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) counts.set(r.address.toLowerCase(), (counts.get(r.address.toLowerCase()) ?? 0) + 1);
      total++;
      callback();
    });
  },
});

// A sender killed mid-conversation resets its connection: that is part of the test, not a reason to stop.
smtp.on('error', () => undefined);

const http = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'DELETE') {
    counts.clear();
    total = 0;
    res.writeHead(204).end();
    return;
  }
  let distinct = 0;
  let doubled = 0;
  for (const n of counts.values()) {
    distinct++;
    if (n > 1) doubled++;
  }
  const body = url.pathname === '/addresses' ? Object.fromEntries(counts) : { total, distinct, doubled };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
});

smtp.listen(0, '127.0.0.1', () => {
  http.listen(0, '127.0.0.1', () => {
    const s = smtp.server.address() as { port: number };
    const h = http.address() as { port: number };
    console.log(`sink smtp://127.0.0.1:${s.port} http://127.0.0.1:${h.port}`);
  });
});
