import { Body, Controller, HttpCode, Inject, Param, Post, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import type { CatalogKindName } from './catalog-kinds.js';
import { CATALOG_KINDS } from './catalog-kinds.js';
import { CatalogService } from './catalog.service.js';
import { ReturnEntry } from './dto/common.dto.js';

/**
 * The five workflow routes (提交, 发布, 退回, 撤回, 归档) of one kind of entry, made once
 * here for all four kinds so the rules cannot drift apart between them.
 */
export function workflowController(path: string, kindName: CatalogKindName, tag: string): Type<unknown> {
  const subject = CATALOG_KINDS[kindName].subject;

  @ApiTags(tag)
  @ApiBearerAuth()
  @Controller(path)
  class WorkflowController {
    constructor(@Inject(CatalogService) readonly catalog: CatalogService) {}

    @Post(':id/submit')
    @HttpCode(200)
    @Authorize('submit', subject)
    @ApiOperation({ summary: '提交审核（草稿、已退回或已撤回 → 待审核）' })
    submit(@Param() p: IdParam) {
      return this.catalog.transition(kindName, p.id, 'submit');
    }

    @Post(':id/publish')
    @HttpCode(200)
    @Authorize('review', subject)
    @ApiOperation({ summary: '审核通过并发布到全省共享目录' })
    publish(@Param() p: IdParam) {
      return this.catalog.transition(kindName, p.id, 'publish');
    }

    @Post(':id/return')
    @HttpCode(200)
    @Authorize('review', subject)
    @ApiOperation({ summary: '退回（须填写原因）' })
    return(@Param() p: IdParam, @Body() body: ReturnEntry) {
      return this.catalog.transition(kindName, p.id, 'return', body.reason);
    }

    @Post(':id/withdraw')
    @HttpCode(200)
    @Authorize('withdraw', subject)
    @ApiOperation({ summary: '撤回（退出共享目录）' })
    withdraw(@Param() p: IdParam) {
      return this.catalog.transition(kindName, p.id, 'withdraw');
    }

    @Post(':id/archive')
    @HttpCode(200)
    @Authorize('review', subject)
    @ApiOperation({ summary: '归档' })
    archive(@Param() p: IdParam) {
      return this.catalog.transition(kindName, p.id, 'archive');
    }
  }
  Object.defineProperty(WorkflowController, 'name', { value: `${subject}WorkflowController` });
  return WorkflowController;
}
