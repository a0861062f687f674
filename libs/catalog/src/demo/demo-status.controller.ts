import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RedisStore } from '@techmarket/core';
import { DEMO_STATUS_KEY, type DemoStatus } from './demo-status.js';

@ApiTags('demo 演示数据')
@Controller('demo')
export class DemoStatusController {
  constructor(@Inject(RedisStore) private readonly redis: RedisStore) {}

  /** Public: the console shows it on the login page while the demo catalog loads in the background. */
  @Get('status')
  @Public()
  @ApiOperation({ summary: '演示数据加载进度（npm start 后台加载时）' })
  async status(): Promise<DemoStatus> {
    const raw = await this.redis.client.get(DEMO_STATUS_KEY).catch(() => null);
    return raw ? (JSON.parse(raw) as DemoStatus) : { state: 'none' };
  }
}
