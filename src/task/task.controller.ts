import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateTaskDto, ListTasksQueryDto, TaskPageDto, TaskResponseDto, UpdateTaskDto } from './dto/task.dto';
import { toTaskResponse } from './task.mapper';
import { TaskService } from './task.service';

const TaskId = () => Param('id', new ParseIdPipe('task'));

@ApiTags('outreach')
@Controller('tasks')
export class TaskController {
  constructor(private readonly tasks: TaskService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: 'Follow-up tasks, soonest due first; filter by assignee, status, overdue, organization, program, visit',
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListTasksQueryDto): Promise<TaskPageDto> {
    const page = await this.tasks.list(query);
    return { data: page.data.map(toTaskResponse), meta: page.meta };
  }

  @Post()
  @RequirePermission('outreach.write')
  @ApiOperation({
    summary: "Add a follow-up (assigned to you unless said otherwise; a visit's task gets its organization)",
  })
  @ApiCreatedResponse({ type: TaskResponseDto })
  @ApiProblems(400)
  async create(@Body() dto: CreateTaskDto, @CurrentUser() actor: AuthUser): Promise<TaskResponseDto> {
    return toTaskResponse(await this.tasks.create(dto, actor));
  }

  @Get(':id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One task' })
  @ApiOkResponse({ type: TaskResponseDto })
  @ApiProblems(404)
  async get(@TaskId() id: string): Promise<TaskResponseDto> {
    return toTaskResponse(await this.tasks.get(id));
  }

  @Patch(':id')
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Edit a task or mark it done/open (needs the current version)' })
  @ApiOkResponse({ type: TaskResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @TaskId() id: string,
    @Body() dto: UpdateTaskDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<TaskResponseDto> {
    return toTaskResponse(await this.tasks.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Delete a task' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@TaskId() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.tasks.remove(id, actor);
  }
}
