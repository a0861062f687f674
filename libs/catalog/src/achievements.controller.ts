import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { AchievementsService } from './achievements.service.js';
import { CatalogService } from './catalog.service.js';
import { CreateAchievement, SearchAchievementsQuery, UpdateAchievement } from './dto/achievement.dto.js';

@ApiTags('achievements 科技成果')
@ApiBearerAuth()
@Controller('achievements')
export class AchievementsController {
  constructor(
    @Inject(AchievementsService) private readonly achievements: AchievementsService,
    @Inject(CatalogService) private readonly catalog: CatalogService,
  ) {}

  @Get()
  @Authorize('read', 'Achievement')
  @ApiOperation({ summary: '检索科技成果（中文全文检索、筛选、分面统计、游标分页）' })
  search(@Query() q: SearchAchievementsQuery) {
    return this.achievements.search(q);
  }

  @Get(':id')
  @Authorize('read', 'Achievement')
  async get(@Param() p: IdParam) {
    return this.catalog.viewed('achievement', await this.achievements.get(p.id));
  }

  @Post()
  @Authorize('create', 'Achievement')
  @ApiOperation({ summary: '登记科技成果（草稿）' })
  create(@Body() body: CreateAchievement) {
    return this.achievements.create(body);
  }

  @Patch(':id')
  @Authorize('update', 'Achievement')
  @ApiOperation({ summary: '修改（仅草稿或已退回）' })
  update(@Param() p: IdParam, @Body() body: UpdateAchievement) {
    return this.achievements.update(p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize('delete', 'Achievement')
  async remove(@Param() p: IdParam) {
    await this.achievements.remove(p.id);
  }
}
