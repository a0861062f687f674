import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../http/params.js';
import { Authorize } from '../iam/authorize.decorator.js';
import { CreateUser, ListUsersQuery, UpdateUser, UserPage, UserView } from './dto/account.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @Authorize('read', 'UserAccount')
  @ApiOkResponse({ type: UserPage })
  list(@Query() q: ListUsersQuery) {
    return this.users.list(q);
  }

  @Get(':id')
  @Authorize('read', 'UserAccount')
  @ApiOkResponse({ type: UserView })
  get(@Param() p: IdParam) {
    return this.users.get(p.id);
  }

  @Post()
  @Authorize('create', 'UserAccount')
  @ApiOperation({ summary: '开通账号（有邮箱时发送开通通知邮件）' })
  @ApiOkResponse({ type: UserView })
  create(@Body() body: CreateUser) {
    return this.users.create(body);
  }

  @Patch(':id')
  @Authorize('update', 'UserAccount')
  @ApiOkResponse({ type: UserView })
  update(@Param() p: IdParam, @Body() body: UpdateUser) {
    return this.users.update(p.id, body);
  }
}
