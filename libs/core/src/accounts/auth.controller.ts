import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, Public } from '../iam/authorize.decorator.js';
import type { AccessClaims } from '../iam/token.service.js';
import { AuthService } from './auth.service.js';
import { ChangePassword, LoginRequest, LogoutRequest, MeResponse, RefreshRequest, TokenResponse } from './dto/account.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('auth 登录')
@Controller()
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: '登录，返回访问令牌和刷新令牌' })
  @ApiOkResponse({ type: TokenResponse })
  login(@Body() body: LoginRequest) {
    return this.auth.login(body);
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: '用刷新令牌换取新令牌（旧刷新令牌作废）' })
  @ApiOkResponse({ type: TokenResponse })
  refresh(@Body() body: RefreshRequest) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录：作废当前访问令牌与刷新令牌' })
  async logout(@Body() body: LogoutRequest, @Req() req: FastifyRequest & { accessClaims: AccessClaims }) {
    await this.auth.logout(body?.refreshToken, req.accessClaims);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户、所属租户与 CASL 权限规则' })
  @ApiOkResponse({ type: MeResponse })
  me() {
    return this.auth.me();
  }

  @Post('me/password')
  @HttpCode(204)
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: '修改本人密码（所有会话失效）' })
  async changePassword(@Body() body: ChangePassword) {
    await this.users.changeOwnPassword(body);
  }
}
