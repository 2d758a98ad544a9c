import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { SEED_KINDS, type SeedKind } from './seed-demo';
import { DemoDataService, type DemoLoadState } from './demo-data.service';
import { DemoDataResultDto, DemoDataStatusDto } from './dto/demo-data.dto';

function toStatusResponse(state: DemoLoadState): DemoDataStatusDto {
  return {
    status: state.status,
    startedAt: state.startedAt?.toISOString() ?? null,
    finishedAt: state.finishedAt?.toISOString() ?? null,
    progress: state.progress,
    summary: state.summary,
    error: state.error,
  };
}

@ApiTags('demo data')
@Controller('demo-data')
@RequirePermission('demo.load')
export class DemoDataController {
  constructor(private readonly demo: DemoDataService) {}

  @Get()
  @ApiOperation({
    summary: 'The latest demo load of this API process, with its progress so far',
    description: 'Poll it while POST /demo-data runs to show its progress.',
  })
  @ApiOkResponse({ type: DemoDataStatusDto })
  status(): DemoDataStatusDto {
    return toStatusResponse(this.demo.current());
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Load the demo data set (as npm run seed:demo does), acting as you',
    description:
      'Adds a fictional partner directory and a season of outreach: only what is missing, so loading it again adds nothing and ' +
      'changes nothing. Answers when it is done (a few seconds; longer on the embedded database). 409 while a load is running.',
  })
  @ApiOkResponse({ type: DemoDataResultDto })
  @ApiProblems(409)
  async load(@CurrentUser() actor: AuthUser): Promise<DemoDataResultDto> {
    const { result, summary, progress } = await this.demo.load(actor);
    const kinds = (Object.keys(SEED_KINDS) as SeedKind[]).map((kind) => ({
      kind,
      label: SEED_KINDS[kind][1],
      ...result.kinds[kind],
    }));
    return { created: result.created, unchanged: result.unchanged, kinds, summary, progress };
  }
}
