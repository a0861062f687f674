import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { CampaignsService } from './campaigns.service.js';
import { CreateCampaign, FunnelQuery, PreviewQuery, RecordContact, ReviewDelivery } from './dto/campaigns.dto.js';

@ApiTags('campaigns 推送活动与闭环')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Post()
  @Authorize('create', 'Campaign')
  @ApiOperation({ summary: '创建推送活动（草稿）：推送内容 + 目标企业（省、市管理员，限本辖区）' })
  create(@Body() body: CreateCampaign) {
    return this.campaigns.create(body);
  }

  @Get()
  @Authorize('read', 'Campaign')
  @ApiOperation({ summary: '本辖区的推送活动' })
  list() {
    return this.campaigns.list();
  }

  @Get('funnel')
  @Authorize('read', 'Campaign')
  @ApiOperation({ summary: '闭环漏斗：送达、打开、点击、意向、对接、签约及金额（分），按下一级地区汇总' })
  funnel(@Query() q: FunnelQuery) {
    return this.campaigns.funnel(q);
  }

  @Get(':id')
  @Authorize('read', 'Campaign')
  @ApiOperation({ summary: '推送活动及其漏斗' })
  get(@Param() p: IdParam) {
    return this.campaigns.get(p.id);
  }

  @Get(':id/preview')
  @Authorize('launch', 'Campaign')
  @ApiOperation({ summary: '预览：收件企业与地址数、每家企业的个性化条目（不发送）' })
  preview(@Param() p: IdParam, @Query() q: PreviewQuery) {
    return this.campaigns.preview(p.id, q);
  }

  @Post(':id/launch')
  @HttpCode(202)
  @Authorize('launch', 'Campaign')
  @ApiOperation({ summary: '发起推送：后台任务按预览的名单逐一发送（限速、重试、每个地址至多一次）' })
  launch(@Param() p: IdParam) {
    return this.campaigns.launch(p.id);
  }

  @Get(':id/deliveries')
  @Authorize('read', 'CampaignDelivery')
  @ApiOperation({ summary: '推送记录：每个地址的投递状态、打开、点击、意向' })
  deliveries(@Param() p: IdParam) {
    return this.campaigns.deliveries(p.id);
  }

  @Post('deliveries/:id/review')
  @HttpCode(200)
  @Authorize('create', 'CampaignDeliveryReview')
  @ApiOperation({ summary: '投递核查：进程中断导致投递情况不明（unknown）的记录，核实后计为已送达或重新发送' })
  review(@Param() p: IdParam, @Body() body: ReviewDelivery) {
    return this.campaigns.reviewDelivery(p.id, body);
  }

  @Post('deliveries/:id/contact')
  @Authorize('create', 'CampaignContact')
  @ApiOperation({ summary: '登记对接：技术经纪人或服务中心已促成收件企业与条目所有方对接' })
  contact(@Param() p: IdParam, @Body() body: RecordContact) {
    return this.campaigns.recordContact(p.id, body);
  }
}
