import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { AuditService } from './audit.service';
import { AuditPageDto, ListAuditQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
@RequirePermission('audit.read')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log of partnership data, newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListAuditQueryDto): Promise<AuditPageDto> {
    const page = await this.audit.list(query);
    return {
      data: page.data.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })),
      meta: page.meta,
    };
  }
}
