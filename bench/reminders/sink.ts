/**
 * The reminders bench's SMTP sink, run as a child process so that receiving mail does not share
 * an event loop with the bench or with Tandem. It accepts every message, keeps nothing of it but
 * the `X-Tandem-Delivery` header and the time the message was complete (the moment the server
 * answers 250 to DATA, which is when nodemailer counts it as sent), and never parses MIME.
 *
 * Prints `{"smtpPort":…,"controlPort":…}` once listening. The control port is plain HTTP on
 * 127.0.0.1: `GET /count` answers `{"total","distinct","last"}`, `GET /take` answers every
 * message received since the previous take as `[[id, epochMs], …]` and starts afresh.
 */
import { createServer as createHttpServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';

const HEADER = /^x-tandem-delivery:[ \t]*([^\r\n]+)/im;
/** No message Tandem sends has a header block anywhere near this long. */
const MAX_HEAD = 64 * 1024;

let received: Array<[string, number]> = [];
let distinct = new Set<string>();
let last = 0;

const now = () => performance.timeOrigin + performance.now();

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    let id: string | undefined;
    stream.on('data', (chunk: Buffer) => {
      if (id !== undefined || head.length > MAX_HEAD) return;
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end >= 0) id = HEADER.exec(head.slice(0, end))?.[1]?.trim() ?? '';
    });
    stream.on('end', () => {
      const at = now();
      id ??= HEADER.exec(head)?.[1]?.trim() ?? '';
      received.push([id, at]);
      distinct.add(id);
      last = at;
      callback();
    });
  },
});

const control = createHttpServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  if (req.url === '/count') {
    res.end(JSON.stringify({ total: received.length, distinct: distinct.size, last }));
  } else if (req.url === '/take') {
    const taken = received;
    received = [];
    distinct = new Set();
    last = 0;
    res.end(JSON.stringify(taken));
  } else {
    res.statusCode = 404;
    res.end('{}');
  }
});

smtp.listen(0, '127.0.0.1', () => {
  control.listen(0, '127.0.0.1', () => {
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const controlPort = (control.address() as AddressInfo).port;
    console.log(JSON.stringify({ smtpPort, controlPort }));
  });
});

process.once('SIGTERM', () => {
  control.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
});
