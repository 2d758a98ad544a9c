import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module';
import { PartnershipModule } from '../partnership/partnership.module';
import { DigestController } from './digest.controller';
import { DigestService } from './digest.service';

/** The weekly health digest to managers: its preview route and the service the maintenance worker runs weekly. */
@Module({
  imports: [PartnershipModule, MatchingModule],
  controllers: [DigestController],
  providers: [DigestService],
  exports: [DigestService],
})
export class DigestModule {}
