import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateGoalDto, GoalListDto, GoalResponseDto, ListGoalsQueryDto, UpdateGoalDto } from './dto/goal.dto';
import { toGoalResponse } from './goal.mapper';
import { GoalService } from './goal.service';

const GoalId = () => Param('id', new ParseIdPipe('goal'));

const PROGRESS =
  "Progress is measured on every read, on the library's today (`asOf`): the outreach report's totals over the period up to today for the goal's scope " +
  "(GET /reports/outreach), or for active partners the organizations at stage active in the scope now (at the period's end once it has ended).";

@ApiTags('reports')
@Controller('goals')
export class GoalController {
  constructor(private readonly goals: GoalService) {}

  @Get()
  @RequirePermission('report.read')
  @ApiOperation({
    summary: 'Work-plan goals with their progress: current ones first (off track first), then future, then past',
    description: `${PROGRESS} At most 200.`,
  })
  @ApiOkResponse({ type: GoalListDto })
  @ApiProblems(400)
  async list(@Query() query: ListGoalsQueryDto): Promise<GoalListDto> {
    return { data: (await this.goals.list(query)).map(toGoalResponse) };
  }

  @Post()
  @RequirePermission('goal.manage')
  @ApiOperation({
    summary: 'Set a goal: a measure, a target, a period and at most one scope (audience, program or partner)',
    description: PROGRESS,
  })
  @ApiCreatedResponse({ type: GoalResponseDto })
  @ApiProblems(400)
  async create(@Body() dto: CreateGoalDto, @CurrentUser() actor: AuthUser): Promise<GoalResponseDto> {
    return toGoalResponse(await this.goals.create(dto, actor));
  }

  @Get(':id')
  @RequirePermission('report.read')
  @ApiOperation({ summary: 'One goal with its progress', description: PROGRESS })
  @ApiOkResponse({ type: GoalResponseDto })
  @ApiProblems(404)
  async get(@GoalId() id: string): Promise<GoalResponseDto> {
    return toGoalResponse(await this.goals.get(id));
  }

  @Patch(':id')
  @RequirePermission('goal.manage')
  @ApiOperation({
    summary: 'Change a goal (needs the current version); the result must still have at most one scope',
  })
  @ApiOkResponse({ type: GoalResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @GoalId() id: string,
    @Body() dto: UpdateGoalDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<GoalResponseDto> {
    return toGoalResponse(await this.goals.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('goal.manage')
  @ApiOperation({ summary: 'Delete a goal' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@GoalId() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.goals.remove(id, actor);
  }
}
