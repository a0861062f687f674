import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@techmarket/core';
import { achievementCriteria } from '../achievements.service.js';
import type { SearchRequest } from '../catalog.service.js';
import { DemandsService } from '../demands.service.js';
import { SearchAchievementsQuery } from '../dto/achievement.dto.js';
import { SearchDemandsQuery } from '../dto/demand.dto.js';
import { SearchPatentsQuery } from '../dto/patent.dto.js';
import type { ImportKind } from '../entities/catalog-import.entity.js';
import { PatentsService } from '../patents.service.js';
import { CatalogExportService } from './export.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NAMES: Record<ImportKind, string> = { achievement: '科技成果', patent: '专利', demand: '企业需求' };

/** 导出: the same filters as the lists, as an XLSX file in the import layout. */
@ApiTags('imports 批量导入')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(
    @Inject(CatalogExportService) private readonly exporter: CatalogExportService,
    @Inject(DemandsService) private readonly demands: DemandsService,
    @Inject(PatentsService) private readonly patents: PatentsService,
  ) {}

  @Get('achievements.xlsx')
  @Authorize('read', 'Achievement')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: '导出科技成果（与列表相同的筛选条件）' })
  achievements(@Query() q: SearchAchievementsQuery) {
    return this.file('achievement', achievementCriteria(q));
  }

  @Get('demands.xlsx')
  @Authorize('read', 'Demand')
  @ApiProduces(XLSX)
  demandsFile(@Query() q: SearchDemandsQuery) {
    return this.file('demand', this.demands.criteria(q));
  }

  @Get('patents.xlsx')
  @Authorize('read', 'Patent')
  @ApiProduces(XLSX)
  patentsFile(@Query() q: SearchPatentsQuery) {
    return this.file('patent', this.patents.criteria(q));
  }

  private async file(kind: ImportKind, criteria: SearchRequest) {
    const stream = await this.exporter.xlsx(kind, criteria);
    return new StreamableFile(stream, {
      type: XLSX,
      disposition: `attachment; filename="${kind}s.xlsx"; filename*=UTF-8''${encodeURIComponent(NAMES[kind])}.xlsx`,
    });
  }
}
