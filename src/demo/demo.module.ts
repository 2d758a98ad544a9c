import { Module } from '@nestjs/common';
import { DemoDataController } from './demo-data.controller';
import { DemoDataService } from './demo-data.service';

/**
 * POST /api/v1/demo-data. The seed finds the services it uses through ModuleRef (as the command
 * does through its application context), so this module imports none of their modules.
 */
@Module({
  controllers: [DemoDataController],
  providers: [DemoDataService],
})
export class DemoModule {}
