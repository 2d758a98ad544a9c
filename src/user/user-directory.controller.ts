import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators';
import { ColleagueListDto } from './dto/user.dto';
import { toColleagueResponse } from './user.mapper';
import { UserService } from './user.service';

/**
 * The team list for every signed-in role (the user-admin routes in UserController are for
 * admins). Registered before UserController in UserModule, so /users/directory is not taken
 * for /users/:id.
 */
@ApiTags('users')
@Controller('users/directory')
export class UserDirectoryController {
  constructor(private readonly users: UserService) {}

  @Get()
  @RequirePermission('colleague.read')
  @ApiOperation({
    summary: 'Active colleagues: id, name and role',
    description:
      'Every active user by name, for choosing and naming colleagues (owners, assignees, who went, reminder recipients). ' +
      'No email or other account details; deactivated users are left out.',
  })
  @ApiOkResponse({ type: ColleagueListDto })
  async list(): Promise<ColleagueListDto> {
    return { data: (await this.users.listColleagues()).map(toColleagueResponse) };
  }
}
