import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';

export class ListAuditQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ example: 'organization', description: 'organization, contact, note, audience, capability' })
  @IsOptional()
  @Matches(/^[a-z-]{1,40}$/, { message: 'must be an entity type such as organization or contact' })
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditEventResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ example: 'organization' }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action: string;
  @ApiProperty({
    description: 'Changed fields with before/after; personal fields of contacts only as { redacted: true }.',
    example: { stage: { before: 'exploring', after: 'active' } },
  })
  changes: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventResponseDto] }) data: AuditEventResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
