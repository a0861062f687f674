import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam, Public } from '@techmarket/core';
import { CreateSubscriptionDto, RunDigestsDto, UnsubscribeQuery, UpdateSubscriptionDto } from '../dto/profiles.dto.js';
import { SubscriptionsService } from './subscriptions.service.js';

@ApiTags('matching 供需匹配与定向推送')
@Controller('matching/subscriptions')
export class SubscriptionsController {
  constructor(@Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService) {}

  /** The one-click link of a digest mail: no login, the signature is the proof. */
  @Get('unsubscribe')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: '退订（推送邮件中的一键退订链接，带签名，无需登录）' })
  async unsubscribe(@Query() q: UnsubscribeQuery) {
    await this.subscriptions.unsubscribe(q.s, q.sig);
    return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>已退订</title><body><h1>已退订</h1><p>您将不再收到此订阅的推送邮件。可随时登录吉林省科技大市场重新订阅。</p></body></html>`;
  }

  @Post('digests')
  @HttpCode(202)
  @ApiBearerAuth()
  @Authorize('create', 'SubscriptionDigest')
  @ApiOperation({ summary: '立即生成某一频率的订阅推送（省平台管理员；按订阅与周期只发一次）' })
  run(@Body() body: RunDigestsDto) {
    return this.subscriptions.requestRun(body);
  }

  @Get('digests')
  @ApiBearerAuth()
  @Authorize('create', 'SubscriptionDigest')
  @ApiOperation({ summary: '订阅推送的定时任务，及某次运行的状态' })
  runs(@Query('jobId') jobId?: string) {
    return this.subscriptions.runs(jobId);
  }

  @Get()
  @ApiBearerAuth()
  @Authorize('read', 'Subscription')
  @ApiOperation({ summary: '我的订阅' })
  list() {
    return this.subscriptions.list();
  }

  @Post()
  @ApiBearerAuth()
  @Authorize('create', 'Subscription')
  @ApiOperation({ summary: '订阅行业领域和/或关键词的新成果、专利、需求（每日或每周推送）' })
  create(@Body() body: CreateSubscriptionDto) {
    return this.subscriptions.create(body);
  }

  @Get(':id')
  @ApiBearerAuth()
  @Authorize('read', 'Subscription')
  get(@Param() p: IdParam) {
    return this.subscriptions.get(p.id);
  }

  @Patch(':id')
  @ApiBearerAuth()
  @Authorize('update', 'Subscription')
  @ApiOperation({ summary: '修改订阅（领域、关键词、类别、频率；active=false 暂停）' })
  update(@Param() p: IdParam, @Body() body: UpdateSubscriptionDto) {
    return this.subscriptions.update(p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiBearerAuth()
  @Authorize('delete', 'Subscription')
  async remove(@Param() p: IdParam) {
    await this.subscriptions.remove(p.id);
  }
}
