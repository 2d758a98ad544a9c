import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { LibraryModule } from '../library/library.module';
import { UserModule } from '../user/user.module';
import { VocabularyModule } from '../vocabulary/vocabulary.module';
import { Note } from './note.entity';
import { OrganizationCsvService } from './organization-csv.service';
import { OrganizationController } from './organization.controller';
import { Organization } from './organization.entity';
import { OrganizationService } from './organization.service';
import { StageChange } from './stage-change.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Organization, Note, StageChange]),
    AuditModule,
    VocabularyModule,
    UserModule,
    LibraryModule,
  ],
  controllers: [OrganizationController],
  providers: [OrganizationService, OrganizationCsvService],
  exports: [OrganizationService],
})
export class OrganizationModule {}
