import { describe, expect, it } from '@jest/globals';
import { IsString, Length, validate } from 'class-validator';
import { fieldErrorMessage } from './messages.js';
import { flattenValidationErrors } from './validation.js';

class Keywords {
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  keywords: string[];
}

describe('field messages', () => {
  it('says what a Length rule wants, with both bounds, on each item of a list too', async () => {
    const dto = Object.assign(new Keywords(), { keywords: ['秸秆', '一二三四五六七八九十一二三四五六七八九十一'] });
    const [error] = flattenValidationErrors(await validate(dto));
    expect([error.field, error.code, error.args]).toEqual(['keywords', 'isLength', [1, 20]]);
    expect(fieldErrorMessage(error.code, error.args)).toBe('长度须在 1 到 20 个字符之间');
    expect(fieldErrorMessage(error.code, error.args, 'en')).toBe('must be 1 to 20 characters long');
  });
});
