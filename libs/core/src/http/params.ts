import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsTenantCode } from './validators.js';

export class TenantCodeParam {
  @ApiProperty({ example: '220100' })
  @IsTenantCode()
  code: string;
}

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id: string;
}
