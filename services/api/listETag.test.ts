import { matchesIfNoneMatch } from './listETag';

describe('If-None-Match against a list page’s ETag', () => {
  const etag = 'W/"abc"';
  it.each([
    ['W/"abc"', true],
    ['"abc"', true],
    ['W/"x", W/"abc"', true],
    ['*', true],
    ['W/"abd"', false],
    ['"ab"', false],
    ['', false],
  ])('%p matches: %p', (header, expected) => {
    expect(matchesIfNoneMatch(header, etag)).toBe(expected);
  });
  it('an absent header never matches', () => {
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
  });
});
