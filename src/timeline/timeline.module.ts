import { Global, Module } from '@nestjs/common';
import { TimelineService } from './timeline.service';

/** Global so that each domain module can register its kind of timeline event. */
@Global()
@Module({
  providers: [TimelineService],
  exports: [TimelineService],
})
export class TimelineModule {}
