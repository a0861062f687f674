// Plain JavaScript, for the same reason as run.js (types in smtp-sink.d.ts).
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free loopback port; every message is parsed (mailparser) and handed to `onMail`. */
export async function startSmtpServer(onMail) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          onMail(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.server.address().port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The mail sinks of a run, hosted by Jest's main process (the global setup), which lives for the
 * whole run: one SMTP server per Jest worker, for that worker's shared API, and one HTTP
 * read-out for all of them, since the suites run in other processes.
 *   GET    /mailboxes/<worker>   the messages received so far, as JSON (ParsedMail)
 *   DELETE /mailboxes/<worker>   empties the mailbox
 */
export async function startSinks(workers) {
  const mailboxes = new Map();
  const servers = [];
  const ports = {};
  for (let w = 1; w <= workers; w++) {
    const box = [];
    mailboxes.set(String(w), box);
    const smtp = await startSmtpServer((mail) => box.push(mail));
    servers.push(smtp);
    ports[w] = smtp.port;
  }
  const http = createServer((req, res) => {
    const m = /^\/mailboxes\/(\d+)$/.exec(req.url ?? '');
    const box = m && mailboxes.get(m[1]);
    if (!box) {
      res.writeHead(404).end();
    } else if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(box));
    } else if (req.method === 'DELETE') {
      box.length = 0;
      res.writeHead(204).end();
    } else {
      res.writeHead(405).end();
    }
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    ports,
    readUrl: `http://127.0.0.1:${http.address().port}`,
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(() => resolve()));
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
