import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import {
  CreateReminderDto,
  DeliveryPageDto,
  ListDeliveriesQueryDto,
  ListRemindersQueryDto,
  ReminderPageDto,
  ReminderResponseDto,
  UpdateReminderDto,
} from './dto/reminder.dto';
import { toDeliveryResponse, toReminderResponse } from './reminder.mapper';
import { ReminderService } from './reminder.service';

const ReminderId = () => Param('id', new ParseIdPipe('reminder'));

@ApiTags('reminders')
@Controller('reminders')
export class ReminderController {
  constructor(private readonly reminders: ReminderService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Reminder rules, newest first; filter by program, task, active, trigger type' })
  @ApiOkResponse({ type: ReminderPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListRemindersQueryDto): Promise<ReminderPageDto> {
    const page = await this.reminders.list(query);
    return { data: page.data.map(toReminderResponse), meta: page.meta };
  }

  @Post()
  @RequirePermission('reminder.write')
  @ApiOperation({
    summary:
      'Add a reminder rule: before/after each session of a program, once at a fixed time, or before/after a task is due',
  })
  @ApiCreatedResponse({ type: ReminderResponseDto })
  @ApiProblems(400)
  async create(@Body() dto: CreateReminderDto, @CurrentUser() actor: AuthUser): Promise<ReminderResponseDto> {
    return toReminderResponse(await this.reminders.create(dto, actor));
  }

  @Get(':id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One reminder rule' })
  @ApiOkResponse({ type: ReminderResponseDto })
  @ApiProblems(404)
  async get(@ReminderId() id: string): Promise<ReminderResponseDto> {
    return toReminderResponse(await this.reminders.get(id));
  }

  @Patch(':id')
  @RequirePermission('reminder.write')
  @ApiOperation({
    summary: 'Edit a reminder rule (needs the current version); a given trigger or recipient list replaces the old one',
  })
  @ApiOkResponse({ type: ReminderResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @ReminderId() id: string,
    @Body() dto: UpdateReminderDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<ReminderResponseDto> {
    return toReminderResponse(await this.reminders.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('reminder.write')
  @ApiOperation({ summary: 'Delete a reminder rule and its delivery log' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@ReminderId() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.reminders.remove(id, actor);
  }

  @Get(':id/deliveries')
  @RequirePermission('directory.read')
  @ApiOperation({
    summary:
      "A rule's delivery log, latest due first: each email with its status, attempts and why it failed or was skipped",
  })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiProblems(400, 404)
  async deliveries(@ReminderId() id: string, @Query() query: ListDeliveriesQueryDto): Promise<DeliveryPageDto> {
    const page = await this.reminders.listDeliveries(id, query);
    return { data: page.data.map(toDeliveryResponse), meta: page.meta };
  }
}
