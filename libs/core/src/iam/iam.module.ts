import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '../config/config.module.js';
import { AccessService } from './access.service.js';
import { AuthGuard } from './auth.guard.js';
import { LoginThrottle } from './login-throttle.js';
import { PrincipalLoader } from './principal.loader.js';
import { RefreshToken } from './refresh-token.entity.js';
import { TokenService } from './token.service.js';
import { UserAccount } from './user-account.entity.js';

/** Identity and access: tokens, the principal, CASL abilities and the guard. No routes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshToken, UserAccount]),
    JwtModule.registerAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        // A key object, made once: given a string, jsonwebtoken tries it as a PEM public key (and throws) on every verify.
        secret: createSecretKey(Buffer.from(config.get('JWT_SECRET'))),
        signOptions: { algorithm: 'HS256', issuer: 'techmarket' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'techmarket' },
      }),
    }),
  ],
  providers: [TokenService, LoginThrottle, PrincipalLoader, AccessService, AuthGuard],
  exports: [TokenService, LoginThrottle, PrincipalLoader, AccessService, AuthGuard, TypeOrmModule],
})
export class IamModule {}
