import { Module } from '@nestjs/common';
import { IamModule } from '../iam/iam.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Accounts (账号): login, tokens, the caller's profile, and user management. */
@Module({
  imports: [IamModule, TenancyModule],
  controllers: [AuthController, UsersController],
  providers: [AuthService, UsersService],
  exports: [UsersService],
})
export class AccountsModule {}
