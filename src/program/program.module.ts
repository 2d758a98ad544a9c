import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgramPartner } from './program-partner.entity';
import { ProgramSession } from './program-session.entity';
import { Program } from './program.entity';
import { ProgramService } from './program.service';

@Module({
  imports: [TypeOrmModule.forFeature([Program, ProgramPartner, ProgramSession])],
  providers: [ProgramService],
  exports: [ProgramService],
})
export class ProgramModule {}
