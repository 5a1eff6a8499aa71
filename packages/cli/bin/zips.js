#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/. Kept in plain JS so `npx zips` works without a build step of its own.
await import('../dist/src/main.js');
