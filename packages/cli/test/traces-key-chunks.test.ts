import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyPress } from '../src/traces/view-models/dashboard-state.js';
import { splitKeyChunk } from '../src/traces/view-models/key-chunks.js';

describe('splitKeyChunk', () => {
  const cases: [string, KeyPress[]][] = [
    ['j', [{ input: 'j' }]],
    ['jjj\r', [{ input: 'j' }, { input: 'j' }, { input: 'j' }, { input: '', enter: true }]],
    [
      '\u001B[B\u001B[A',
      [
        { input: '', down: true },
        { input: '', up: true },
      ],
    ],
    [
      '\u001B[6~\u001B[5~',
      [
        { input: '', pageDown: true },
        { input: '', pageUp: true },
      ],
    ],
    [
      '/err\u007F',
      [{ input: '/' }, { input: 'e' }, { input: 'r' }, { input: 'r' }, { input: '', backspace: true }],
    ],
    ['\u001B', [{ input: '', escape: true }]],
    ['\u001B[15~q', [{ input: '' }, { input: 'q' }]],
    ['\u0003', [{ input: 'c', ctrl: true }]],
  ];
  for (const [chunk, presses] of cases) {
    it(JSON.stringify(chunk), () => assert.deepEqual(splitKeyChunk(chunk), presses));
  }
});
