import { describe, expect, it } from '@jest/globals';
import { DEV_JWT_SECRET, validateAppConfig } from './app-config.js';

describe('validateAppConfig', () => {
  it('gives safe development defaults', () => {
    const c = validateAppConfig({});
    expect(c.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(c.JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(c.PORT).toBe(3000);
  });

  it('names every malformed variable in one message', () => {
    expect(() => validateAppConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(
      /DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/,
    );
  });

  it('refuses the development secret in production', () => {
    expect(() => validateAppConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(validateAppConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).NODE_ENV).toBe('production');
  });
});
