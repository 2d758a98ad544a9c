import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { RedisService } from '../redis/redis.module';

export type HealthStatus = 'ok' | 'degraded' | 'down';

class HealthCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ required: false }) message?: string;
}

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'] }) status: HealthStatus;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } },
    },
    example: { database: { status: 'up' }, redis: { status: 'up' } },
  })
  checks: Record<string, HealthCheckDto>;
}

/**
 * Without the database Tandem cannot work (down, 503); without Redis it serves but reminders
 * and shared login limits wait (degraded, 200).
 */
export function overallStatus(checks: { database: HealthCheckDto; redis: HealthCheckDto }): HealthStatus {
  if (checks.database.status !== 'up') return 'down';
  return checks.redis.status === 'up' ? 'ok' : 'degraded';
}

@ApiTags('service')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and dependencies: ok, degraded (no Redis) or down (no database)' })
  @ApiOkResponse({ type: HealthResponseDto, description: 'ok or degraded' })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'down' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponseDto> {
    const [database, redis] = await Promise.all([
      this.database.pingCheck('database').withTimeout(3000),
      this.indicators
        .check('redis')
        .attempt(() => this.redis.ping(2000))
        .withTimeout(2500),
    ]);
    const checks = { database: simplify(database.database), redis: simplify(redis.redis) };
    const status = overallStatus(checks);
    response.status(status === 'down' ? 503 : 200).setHeader('Cache-Control', 'no-store');
    return { status, checks };
  }
}

function simplify(result: { status: string; message?: unknown } | undefined): HealthCheckDto {
  if (result?.status === 'up') return { status: 'up' };
  return { status: 'down', message: typeof result?.message === 'string' ? result.message : 'not reachable' };
}
