import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CheckInModule } from '../check-in/check-in.module';
import { DigestModule } from '../digest/digest.module';
import { PartnershipModule } from '../partnership/partnership.module';
import { ProgramModule } from '../program/program.module';
import { QueueModule } from '../queue/queue.module';
import { UserModule } from '../user/user.module';
import { MaintenanceProcessor } from './maintenance.processor';

/** Loaded only in worker processes (TANDEM_PROCESS=worker or all). */
@Module({
  imports: [QueueModule, AuthModule, UserModule, ProgramModule, PartnershipModule, DigestModule, CheckInModule],
  providers: [MaintenanceProcessor],
})
export class MaintenanceModule {}
