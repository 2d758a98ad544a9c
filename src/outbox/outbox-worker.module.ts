import { Module } from '@nestjs/common';
import { DeliverySender } from './delivery-sender.service';
import { OutboxReconciler } from './outbox-reconciler.service';
import { OutboxModule } from './outbox.module';
import { OutboxProcessor } from './outbox.processor';

/** Loaded only in worker processes (TANDEM_PROCESS=worker or all): sends every kind of email, reconciles. */
@Module({
  imports: [OutboxModule],
  providers: [DeliverySender, OutboxProcessor, OutboxReconciler],
})
export class OutboxWorkerModule {}
