import { Module } from '@nestjs/common';
import { SignInModule } from '../sign-in/sign-in.module';
import { CheckInModule } from '../check-in/check-in.module';
import { DigestModule } from '../digest/digest.module';
import { LibraryModule } from '../library/library.module';
import { PartnershipModule } from '../partnership/partnership.module';
import { ProgramModule } from '../program/program.module';
import { QueueModule } from '../queue/queue.module';
import { UserModule } from '../user/user.module';
import { MaintenanceProcessor } from './maintenance.processor';

/** Loaded only in worker processes (TANDEM_PROCESS=worker or all). */
@Module({
  imports: [
    QueueModule,
    SignInModule,
    UserModule,
    ProgramModule,
    PartnershipModule,
    DigestModule,
    CheckInModule,
    LibraryModule,
  ],
  providers: [MaintenanceProcessor],
})
export class MaintenanceModule {}
