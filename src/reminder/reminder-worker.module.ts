import { Module } from '@nestjs/common';
import { DeliverySender } from './delivery-sender.service';
import { ReconcileLoop } from './reconcile-loop.service';
import { ReminderModule } from './reminder.module';
import { ReminderProcessor } from './reminder.processor';

/** Loaded only in worker processes (TANDEM_PROCESS=worker or all): sends reminder and invitation emails. */
@Module({
  imports: [ReminderModule],
  providers: [DeliverySender, ReminderProcessor, ReconcileLoop],
})
export class ReminderWorkerModule {}
