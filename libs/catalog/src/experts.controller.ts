import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { CreateExpert, SearchExpertsQuery, UpdateExpert } from './dto/expert.dto.js';
import { ExpertsService } from './experts.service.js';
import { CatalogService } from './catalog.service.js';

@ApiTags('experts 专家库')
@ApiBearerAuth()
@Controller('experts')
export class ExpertsController {
  constructor(
    @Inject(ExpertsService) private readonly experts: ExpertsService,
    @Inject(CatalogService) private readonly catalog: CatalogService,
  ) {}

  @Get()
  @Authorize('read', 'Expert')
  @ApiOperation({ summary: '检索专家' })
  search(@Query() q: SearchExpertsQuery) {
    return this.experts.search(q);
  }

  @Get(':id')
  @Authorize('read', 'Expert')
  async get(@Param() p: IdParam) {
    return this.catalog.viewed('expert', await this.experts.get(p.id));
  }

  @Post()
  @Authorize('create', 'Expert')
  create(@Body() body: CreateExpert) {
    return this.experts.create(body);
  }

  @Patch(':id')
  @Authorize('update', 'Expert')
  update(@Param() p: IdParam, @Body() body: UpdateExpert) {
    return this.experts.update(p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize('delete', 'Expert')
  async remove(@Param() p: IdParam) {
    await this.experts.remove(p.id);
  }
}
