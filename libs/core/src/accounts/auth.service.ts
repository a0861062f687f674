import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { packRules } from '@casl/ability/extra';
import argon2 from 'argon2';
import type { Repository } from 'typeorm';
import { ProblemException } from '../http/problem.exception.js';
import { AccessService } from '../iam/access.service.js';
import { LoginThrottle } from '../iam/login-throttle.js';
import { type AccessClaims, type TokenPair, TokenService } from '../iam/token.service.js';
import { UserAccount } from '../iam/user-account.entity.js';
import type { LoginRequest, MeResponse } from './dto/account.dto.js';
import { hashPassword, toUserView } from './users.service.js';

/** Verified against when the username does not exist, so response time does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserAccount) private readonly users: Repository<UserAccount>,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  async login(dto: LoginRequest): Promise<TokenPair> {
    const username = dto.username.toLowerCase();
    await this.throttle.assertAllowed(username);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    dummyHash ??= hashPassword('no-such-user-0');
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), dto.password).catch(() => false);
    if (!user || !ok || !user.isActive) {
      await this.throttle.recordFailure(username);
      throw new ProblemException('INVALID_CREDENTIALS');
    }
    await this.throttle.reset(username);
    return this.tokens.issue(user.id);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.tokens.rotate(refreshToken);
  }

  logout(refreshToken: string | undefined, claims: AccessClaims): Promise<void> {
    return this.tokens.revoke(refreshToken, claims);
  }

  async me(): Promise<MeResponse> {
    const p = this.access.principal();
    const user = await this.users.findOneOrFail({ where: { id: p.userId }, relations: { tenant: true } });
    return {
      user: toUserView(user),
      tenant: { code: user.tenant!.code, name: user.tenant!.name, tier: user.tenant!.tier },
      rules: packRules(this.access.ability().rules),
    };
  }
}
