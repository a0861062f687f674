import { describe, expect, it } from '@jest/globals';
import { highlight } from './highlight.js';

describe('highlight', () => {
  it('marks every searched word, longest first', () => {
    expect(highlight('新材料与材料科学', ['材料', '新材料'])).toBe('<em>新材料</em>与<em>材料</em>科学');
  });

  it('escapes HTML in the text so a title cannot inject markup', () => {
    expect(highlight('<b>碳纤维</b>', ['碳纤维'])).toBe('&lt;b&gt;<em>碳纤维</em>&lt;/b&gt;');
  });

  it('cuts a snippet around the first match', () => {
    const text = `${'甲'.repeat(100)}开放许可${'乙'.repeat(100)}`;
    const snippet = highlight(text, ['开放许可'], 40);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<em>开放许可</em>');
    expect(snippet.replace(/<\/?em>|…/g, '')).toHaveLength(40);
  });
});
