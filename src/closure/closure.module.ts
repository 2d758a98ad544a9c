import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ClosureController } from './closure.controller';
import { Closure } from './closure.entity';
import { ClosureService } from './closure.service';

@Module({
  imports: [TypeOrmModule.forFeature([Closure]), AuditModule, OutboxModule],
  controllers: [ClosureController],
  providers: [ClosureService],
  exports: [ClosureService],
})
export class ClosureModule {}
