import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Delivery } from './delivery.entity';
import { EmailKindRegistry } from './email-kind.registry';
import { OutboxQueue } from './outbox-queue.service';
import { OutboxService } from './outbox.service';

/**
 * The outbox (every process): the delivery log, the wake-up producer and the registry of email
 * kinds. Modules that own a kind import it, register the kind (`@RegisterEmailKind()`) and
 * enqueue through OutboxService; the outbox imports none of them. The sending worker is
 * OutboxWorkerModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Delivery]), DiscoveryModule],
  providers: [OutboxService, OutboxQueue, EmailKindRegistry],
  exports: [OutboxService, OutboxQueue, EmailKindRegistry],
})
export class OutboxModule {}
