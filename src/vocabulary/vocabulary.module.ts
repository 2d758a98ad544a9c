import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AudienceController, CapabilityController } from './vocabulary.controller';
import { AudienceService, CapabilityService } from './vocabulary.service';

@Module({
  imports: [AuditModule],
  controllers: [AudienceController, CapabilityController],
  providers: [AudienceService, CapabilityService],
  exports: [AudienceService, CapabilityService],
})
export class VocabularyModule {}
