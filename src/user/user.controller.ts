import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../common/decorators/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserPageDto, UserResponseDto } from './dto/user.dto';
import { toUserResponse } from './user.mapper';
import { UserService } from './user.service';

@ApiTags('users')
@Controller('users')
@RequirePermission('user.manage')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    const page = await this.users.list(query);
    return { data: page.data.map(toUserResponse), meta: page.meta };
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user',
    description: 'Without `password`, an invitation email with a one-time link is sent (503 and nothing saved if it cannot be).',
  })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiProblems(400, 409, 503)
  async create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser): Promise<UserResponseDto> {
    return toUserResponse(await this.users.create(dto, actor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(404)
  async get(@Param('id', new ParseIdPipe('user')) id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename, change role, deactivate or reactivate a user',
    description: 'Takes effect on the user’s very next request. The last active admin cannot be demoted or deactivated (422).',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(400, 404, 409, 422)
  async update(
    @Param('id', new ParseIdPipe('user')) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserResponseDto> {
    return toUserResponse(await this.users.update(id, dto, actor));
  }

  @Post(':id/invitation')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Email a new one-time link to choose a password',
    description: 'Re-sends an invitation, or resets a forgotten password; earlier links stop working.',
  })
  @ApiNoContentResponse()
  @ApiProblems(404, 422, 503)
  async sendInvitation(@Param('id', new ParseIdPipe('user')) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.users.sendInvitation(await this.users.get(id), actor);
  }
}
