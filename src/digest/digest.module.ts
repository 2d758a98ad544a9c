import { Module } from '@nestjs/common';
import { GoalModule } from '../goal/goal.module';
import { LibraryModule } from '../library/library.module';
import { MatchingModule } from '../matching/matching.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PartnershipModule } from '../partnership/partnership.module';
import { UserModule } from '../user/user.module';
import { DigestController } from './digest.controller';
import { DigestEmailKind } from './digest-email.kind';
import { DigestService } from './digest.service';

/** The weekly health digest to managers: its preview route and the service the maintenance worker runs weekly. */
@Module({
  imports: [PartnershipModule, MatchingModule, UserModule, OutboxModule, LibraryModule, GoalModule],
  controllers: [DigestController],
  providers: [DigestService, DigestEmailKind],
  exports: [DigestService],
})
export class DigestModule {}
