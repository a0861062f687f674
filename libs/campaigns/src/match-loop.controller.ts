import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { MatchFunnelQuery, RecordContact } from './dto/campaigns.dto.js';
import { MatchLoopService } from './match-loop.service.js';

/** 撮合闭环: the closed loop of match notices (libs/matching), kept by the outreach context. */
@ApiTags('campaigns 推送活动与闭环')
@ApiBearerAuth()
@Controller('campaigns/matches')
export class MatchLoopController {
  constructor(@Inject(MatchLoopService) private readonly loop: MatchLoopService) {}

  @Get('funnel')
  @Authorize('read', 'MatchLoop')
  @ApiOperation({ summary: '撮合闭环：匹配通知的通知、意向、对接、签约及金额（分），按下一级地区汇总' })
  funnel(@Query() q: MatchFunnelQuery) {
    return this.loop.funnel(q);
  }

  @Post('notices/:id/contact')
  @Authorize('create', 'MatchContact')
  @ApiOperation({ summary: '登记撮合对接：服务中心或技术经纪人已促成需求企业与匹配方对接' })
  contact(@Param() p: IdParam, @Body() body: RecordContact) {
    return this.loop.recordContact(p.id, body);
  }
}
