// `evpat/jest` adds `toMatchPattern` to the `expect` package's matchers,
// which `@jest/globals` exports.
import 'evpat/jest';
import type { Matchers } from 'expect';

declare const matchers: Matchers<void, { source: string }>;
matchers.toMatchPattern({ source: ['aws.ec2'] });
// @ts-expect-error a bare value
matchers.toMatchPattern({ source: 'aws.ec2' });
