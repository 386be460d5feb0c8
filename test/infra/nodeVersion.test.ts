import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from './repositoryFacts';

/**
 * One supported Node.js everywhere: .node-version names it (infra/node/use-supported.sh brings it to `npm start`,
 * `npm test` and CI), the image is built on its major version, and package.json admits it but no line past its end
 * of life. Node 20 ended on 2026-04-30; 22 and 24 are the LTS lines still served.
 */
const OLDEST_SUPPORTED_MAJOR = 22;

const major = (version: string): number => Number(version.replace(/^v/, '').split('.')[0]);
const pinned = readFileSync(join(repo, '.node-version'), 'utf8').trim();

describe('the Node.js version', () => {
  it('.node-version names one exact version of a supported line', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(major(pinned)).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR);
  });

  it("is the Dockerfile's base image", () => {
    const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
    const image = /^ARG NODE_IMAGE=node:(\d+)-bookworm-slim$/m.exec(dockerfile);
    expect(image?.[1]).toBe(String(major(pinned)));
  });

  it("is what package.json's engines ask for at least, and no end-of-life line is admitted", () => {
    const { engines } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { engines: { node: string } };
    const floor = /^>=(\d+)$/.exec(engines.node);
    expect(floor).not.toBeNull();
    expect(Number(floor![1])).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR);
    expect(Number(floor![1])).toBeLessThanOrEqual(major(pinned));
  });

  it('or a newer one runs this suite: `npm test` put it first on PATH', () => {
    // Run through `npm test` (or .ci/run). Under a bare `npx jest` on an older machine node this fails on purpose:
    // the suite's figures and native modules are those of the supported version.
    expect(major(process.versions.node)).toBeGreaterThanOrEqual(major(pinned));
  });
});
