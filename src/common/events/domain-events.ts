import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * A domain event's type is its class: the module that makes the change declares it (e.g.
 * `ContactErased` in contact/), and whoever must react imports it from there. So the publisher
 * never knows its subscribers, and a side effect across domains needs no import back into the
 * domain that causes it.
 */
export type DomainEventType<E extends object> = abstract new (...args: never[]) => E;

/** Runs inside the publisher's transaction, with its manager; throwing undoes the whole change. */
export type DomainEventHandler<E extends object> = (event: E, manager: EntityManager) => Promise<void>;

/**
 * In-transaction domain events: `publish` runs every handler of the event's class at once, one
 * after the other, with the publisher's EntityManager, and returns when they are done. The side
 * effect therefore commits or rolls back with the change that caused it, and a handler can
 * refuse the change by throwing (a DomainError reaches the client as usual). Handlers register in
 * `onModuleInit` of the subscribing module's service; they run in registration order, which is
 * Nest's module order (a module's imports first).
 *
 * Not a message bus: nothing is queued or retried, and nothing runs after the commit. Work that
 * must leave the transaction (an email) goes through the outbox.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventType<object>, DomainEventHandler<object>[]>();

  on<E extends object>(type: DomainEventType<E>, handler: DomainEventHandler<E>): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler as DomainEventHandler<object>]);
  }

  /** Runs the event's handlers in `manager`'s transaction; outside a transaction it refuses (a programming error). */
  async publish(manager: EntityManager, event: object): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`${event.constructor.name} must be published inside the transaction that makes the change`);
    }
    for (const handler of this.handlers.get(event.constructor as DomainEventType<object>) ?? []) {
      await handler(event, manager);
    }
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
