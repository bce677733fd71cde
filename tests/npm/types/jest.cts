// `evpat/jest` adds `toMatchPattern` to `@types/jest`'s global `expect`.
import 'evpat/jest';
import { toMatchPattern } from 'evpat/jest';
import { expectTypeOf } from 'expect-type';

const event = { source: 'aws.ec2' };
expect(event).toMatchPattern({ source: ['aws.ec2'] });
expect(event).not.toMatchPattern('{"source": ["aws.s3"]}');
// @ts-expect-error a bare value
expect(event).toMatchPattern({ source: 'aws.ec2' });
expectTypeOf(toMatchPattern).parameters.toEqualTypeOf<[unknown, import('evpat').PatternInput]>();
