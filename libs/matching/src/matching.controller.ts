import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { DemandMatchesQuery, ExpressInterest, PreviewWeights, WeightsDto } from './dto/matching.dto.js';
import { MatchingService } from './matching.service.js';

@ApiTags('matching 供需匹配与定向推送')
@ApiBearerAuth()
@Controller('matching')
export class MatchingController {
  constructor(@Inject(MatchingService) private readonly matching: MatchingService) {}

  @Get('demands/:id/matches')
  @Authorize('read', 'Match')
  @ApiOperation({ summary: '企业需求的匹配结果：科技成果、开放许可专利与专家，附匹配原因（各因素得分之和即总分）' })
  demandMatches(@Param() p: IdParam, @Query() q: DemandMatchesQuery) {
    return this.matching.matches('demand', p.id, q);
  }

  @Get('achievements/:id/matches')
  @Authorize('read', 'Match')
  @ApiOperation({ summary: '科技成果的匹配企业（经其已发布的需求），附匹配原因' })
  achievementMatches(@Param() p: IdParam) {
    return this.matching.matches('achievement', p.id);
  }

  @Get('patents/:id/matches')
  @Authorize('read', 'Match')
  @ApiOperation({ summary: '专利的匹配企业（经其已发布的需求），附匹配原因' })
  patentMatches(@Param() p: IdParam) {
    return this.matching.matches('patent', p.id);
  }

  @Get('demands/:id/notices')
  @Authorize('read', 'Match')
  @ApiOperation({ summary: '需求发布后已通知了谁、谁表达了意向（发布方）' })
  demandNotices(@Param() p: IdParam) {
    return this.matching.demandNotices(p.id);
  }

  @Get('notices')
  @Authorize('read', 'MatchNotice')
  @ApiOperation({ summary: '我收到的匹配通知' })
  notices() {
    return this.matching.myNotices();
  }

  @Post('notices/:id/interest')
  @HttpCode(200)
  @Authorize('update', 'MatchNotice')
  @ApiOperation({ summary: '对匹配通知表达合作意向' })
  interest(@Param() p: IdParam, @Body() body: ExpressInterest) {
    return this.matching.expressInterest(p.id, body);
  }

  @Get('weights')
  @Authorize('read', 'MatchingWeights')
  @ApiOperation({ summary: '匹配因素的权重（省级可调）' })
  weights() {
    return this.matching.getWeights();
  }

  @Put('weights')
  @Authorize('update', 'MatchingWeights')
  @ApiOperation({ summary: '设置匹配权重（省平台管理员）' })
  setWeights(@Body() body: WeightsDto) {
    return this.matching.setWeights(body);
  }

  @Post('weights/preview')
  @HttpCode(200)
  @Authorize('update', 'MatchingWeights')
  @ApiOperation({ summary: '预览：某条已发布需求在拟用权重下的排序，与当前权重的排序并列' })
  preview(@Body() body: PreviewWeights) {
    return this.matching.preview(body);
  }
}
