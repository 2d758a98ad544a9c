import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { toContactResponse } from './contact.mapper';
import { ContactService } from './contact.service';
import {
  ContactPageDto,
  ContactResponseDto,
  CreateContactDto,
  ListContactsQueryDto,
  UpdateContactDto,
} from './dto/contact.dto';

const ContactId = () => Param('id', new ParseIdPipe('contact'));

@ApiTags('directory')
@Controller('contacts')
export class ContactController {
  constructor(private readonly contacts: ContactService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: 'People at partner organizations (viewers get email, phone and notes as null)',
    description: '`q` matches name and title, ignoring case and accents; for staff and above also email and phone.',
  })
  @ApiOkResponse({ type: ContactPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListContactsQueryDto, @CurrentUser() user: AuthUser): Promise<ContactPageDto> {
    const page = await this.contacts.list(query, user);
    return { data: page.data.map((contact) => toContactResponse(contact, user)), meta: page.meta };
  }

  @Get(':id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One contact (viewers get email, phone and notes as null)' })
  @ApiOkResponse({ type: ContactResponseDto })
  @ApiProblems(404)
  async get(@ContactId() id: string, @CurrentUser() user: AuthUser): Promise<ContactResponseDto> {
    return toContactResponse(await this.contacts.get(id), user);
  }

  @Post()
  @RequirePermission('directory.write')
  @ApiOperation({ summary: 'Add a contact; a new primary contact replaces the previous one' })
  @ApiCreatedResponse({ type: ContactResponseDto })
  @ApiProblems(400)
  async create(@Body() dto: CreateContactDto, @CurrentUser() user: AuthUser): Promise<ContactResponseDto> {
    return toContactResponse(await this.contacts.create(dto, user), user);
  }

  @Patch(':id')
  @RequirePermission('directory.write')
  @ApiOperation({ summary: 'Edit a contact (needs the current version)' })
  @ApiOkResponse({ type: ContactResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @ContactId() id: string,
    @Body() dto: UpdateContactDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactResponseDto> {
    return toContactResponse(await this.contacts.update(id, dto, user), user);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('directory.delete')
  @ApiOperation({ summary: 'Erase a contact: no copy of their name, email or phone remains' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async erase(@ContactId() id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.contacts.erase(id, user);
  }
}
