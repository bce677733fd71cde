// The declarations of `import … from 'evpat'` are precise: every function's
// parameters and result are the types the package documents, none is
// `any`, and the common mistakes do not compile (each `@ts-expect-error`
// must meet an error, or tsc fails).
import { expectTypeOf } from 'expect-type';
import {
  check,
  envelope,
  EventPatternError,
  explain,
  exportRule,
  matches,
  nextRuns,
  RuleSet,
  testEventPattern,
  transform,
  type Check,
  type CheckResult,
  type ErrorInfo,
  type ErrorSubject,
  type EventBridgeEvent,
  type EventInput,
  type EventPattern,
  type Explanation,
  type Exported,
  type ExportFormat,
  type Lint,
  type PatternErrorInfo,
  type PatternErrorKind,
  type PatternInput,
  type Transformed,
} from 'evpat';

const pattern = { source: ['aws.ec2'], detail: { state: [{ 'anything-but': 'running' }] } };
const event = { source: 'aws.ec2', detail: { state: 'stopped' } };

// Not `any`, anywhere in the API.
for (const f of [matches, testEventPattern, check, explain, exportRule, nextRuns, envelope, transform]) {
  expectTypeOf(f).not.toBeAny();
}
expectTypeOf(matches).parameters.toEqualTypeOf<[PatternInput, EventInput]>();
expectTypeOf(matches).returns.toEqualTypeOf<boolean>();
expectTypeOf(testEventPattern).parameters.toEqualTypeOf<[PatternInput, EventInput]>();
expectTypeOf(testEventPattern).returns.toEqualTypeOf<boolean>();
expectTypeOf(explain).returns.toEqualTypeOf<Explanation>();
expectTypeOf(exportRule).returns.toEqualTypeOf<Exported>();
expectTypeOf(nextRuns).returns.toEqualTypeOf<Date[]>();
expectTypeOf(envelope).returns.toEqualTypeOf<EventBridgeEvent>();
expectTypeOf(transform).returns.toEqualTypeOf<Transformed>();
expectTypeOf<PatternInput>().toEqualTypeOf<EventPattern | string>();
expectTypeOf<EventInput>().toEqualTypeOf<object | string>();

// Patterns as objects and as text; events of any object type.
matches(pattern, event);
matches('{"source": ["aws.ec2"]}', '{"source": "aws.ec2"}');
interface OrderEvent {
  source: string;
  detail: { total: number };
}
const order: OrderEvent = { source: 'orders', detail: { total: 12 } };
matches({ detail: { total: [{ numeric: ['>', 10, '<=', 100] }] } }, order);
matches({ $or: [{ source: ['a'] }, { detail: { n: [{ exists: false }] } }] }, order);
const kept = { n: [{ numeric: ['>=', 5] }] };
matches(kept, order); // an array in a variable widens to (string | number)[]

// A field's value must be an array, a nested pattern, or `$or`'s patterns.
// @ts-expect-error a bare string is the most common mistake
matches({ source: 'aws.ec2' }, event);
// @ts-expect-error a bare number
matches({ detail: { total: 5 } }, event);
// @ts-expect-error an unknown operator
matches({ source: [{ prefixx: 'aws.' }] }, event);
// @ts-expect-error prefix takes a string
matches({ source: [{ prefix: 5 }] }, event);
// @ts-expect-error exists takes a boolean
matches({ source: [{ exists: 'yes' }] }, event);
// @ts-expect-error an event is an object or text
matches(pattern, 5);
// @ts-expect-error a pattern is an object or text
matches(undefined, event);

// check: a result TypeScript narrows on `valid`.
const result = check(pattern);
expectTypeOf(result).toEqualTypeOf<CheckResult>();
if (result.valid) {
  expectTypeOf(result.error).toEqualTypeOf<null>();
  expectTypeOf(result.lints).toEqualTypeOf<Lint[]>();
} else {
  expectTypeOf(result.error).toEqualTypeOf<PatternErrorInfo>();
  expectTypeOf(result.error.kind).toEqualTypeOf<PatternErrorKind>();
  expectTypeOf(result.error.line).toEqualTypeOf<number>();
  expectTypeOf(result.error.hint).toEqualTypeOf<string | null>();
}
check({ source: 'aws.ec2' }); // check takes any JSON: finding the mistake is its job

// explain: the tree narrows on each check's subject.
const explanation = explain(pattern, event);
expectTypeOf(explanation.root).toEqualTypeOf<Check>();
expectTypeOf(explanation.root.outcome).toEqualTypeOf<
  'matched' | 'failed' | 'missing' | 'type-mismatch' | 'not-evaluated' | 'undecided'
>();
const subject = explanation.root.children[0]!.subject;
if (subject.type === 'field') {
  expectTypeOf(subject.key).toEqualTypeOf<string>();
} else if (subject.type === 'branch') {
  expectTypeOf(subject.index).toEqualTypeOf<number>();
}

// RuleSet: string ids, chainable.
const rules = new RuleSet().add('stopped', pattern).add('orders', '{"source": ["orders"]}');
expectTypeOf(rules).toEqualTypeOf<RuleSet>();
expectTypeOf(rules.matches(event)).toEqualTypeOf<string[]>();
expectTypeOf(rules.size).toEqualTypeOf<number>();
expectTypeOf(rules.remove('orders')).toEqualTypeOf<boolean>();
// @ts-expect-error ids are strings
rules.add(1, pattern);
// @ts-expect-error size is read-only
rules.size = 3;

// EventPatternError: an Error with typed fields.
try {
  matches(pattern, event);
} catch (error) {
  if (error instanceof EventPatternError) {
    expectTypeOf(error).toExtend<Error>();
    expectTypeOf(error).toExtend<ErrorInfo>();
    expectTypeOf(error.subject).toEqualTypeOf<ErrorSubject>();
    expectTypeOf(error.kind).toEqualTypeOf<PatternErrorKind | null>();
    expectTypeOf(error.line).toEqualTypeOf<number | null>();
    expectTypeOf(error.name).toEqualTypeOf<'EventPatternError'>();
  }
}
expectTypeOf<ErrorSubject>().toEqualTypeOf<
  'pattern' | 'event' | 'rule' | 'schedule' | 'entry' | 'transformer' | 'argument' | 'internal'
>();

// exportRule: the formats by name, the rule in PutRule's shape.
exportRule({ Name: 'r', EventPattern: pattern, State: 'DISABLED' }, 'cloudformation-yaml');
exportRule('{"Name": "r", "ScheduleExpression": "rate(5 minutes)"}', 'terraform');
expectTypeOf<'cdk-ts'>().toExtend<ExportFormat>();
// @ts-expect-error an unknown format
exportRule({ Name: 'r', EventPattern: pattern }, 'yaml');
// @ts-expect-error PutRule's fields are PascalCase
exportRule({ name: 'r', eventPattern: pattern }, 'cli');
// @ts-expect-error an unknown state
exportRule({ Name: 'r', State: 'ON' }, 'cli');

// nextRuns, envelope, transform: options typed.
nextRuns('rate(5 minutes)');
nextRuns('cron(0 9 ? * MON-FRI *)', { from: new Date(), count: 5, tz: 'Europe/Paris' });
nextRuns('at(2030-01-01T10:00:00)', { from: '2029-01-01T00:00:00Z', service: 'scheduler' });
// @ts-expect-error count is a number
nextRuns('rate(5 minutes)', { count: '5' });
// @ts-expect-error the service is a rule or EventBridge Scheduler
nextRuns('rate(5 minutes)', { service: 'lambda' });
const delivered = envelope({ Source: 'orders', DetailType: 'Order Placed', Detail: '{}' }, { id: 'e1' });
expectTypeOf(delivered['detail-type']).toEqualTypeOf<string>();
expectTypeOf(delivered.version).toEqualTypeOf<'0'>();
// @ts-expect-error Detail is JSON text, as PutEvents takes it
envelope({ Source: 'orders', DetailType: 'Order Placed', Detail: { total: 1 } });
const transformed = transform({ InputPathsMap: { s: '$.detail.state' }, InputTemplate: '"<s>"' }, event);
expectTypeOf(transformed.reason).toEqualTypeOf<string | null>();
transform({ InputTransformer: { InputTemplate: '"x"' } }, event, { ruleName: 'r', ingestionTime: new Date() });
// @ts-expect-error the template is required
transform({ InputPathsMap: {} }, event);
