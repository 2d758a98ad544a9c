import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { LibraryModule } from '../library/library.module';
import { OrganizationModule } from '../organization/organization.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ProgramModule } from '../program/program.module';
import { UserModule } from '../user/user.module';
import { VisitModule } from '../visit/visit.module';
import { TaskController } from './task.controller';
import { Task } from './task.entity';
import { TaskService } from './task.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Task]),
    AuditModule,
    LibraryModule,
    OrganizationModule,
    ProgramModule,
    VisitModule,
    UserModule,
    OutboxModule,
  ],
  controllers: [TaskController],
  providers: [TaskService],
  exports: [TaskService],
})
export class TaskModule {}
