import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { AppConfigService } from '../config/config.module.js';
import { ProblemException } from '../http/problem.exception.js';
import { RedisStore } from '../redis/redis.module.js';
import { RefreshToken } from './refresh-token.entity.js';

export interface AccessClaims {
  sub: string;
  jti: string;
  typ: 'access';
  exp: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Access tokens are short-lived JWTs; refresh tokens are opaque `id.secret` strings kept
 * (hashed) in PostgreSQL and rotated on use. A logged-out access token is put on a Redis
 * deny list until it expires, so every API process refuses it at once.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(AppConfigService) private readonly config: AppConfigService,
    @Inject(RedisStore) private readonly redis: RedisStore,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  async issue(userId: string, familyId: string = randomUUID()): Promise<TokenPair> {
    const ttl = this.config.get('JWT_ACCESS_TTL_SECONDS');
    const accessToken = await this.jwt.signAsync({ sub: userId, typ: 'access' }, { jwtid: randomUUID(), expiresIn: ttl });
    const secret = randomBytes(32).toString('base64url');
    const row = await this.refreshTokens.save(
      this.refreshTokens.create({
        userId,
        familyId,
        tokenHash: sha256(secret),
        expiresAt: new Date(Date.now() + this.config.get('JWT_REFRESH_TTL_SECONDS') * 1000),
        revokedAt: null,
      }),
    );
    return { accessToken, refreshToken: `${row.id}.${secret}`, tokenType: 'Bearer', expiresIn: ttl };
  }

  /**
   * The claims of a well-signed, unexpired access token, without the deny-list check: the guard
   * asks `assertNotRevoked` in the same Redis round trip as the principal.
   */
  async verifySignature(token: string): Promise<AccessClaims> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new ProblemException('TOKEN_INVALID');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') {
      throw new ProblemException('TOKEN_INVALID');
    }
    return claims;
  }

  /** 401 if the token was logged out (on the Redis deny list). */
  async assertNotRevoked(claims: AccessClaims): Promise<void> {
    if (await this.redis.client.exists(`revoked-jti:${claims.jti}`)) throw new ProblemException('TOKEN_INVALID');
  }

  /** Rotates a refresh token. Presenting an already-rotated token revokes its whole family. */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const row = await this.find(refreshToken);
    if (row.revokedAt) {
      await this.revokeFamily(row.familyId);
      throw new ProblemException('TOKEN_INVALID');
    }
    // Conditional update: of two concurrent refreshes with the same token only one wins.
    const result = await this.refreshTokens.update({ id: row.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw new ProblemException('TOKEN_INVALID');
    return this.issue(row.userId, row.familyId);
  }

  async revoke(refreshToken: string | undefined, access: AccessClaims): Promise<void> {
    if (refreshToken) {
      const row = await this.find(refreshToken).catch(() => null);
      if (row && row.userId === access.sub) await this.revokeFamily(row.familyId);
    }
    const ttl = access.exp - Math.floor(Date.now() / 1000);
    if (ttl > 0) await this.redis.client.set(`revoked-jti:${access.jti}`, '1', 'EX', ttl);
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.refreshTokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async find(refreshToken: string): Promise<RefreshToken> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw new ProblemException('TOKEN_INVALID');
    const row = await this.refreshTokens.findOneBy({ id });
    if (!row || row.tokenHash !== sha256(secret) || row.expiresAt.getTime() < Date.now()) throw new ProblemException('TOKEN_INVALID');
    return row;
  }
}
