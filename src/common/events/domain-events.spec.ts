import type { EntityManager } from 'typeorm';
import { DomainEvents } from './domain-events';

class Erased {
  constructor(readonly id: string) {}
}
class Other {}

const inTransaction = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;

describe('DomainEvents', () => {
  it("runs the event class's handlers in registration order, with the publisher's manager", async () => {
    const events = new DomainEvents();
    const calls: string[] = [];
    events.on(Erased, async (event, manager) => {
      calls.push(`first ${event.id} ${manager === inTransaction}`);
    });
    events.on(Other, async () => {
      calls.push('other');
    });
    events.on(Erased, async (event) => {
      calls.push(`second ${event.id}`);
    });
    await events.publish(inTransaction, new Erased('c1'));
    expect(calls).toEqual(['first c1 true', 'second c1']);
  });

  it("lets a handler refuse the change: its error is the publisher's", async () => {
    const events = new DomainEvents();
    const after = jest.fn();
    events.on(Erased, async () => {
      throw new Error('still in use');
    });
    events.on(Erased, after);
    await expect(events.publish(inTransaction, new Erased('c1'))).rejects.toThrow('still in use');
    expect(after).not.toHaveBeenCalled();
  });

  it('refuses to publish outside a transaction', async () => {
    const events = new DomainEvents();
    const handler = jest.fn();
    events.on(Erased, handler);
    const outside = { queryRunner: undefined } as unknown as EntityManager;
    await expect(events.publish(outside, new Erased('c1'))).rejects.toThrow(/inside the transaction/);
    expect(handler).not.toHaveBeenCalled();
  });
});
