/**
 * The root Tiltfile as the real Tilt (built from its Go module by scripts/ci/real-stack-tools.sh) reads it:
 * `tilt alpha tiltfile-result` evaluates it without a cluster and prints the resources it would run. This
 * replaces reading the Tiltfile with stand-ins where Tilt is there (scripts/tiltfile-check.py still runs where
 * it is not: stack-tiltfile.test.ts).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { realStackSkip, requireTool } from '@zips/test-support/real-stack';
import {
  APP_DIR_IN_IMAGE,
  LIVE_UPDATE_SYNC_PATHS,
  TILT_BUILD_CONTEXT,
  TILT_BUILD_TARGET,
} from '../src/stack/index.js';
import { repoRoot } from './support/paths.js';

interface Manifest {
  Name: string;
  ResourceDependencies?: string[] | null;
  ImageTargets?:
    | {
        LiveUpdateSpec?: {
          stopPaths?: string[];
          syncs?: { localPath: string; containerPath: string }[];
          restart?: string;
        };
        BuildDetails?: { target?: string; context?: string; contextIgnores?: { patterns?: string[] }[] };
      }[]
    | null;
}

describe('the real Tilt evaluates the root Tiltfile', { skip: realStackSkip('tilt') }, () => {
  const result = () => {
    const out = execFileSync(
      requireTool('tilt'),
      ['alpha', 'tiltfile-result', '-f', join(repoRoot, 'Tiltfile')],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 120_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return JSON.parse(out) as { Manifests: Manifest[] };
  };

  test('every compose service, the host build steps and the readiness wait are resources', () => {
    const manifests = result().Manifests;
    assert.deepEqual(manifests.map((m) => m.Name).sort(), [
      'jaeger',
      'npm-install',
      'otel-collector',
      'otel-collector-queue-owner',
      'tsc',
      'zips',
      'zips-ready',
    ]);
    assert.deepEqual(manifests.find((m) => m.Name === 'zips-ready')?.ResourceDependencies, ['zips']);
  });

  test('the zips image: the live-update stage, only what the Dockerfile copies, syncs to /app, restart', () => {
    const zips = result().Manifests.find((m) => m.Name === 'zips');
    const image = zips?.ImageTargets?.[0];
    assert.equal(image?.BuildDetails?.target, TILT_BUILD_TARGET);
    assert.equal(image?.BuildDetails?.context, repoRoot);
    const only = image?.BuildDetails?.contextIgnores?.find((ignore) => ignore.patterns?.[0] === '**');
    assert.deepEqual(
      only?.patterns?.slice(1),
      TILT_BUILD_CONTEXT.map((path) => `!./${path}`),
    );
    assert.deepEqual(
      image?.LiveUpdateSpec?.syncs,
      LIVE_UPDATE_SYNC_PATHS.map((path) => ({
        localPath: path,
        containerPath: `${APP_DIR_IN_IMAGE}/${path}`,
      })),
    );
    assert.deepEqual(image?.LiveUpdateSpec?.stopPaths, [
      'package.json',
      'package-lock.json',
      'packages/server/package.json',
    ]);
    assert.equal(image?.LiveUpdateSpec?.restart, 'always');
  });
});
