// No plugins: Vitest loads evpat's Node build as Node does.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['evpat/vitest'],
    // Loading aws-cdk-lib and synthesizing a stack takes seconds.
    testTimeout: 60_000,
  },
});
