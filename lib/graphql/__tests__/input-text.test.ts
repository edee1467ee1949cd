import { textProblem } from '../input-text';

describe('textProblem', () => {
  it.each(['identifier', 'text', 'secret'] as const)('refuses an unpaired surrogate in %s text', (kind) => {
    expect(textProblem('model \ud800', kind)).toBe('must not contain the unpaired surrogate U+D800');
    expect(textProblem('\udc00 first', kind)).toBe('must not contain the unpaired surrogate U+DC00');
    expect(textProblem('ab\udbff', kind)).toBe('must not contain the unpaired surrogate U+DBFF');
  });

  it('keeps characters outside the basic plane, whose surrogates come in pairs', () => {
    expect(textProblem('rocket 🚀 model', 'identifier')).toBeUndefined();
    expect(textProblem('𝔐𝔬𝔡𝔢𝔩', 'text')).toBeUndefined();
  });

  it('names NUL before anything else it finds', () => {
    expect(textProblem('a\u0000\ud800', 'text')).toBe('must not contain NUL (U+0000)');
  });
});
