/**
 * The reminders bench's baselines, run as a child process (as Tandem's worker is):
 *
 * - `BENCH_MODE=bullmq`: a bare BullMQ Worker with BENCH_CONCURRENCY slots and a processor that
 *   does nothing, on queue BENCH_QUEUE under prefix BENCH_PREFIX. The bench adds the jobs
 *   (delayed to one instant); this process reports when BENCH_JOBS of them have completed.
 * - `BENCH_MODE=smtp`: plain nodemailer, pooled exactly as Tandem's MailService is (same SMTP
 *   options, pool of BENCH_CONCURRENCY connections), sending BENCH_JOBS copies of one rendered
 *   reminder to BENCH_SMTP_URL from the instant BENCH_AT on: SMTP alone, no queue, no database.
 *
 * Prints `{"ready":true}` once set up, and one `{"done":…}` line at the end.
 */
import { Job, Worker } from 'bullmq';
import { createTransport } from 'nodemailer';
import { performance } from 'node:perf_hooks';
import { smtpOptionsFromUrl } from '../../src/mail/smtp-options';
import { formatLongDateTime } from '@tandem/shared';
import { localeOf } from '../../src/common/i18n/locale';
import { reminderMail } from '../../src/reminder/reminder-email';
import { bullConnection } from './redis';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const now = () => performance.timeOrigin + performance.now();
const say = (line: object) => console.log(JSON.stringify(line));

async function bullmq(): Promise<void> {
  const jobs = Number(env('BENCH_JOBS'));
  let completed = 0;
  let failed = 0;
  let first = 0;
  let last = 0;
  const worker = new Worker(env('BENCH_QUEUE'), async (_job: Job) => undefined, {
    connection: bullConnection(env('BENCH_REDIS_URL')),
    prefix: env('BENCH_PREFIX'),
    concurrency: Number(env('BENCH_CONCURRENCY')),
  });
  worker.on('completed', () => {
    last = now();
    if (completed === 0) first = last;
    completed += 1;
    if (completed + failed === jobs) say({ done: true, completed, failed, first, last });
  });
  worker.on('failed', () => {
    failed += 1;
    if (completed + failed === jobs) say({ done: true, completed, failed, first, last });
  });
  await worker.waitUntilReady();
  say({ ready: true });
  process.once('SIGTERM', () => void worker.close().finally(() => process.exit(0)));
}

async function smtp(): Promise<void> {
  const jobs = Number(env('BENCH_JOBS'));
  const at = Number(env('BENCH_AT'));
  const transport = createTransport({
    ...smtpOptionsFromUrl(env('BENCH_SMTP_URL')),
    pool: true,
    maxConnections: Number(env('BENCH_CONCURRENCY')),
    maxMessages: Infinity,
  });
  // One reminder as Tandem renders a `once` reminder to a user, rendered once.
  const mail = reminderMail({
    locale: localeOf('en'),
    recipientName: 'Bench Reader',
    title: 'Bench reminder',
    message: 'Bring the sign-up sheets.',
    details: [{ label: 'When', value: formatLongDateTime(new Date(at), 'en', 'America/Chicago') }],
    link: 'http://localhost:3000/reminders/00000000-0000-4000-8000-000000000000',
    late: false,
  });
  say({ ready: true });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - now())));
  const first = now();
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  // As many in flight as Tandem has at most (job slots × a batch of 100); the pool queues them.
  const inFlight = Math.min(jobs, Number(env('BENCH_CONCURRENCY')) * 100);
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < jobs) {
        const n = next++;
        try {
          await transport.sendMail({
            from: 'Tandem <tandem@localhost>',
            to: `bench-${n + 1}@library.test`,
            ...mail,
            messageId: `<bare.${n}@localhost>`,
            headers: { 'X-Tandem-Delivery': `bare-${n}` },
          });
        } catch (error) {
          errors += 1;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  say({ done: true, completed: jobs - errors, failed: errors, firstError, first, last: now() });
  transport.close();
}

const mode = env('BENCH_MODE');
(mode === 'bullmq'
  ? bullmq()
  : mode === 'smtp'
    ? smtp()
    : Promise.reject(new Error(`unknown BENCH_MODE ${mode}`))
).catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
