// `evpat/vitest` adds `toMatchPattern` to Vitest's `expect`, as an
// assertion and as an asymmetric matcher, with the pattern's type.
import { expect } from 'vitest';
import { expectTypeOf } from 'expect-type';
import { toMatchPattern } from 'evpat/vitest';

const event = { source: 'aws.ec2' };
expect(event).toMatchPattern({ source: ['aws.ec2'] });
expect(event).not.toMatchPattern('{"source": ["aws.s3"]}');
expect({ delivered: event }).toEqual({ delivered: expect.toMatchPattern({ source: ['aws.ec2'] }) });
// @ts-expect-error a bare value
expect(event).toMatchPattern({ source: 'aws.ec2' });
// @ts-expect-error the pattern is required
expect(event).toMatchPattern();
expectTypeOf(toMatchPattern).returns.toEqualTypeOf<{ pass: boolean; message: () => string }>();
