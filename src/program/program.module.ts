import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ClosureModule } from '../closure/closure.module';
import { LibraryModule } from '../library/library.module';
import { OrganizationModule } from '../organization/organization.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UserModule } from '../user/user.module';
import { VocabularyModule } from '../vocabulary/vocabulary.module';
import { CalendarLink } from './calendar-link.entity';
import { CalendarLinkService } from './calendar-link.service';
import { ProgramCalendarController } from './program-calendar.controller';
import { ProgramCalendarService } from './program-calendar.service';
import { ProgramPartner } from './program-partner.entity';
import { ProgramSession } from './program-session.entity';
import { ProgramController } from './program.controller';
import { Program } from './program.entity';
import { ProgramService } from './program.service';
import { SessionController } from './session.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Program, ProgramPartner, ProgramSession, CalendarLink]),
    AuditModule,
    VocabularyModule,
    UserModule,
    OrganizationModule,
    ClosureModule,
    OutboxModule,
    LibraryModule,
  ],
  controllers: [ProgramController, SessionController, ProgramCalendarController],
  providers: [ProgramService, ProgramCalendarService, CalendarLinkService],
  exports: [ProgramService, ProgramCalendarService],
})
export class ProgramModule {}
