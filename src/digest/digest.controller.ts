import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators';
import { DigestService } from './digest.service';
import { DigestResponseDto } from './dto/digest.dto';

@ApiTags('partnership health')
@Controller('dashboard')
export class DigestController {
  constructor(private readonly digests: DigestService) {}

  @Get('health/digest')
  @RequirePermission('dashboard.read')
  @ApiOperation({
    summary:
      "What this week's email digest to managers says: bands that changed, new at-risk partners, uncovered audiences, top introductions",
    description:
      "The digest goes to every active manager and admin on Monday (07:00 in the library's time zone, GET /api/v1/settings/library), or, when the worker was down then, once it is back that week. Once sent (`stored: true`) this returns the content " +
      'that was emailed; before that, the digest composed now, as it would be sent. "Last week" is each organization\'s latest weekly health ' +
      'snapshot at least 6 days old; one without any counts as new.',
  })
  @ApiOkResponse({ type: DigestResponseDto })
  preview(): Promise<DigestResponseDto> {
    return this.digests.preview();
  }
}
