import { Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Authorize, IdParam, readUpload } from '@techmarket/core';
import type { FastifyRequest } from 'fastify';
import { IMPORT_KINDS, IMPORT_MODES, type ImportKind, type ImportMode } from '../entities/catalog-import.entity.js';
import { CatalogImportService } from './import.service.js';

export class CreateImportQuery {
  @ApiProperty({ enum: IMPORT_KINDS, description: 'achievement 科技成果 / patent 专利 / demand 企业需求' })
  @IsIn(IMPORT_KINDS)
  kind: ImportKind;

  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    default: 'all_or_nothing',
    description: 'all_or_nothing：有一行错误则整个文件不导入；skip_invalid：导入正确的行并报告错误行',
  })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;

  @ApiPropertyOptional({ format: 'uuid', description: '未填“所属机构”列的行归属的机构；默认为当前用户所在机构' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;
}

@ApiTags('imports 批量导入')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(@Inject(CatalogImportService) private readonly imports: CatalogImportService) {}

  @Post()
  @Authorize('create', 'CatalogImport')
  @ApiOperation({ summary: '上传 CSV/XLSX 批量导入（后台任务，返回任务状态，轮询 GET /imports/{id} 查看进度与逐行错误）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  async create(@Query() q: CreateImportQuery, @Req() req: FastifyRequest) {
    const { buffer, fileName } = await readUpload(req);
    return this.imports.create({ buffer, fileName }, q.kind, q.mode ?? 'all_or_nothing', q.organizationId);
  }

  @Get(':id')
  @Authorize('read', 'CatalogImport')
  @ApiOperation({ summary: '导入进度与结果（逐行、逐列的中文错误）' })
  get(@Param() p: IdParam) {
    return this.imports.get(p.id);
  }
}
