import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { LibraryModule } from '../library/library.module';
import { ContactModule } from '../contact/contact.module';
import { OrganizationModule } from '../organization/organization.module';
import { ProgramModule } from '../program/program.module';
import { UserModule } from '../user/user.module';
import { VisitController } from './visit.controller';
import { Visit } from './visit.entity';
import { VisitService } from './visit.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Visit]),
    AuditModule,
    LibraryModule,
    OrganizationModule,
    ProgramModule,
    UserModule,
    ContactModule,
  ],
  controllers: [VisitController],
  providers: [VisitService],
  exports: [VisitService],
})
export class VisitModule {}
