import type { EventEmitter } from 'node:events';

/**
 * Keeps a database connection that PostgreSQL ends while Tandem holds it from ending Tandem.
 *
 * pg-pool listens for a client's 'error' only while the client is idle in the pool; while it is
 * handed out (a transaction between two statements, the reconciler's advisory-lock session, a
 * query runner) nobody listens. If the server ends that connection then — a restart, a failover,
 * `pg_terminate_backend`, a cut network — the client emits 'error' with no listener and Node
 * ends the whole process: a worker died this way under load in the reminder-faults test, leaving
 * its claimed emails to wait for another worker. With a listener on every client handed out, the
 * error is logged, the client's next statement fails (the transaction rolls back, the request or
 * job fails and is retried), and the pool drops the client when it comes back.
 */
export function guardCheckedOutClients(pool: EventEmitter, onError: (error: Error) => void): void {
  const guarded = new WeakSet<object>();
  pool.on('acquire', (client: EventEmitter) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', onError);
  });
}
