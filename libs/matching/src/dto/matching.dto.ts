import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { defineValidator } from '@techmarket/core';
import { DEMAND_TARGETS, type DemandTarget } from '../matching.engine.js';

const IsWeight = defineValidator('weightRange', (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1);

/** The weight of each factor, 0–1 (at least one above 0). */
export class WeightsDto {
  @ApiProperty({ example: 0.4, description: '文本相似度（BM25）' })
  @IsWeight()
  text: number;

  @ApiProperty({ example: 0.1, description: '领域契合' })
  @IsWeight()
  field: number;

  @ApiProperty({ example: 0.05, description: 'IPC 分类契合：需求所列 IPC 同组 > 同小类 > 行业领域对应的 IPC > 同大类' })
  @IsWeight()
  ipc: number;

  @ApiProperty({ example: 0.1, description: '成熟度（TRL / 专利法律状态）' })
  @IsWeight()
  maturity: number;

  @ApiProperty({ example: 0.1, description: '价格与预算' })
  @IsWeight()
  price: number;

  @ApiProperty({ example: 0.1, description: '开放许可条件' })
  @IsWeight()
  licence: number;

  @ApiProperty({ example: 0.15, description: '就地转化：同县 > 同市 > 省内 > 省外' })
  @IsWeight()
  locality: number;
}

export class PreviewWeights {
  @ApiProperty({ description: '已发布企业需求的 id' })
  @IsUUID()
  demandId: string;

  @ApiPropertyOptional({ enum: DEMAND_TARGETS, default: 'achievement' })
  @IsOptional()
  @IsIn([...DEMAND_TARGETS])
  kind?: DemandTarget;

  @ApiProperty({ type: WeightsDto })
  @ValidateNested()
  @Type(() => WeightsDto)
  weights: WeightsDto;
}

export class DemandMatchesQuery {
  @ApiPropertyOptional({ enum: DEMAND_TARGETS, description: '只看某一类（默认全部）' })
  @IsOptional()
  @IsIn([...DEMAND_TARGETS])
  kind?: DemandTarget;
}

export class ExpressInterest {
  @ApiPropertyOptional({ example: '我单位可提供该技术，欢迎联系。', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;
}
