import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import {
  CreateUserDto,
  InvitationLinkResponseDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserPageDto,
  UserWithInvitationResponseDto,
} from './dto/user.dto';
import type { User } from './user.entity';
import { toUserWithInvitationResponse } from './user.mapper';
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
    // One query for the whole page's invitations, not one per user.
    const invitations = await this.users.invitationStates(page.data.map((user) => user.id));
    return {
      data: page.data.map((user) => toUserWithInvitationResponse(user, invitations.get(user.id))),
      meta: page.meta,
    };
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user',
    description:
      'Without `password`, an invitation email with a one-time link is queued and sent by a worker; `invitation.status` ' +
      '(here or on GET /users/:id) tells whether it went out. The user is kept even if the email fails: send a new link.',
  })
  @ApiCreatedResponse({ type: UserWithInvitationResponseDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser): Promise<UserWithInvitationResponseDto> {
    return this.respond(await this.users.create(dto, actor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserWithInvitationResponseDto })
  @ApiProblems(404)
  async get(@Param('id', new ParseIdPipe('user')) id: string): Promise<UserWithInvitationResponseDto> {
    return this.respond(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename, change role, deactivate or reactivate a user',
    description:
      'Takes effect on the user’s very next request. The last active admin cannot be demoted or deactivated (422).',
  })
  @ApiOkResponse({ type: UserWithInvitationResponseDto })
  @ApiProblems(400, 404, 409, 422)
  async update(
    @Param('id', new ParseIdPipe('user')) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserWithInvitationResponseDto> {
    return this.respond(await this.users.update(id, dto, actor));
  }

  @Post(':id/invitation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Email a new one-time link to choose a password',
    description:
      'Re-sends an invitation, or resets a forgotten password; earlier links stop working (an earlier email not yet sent is ' +
      'skipped). The email is queued: the user comes back with `invitation.status` `scheduled` until a worker sends it.',
  })
  @ApiOkResponse({ type: UserWithInvitationResponseDto })
  @ApiProblems(404, 422)
  async sendInvitation(
    @Param('id', new ParseIdPipe('user')) id: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserWithInvitationResponseDto> {
    const user = await this.users.get(id);
    await this.users.sendInvitation(user, actor);
    return this.respond(user);
  }

  @Post(':id/invitation-link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue a new one-time invitation link for the admin to hand over',
    description:
      'For when email is not set up or the mail server refused the invitation: the admin copies the link and gives it to ' +
      'the person. Earlier links stop working (an earlier email not yet sent is skipped); no email is sent. Audited. ' +
      '409 once the user has chosen a password, 422 for a deactivated user.',
  })
  @ApiOkResponse({ type: InvitationLinkResponseDto })
  @ApiProblems(404, 409, 422)
  async issueInvitationLink(
    @Param('id', new ParseIdPipe('user')) id: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<InvitationLinkResponseDto> {
    const link = await this.users.issueInvitationLink(id, actor);
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  private async respond(user: User): Promise<UserWithInvitationResponseDto> {
    return toUserWithInvitationResponse(user, await this.users.invitationState(user.id));
  }
}
