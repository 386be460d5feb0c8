import { ResourceMethods } from './resourceMethods';

describe('the methods a path allows', () => {
  const resources = new ResourceMethods({
    '/hires': ['get', 'post'],
    '/hires/{hireId}': ['get'],
    '/hires/mine': ['get', 'delete'],
    '/hires/{hireId}/start-date': ['put'],
    '/Docs/API': ['get'],
  });

  it.each([
    ['/hires', 'GET, HEAD, POST, OPTIONS'],
    ['/hires/h-1', 'GET, HEAD, OPTIONS'],
    ['/hires/h-1/start-date', 'PUT, OPTIONS'],
    // A literal segment wins over a parameter, whatever order the templates came in.
    ['/hires/mine', 'GET, HEAD, DELETE, OPTIONS'],
    // Express matches case-insensitively and ignores one trailing slash; so does Allow.
    ['/HIRES/h-1/Start-Date', 'PUT, OPTIONS'],
    ['/hires/', 'GET, HEAD, POST, OPTIONS'],
    ['/docs/api', 'GET, HEAD, OPTIONS'],
  ])('%s allows %s', (path, allow) => {
    expect(resources.allowFor(path)).toBe(allow);
  });

  it.each([['/'], ['/hires/h-1/start-date/more'], ['/hires//start-date'], ['/mentors'], ['/docs']])(
    '%s is no resource',
    (path) => {
      expect(resources.allowFor(path)).toBeUndefined();
    },
  );
});
