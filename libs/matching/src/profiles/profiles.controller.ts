import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { DeclaredProfileDto, ProfileMatchesQuery } from '../dto/profiles.dto.js';
import { ProfilesService } from './profiles.service.js';

@ApiTags('matching 供需匹配与定向推送')
@ApiBearerAuth()
@Controller('matching/profiles')
export class ProfilesController {
  constructor(@Inject(ProfilesService) private readonly profiles: ProfilesService) {}

  @Get(':id')
  @Authorize('read', 'Profile')
  @ApiOperation({
    summary:
      '机构画像：企业（自述的领域、关键词、产品，发布的需求、浏览过的条目、表达过意向的通知）或高校院所（成果、专利、专家），每个词的权重与来源',
  })
  get(@Param() p: IdParam) {
    return this.profiles.get(p.id);
  }

  @Put(':id/declared')
  @Authorize('update', 'Profile')
  @ApiOperation({ summary: '企业自述画像：行业领域、关键词、主营产品（本企业用户）' })
  declare(@Param() p: IdParam, @Body() body: DeclaredProfileDto) {
    return this.profiles.declare(p.id, body);
  }

  @Get(':id/matches')
  @Authorize('read', 'Profile')
  @ApiOperation({ summary: '按企业画像匹配科技成果、开放许可专利或专家，附匹配原因（各因素得分之和即总分）' })
  matches(@Param() p: IdParam, @Query() q: ProfileMatchesQuery) {
    return this.profiles.matches(p.id, q);
  }
}
