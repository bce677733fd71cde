/**
 * evpat: Amazon EventBridge event patterns, matched exactly as AWS matches
 * them, in Node and in bundlers, without AWS credentials.
 *
 * Patterns, events, rules, entries and transformers are taken as objects
 * or as JSON text. Objects go through `JSON.stringify`; give JSON text when
 * a number's exact digits matter (`1.50`, `9007199254740993`).
 *
 * Every failure is thrown as an {@link EventPatternError}.
 *
 * @packageDocumentation
 */

/** A JSON value, as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object, as `JSON.parse` returns it. */
export type JsonObject = { [key: string]: JsonValue };

/** An exact value in a pattern's array. */
export type PatternValue = string | number | boolean | null;

/** Strings that `anything-but`'s `prefix`, `suffix`, `equals-ignore-case` and `wildcard` take: one, or a list. */
export type PatternStrings = string | readonly string[];

/** What `anything-but` takes. */
export type AnythingBut =
  | string
  | number
  | readonly (string | number)[]
  | { readonly prefix: PatternStrings }
  | { readonly suffix: PatternStrings }
  | { readonly 'equals-ignore-case': PatternStrings }
  | { readonly wildcard: PatternStrings };

/** The comparison operators of `numeric`. */
export type NumericOperator = '<' | '<=' | '=' | '>=' | '>';

/** One element of a field's array: an exact value, or a filter. */
export type PatternCondition =
  | PatternValue
  | { readonly prefix: string | { readonly 'equals-ignore-case': string } }
  | { readonly suffix: string | { readonly 'equals-ignore-case': string } }
  | { readonly 'equals-ignore-case': string }
  | { readonly 'anything-but': AnythingBut }
  /**
   * `[">", 0, "<=", 5]`. Operators are typed as strings so that an array
   * kept in a variable, which TypeScript widens to `(string | number)[]`,
   * is accepted; evpat checks the operators.
   */
  | { readonly numeric: readonly (NumericOperator | (string & {}) | number)[] }
  | { readonly exists: boolean }
  | { readonly cidr: string }
  | { readonly wildcard: string };

/**
 * An event pattern: each field holds an array of conditions, a nested
 * pattern, or (for `$or`) an array of patterns. A field given a bare value
 * (`{ source: "aws.ec2" }`), the most common mistake, does not type-check.
 */
export type EventPattern = {
  readonly [field: string]:
    | EventPattern
    | readonly PatternCondition[]
    | readonly EventPattern[]
    | undefined;
};

/** A pattern: an object, or JSON text (which keeps numbers' exact digits). */
export type PatternInput = EventPattern | string;

/** An event: any object, or JSON text (which keeps numbers' exact digits). */
export type EventInput = object | string;

/** What an error is about. */
export type ErrorSubject =
  | 'pattern'
  | 'event'
  | 'rule'
  | 'schedule'
  | 'entry'
  | 'transformer'
  | 'argument'
  | 'internal';

/** The kinds of pattern and event errors (`evpat::ErrorKind`). */
export type PatternErrorKind =
  | 'Syntax'
  | 'TooDeep'
  | 'TooLong'
  | 'FilterNotObject'
  | 'LeafNotArray'
  | 'EmptyArray'
  | 'EmptyObject'
  | 'OnlyOneKey'
  | 'InvalidMatchValue'
  | 'UnknownOperator'
  | 'OperandNotString'
  | 'AnythingButShape'
  | 'AnythingButListType'
  | 'AnythingButIgnoreCaseListType'
  | 'EmptyPrefixSuffix'
  | 'NumericNotArray'
  | 'NumericOperator'
  | 'NumericValue'
  | 'NumericTooLong'
  | 'NumberNotComparable'
  | 'ExistsNotBoolean'
  | 'CidrMalformed'
  | 'CidrAddress'
  | 'CidrMask'
  | 'WildcardConsecutive'
  | 'WildcardEscape'
  | 'WildcardTooComplex'
  | 'OrNotArray'
  | 'OrTooFewBranches'
  | 'OrReservedField'
  | 'TooManyCombinations'
  | 'EventNotObject'
  | 'EventEnvelope'
  | 'EventTooLarge'
  | 'TooManyArrayChoices';

/** What every error carries. */
export interface ErrorInfo {
  /** Which input is at fault. */
  readonly subject: ErrorSubject;
  /** The kind of a pattern or event error; `null` for the others. */
  readonly kind: PatternErrorKind | null;
  /**
   * AWS's message: `Event pattern is not valid. Reason: …`,
   * `Parameter Event is not valid.`, `Parameter ScheduleExpression is not valid.`, …
   */
  readonly message: string;
  /** What exactly is wrong. */
  readonly reason: string;
  /** The JSON path of the offending value, such as `$.detail.state[0]`. */
  readonly path: string | null;
  /** The 1-based line of the offending text (in the JSON text evpat read). */
  readonly line: number | null;
  /** The 1-based column of the offending text, in characters. */
  readonly column: number | null;
  /** How to fix it, in one line. */
  readonly hint: string | null;
}

/** A pattern or event error: always placed. */
export interface PatternErrorInfo extends ErrorInfo {
  readonly subject: 'pattern' | 'event';
  readonly kind: PatternErrorKind;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/** Everything evpat throws. */
export declare class EventPatternError extends Error implements ErrorInfo {
  constructor(info: ErrorInfo);
  readonly name: 'EventPatternError';
  readonly subject: ErrorSubject;
  readonly kind: PatternErrorKind | null;
  readonly reason: string;
  readonly path: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly hint: string | null;
}

/**
 * Whether `event` matches `pattern`. Any JSON object is an event, as in
 * the Rust `Pattern::matches`; see {@link testEventPattern} for AWS's API.
 *
 * @throws {EventPatternError} when the pattern or the event is invalid.
 */
export declare function matches(pattern: PatternInput, event: EventInput): boolean;

/**
 * What AWS's TestEventPattern answers, within AWS's limits: the event must
 * also have `id`, `account`, `source`, `time`, `region` and `detail-type`.
 *
 * @throws {EventPatternError} `Parameter Event is not valid.` for an event
 * without them, or the pattern's error.
 */
export declare function testEventPattern(pattern: PatternInput, event: EventInput): boolean;

/** A lint on a valid pattern. */
export interface Lint {
  /** A stable identifier, such as `duplicate-key`. */
  code: string;
  severity: 'info' | 'warning';
  message: string;
  /** The JSON path of the place, such as `$.detail.state`. */
  path: string;
  line: number;
  column: number;
  /** How to fix it. */
  fix: string;
}

/** What {@link check} returns. */
export type CheckResult =
  | { valid: true; error: null; lints: Lint[] }
  | { valid: false; error: PatternErrorInfo; lints: [] };

/**
 * Whether AWS would accept `pattern` (within AWS's limits), with AWS's
 * reason when it would not, and lints when it would. Never throws for an
 * invalid pattern.
 *
 * @throws {EventPatternError} only for an argument that is not JSON.
 */
export declare function check(pattern: JsonValue | EventPattern | string): CheckResult;

/** What part of the pattern a check is. */
export type CheckSubject =
  | { type: 'pattern' }
  | { type: 'field'; key: string }
  | { type: 'or' }
  | { type: 'branch'; index: number }
  | { type: 'condition'; condition: string };

/** A verdict in an explanation. */
export type Outcome =
  | 'matched'
  | 'failed'
  | 'missing'
  | 'type-mismatch'
  | 'not-evaluated'
  | 'undecided';

/** An event value a check compared. */
export interface Compared {
  /** Its JSON path in the event, with array indexes: `$.detail.items[1].id`. */
  path: string;
  /** The value as JSON, such as `"running"` or `5`. */
  text: string;
  matched: boolean;
}

/** One node of an explanation: the pattern, a field, an `$or`, a branch or a condition. */
export interface Check {
  subject: CheckSubject;
  /** `detail.state`, `$or`, `branch 2`, or the condition as written; empty for the pattern. */
  label: string;
  /** The verdict as shown. */
  outcome: Outcome;
  /** Whether this part holds for the event, whatever is shown. */
  matched: boolean;
  /** Its JSON path in the pattern. */
  path: string;
  /** The event keys it looks at, from the root. */
  keys: string[];
  /** Why, in plain English. */
  reason: string;
  /** The event values compared: those that matched if any did, else the first ones, at most 16. */
  values: Compared[];
  /** Near misses worth checking, when a field is missing or mistyped. */
  hints: string[];
  children: Check[];
}

/** Why an event does or does not match a pattern. */
export interface Explanation {
  matched: boolean;
  /** The tree as `evpat explain` prints it, with ✓ and ✗. */
  text: string;
  root: Check;
}

/**
 * Why `event` does or does not match `pattern`: a tree that mirrors the
 * pattern, with a verdict and a reason at every field and condition.
 *
 * @throws {EventPatternError} when the pattern or the event is invalid.
 */
export declare function explain(pattern: PatternInput, event: EventInput): Explanation;

/**
 * Rules with ids, matched together: one pass over an event finds every
 * rule whose pattern matches it, in the order the rules were added.
 */
export declare class RuleSet {
  constructor();
  /**
   * Adds a rule, or replaces the pattern of the rule with this id (which
   * keeps its place).
   *
   * @throws {EventPatternError} when the pattern is invalid; the set is then unchanged.
   */
  add(id: string, pattern: PatternInput): this;
  /** Removes the rule with this id; whether there was one. */
  remove(id: string): boolean;
  /** How many rules there are. */
  readonly size: number;
  /** The ids, in the order added. */
  ids(): string[];
  /**
   * The ids of the rules whose pattern matches `event` (any JSON object).
   *
   * @throws {EventPatternError} when the event is invalid.
   */
  matches(event: EventInput): string[];
}

/** A rule's `State`. */
export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** A target's `InputTransformer`, as PutTargets takes it. */
export interface InputTransformer {
  readonly InputPathsMap?: { readonly [variable: string]: string };
  readonly InputTemplate: string;
}

/** A target, as PutTargets takes it. */
export interface RuleTarget {
  readonly Id: string;
  readonly Arn: string;
  readonly RoleArn?: string;
  /** Constant JSON text sent instead of the event. */
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: InputTransformer;
  readonly RetryPolicy?: {
    readonly MaximumRetryAttempts?: number;
    readonly MaximumEventAgeInSeconds?: number;
  };
  readonly DeadLetterConfig?: { readonly Arn: string };
}

/** A rule, as PutRule takes it, with its targets as PutTargets takes them. */
export interface PutRuleInput {
  readonly Name: string;
  readonly Description?: string;
  readonly EventBusName?: string;
  readonly State?: RuleState;
  /** An object (as CloudFormation takes it) or JSON text (as the API takes it). */
  readonly EventPattern?: EventPattern | string;
  readonly ScheduleExpression?: string;
  /** EventBridge Scheduler's zone; only the Scheduler formats take it. */
  readonly ScheduleExpressionTimezone?: string;
  readonly RoleArn?: string;
  readonly Targets?: readonly RuleTarget[];
}

/** The formats {@link exportRule} writes. */
export type ExportFormat =
  | 'api-json'
  | 'cli'
  | 'sdk-js'
  | 'cloudformation-json'
  | 'cloudformation-yaml'
  | 'sam'
  | 'serverless'
  | 'terraform'
  | 'cdk-ts'
  | 'jets'
  | 'scheduler-cloudformation'
  | 'scheduler-terraform'
  | 'sam-schedule-v2';

/** What {@link exportRule} returns. */
export interface Exported {
  /** The text to paste, ending with a newline. */
  text: string;
  /** What to check before trusting the text. */
  warnings: string[];
}

/**
 * `rule` written for a tool, every number's digits kept.
 *
 * @throws {EventPatternError} (subject `rule`) when PutRule or PutTargets
 * would refuse the rule, or the format cannot hold it.
 */
export declare function exportRule(rule: PutRuleInput | string, format: ExportFormat): Exported;

/** Options of {@link nextRuns}. */
export interface NextRunsOptions {
  /** List runs strictly after this instant; now by default. For `rate()`, the rule's creation. */
  readonly from?: Date | string;
  /** How many runs, at most 10000; 10 by default. */
  readonly count?: number;
  /** An IANA zone, as EventBridge Scheduler's `ScheduleExpressionTimezone`; UTC by default. */
  readonly tz?: string;
  /**
   * `rule` (PutRule's `ScheduleExpression`: `rate()` and `cron()` in UTC) or
   * `scheduler` (EventBridge Scheduler, which adds `at()` and time zones).
   * `scheduler` when `tz` is given, else `rule`.
   */
  readonly service?: 'rule' | 'scheduler';
}

/**
 * The next fire times of a schedule expression, checked with AWS's grammar.
 *
 * @throws {EventPatternError} (subject `schedule`) with AWS's message,
 * `Parameter ScheduleExpression is not valid.`, and the exact reason.
 */
export declare function nextRuns(expression: string, options?: NextRunsOptions): Date[];

/** A PutEvents entry, as the SDKs take it. */
export interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  /** A JSON object, as text. */
  readonly Detail?: string;
  readonly Resources?: readonly string[];
  /** RFC 3339 text, epoch seconds, or a `Date`. */
  readonly Time?: string | number | Date;
  readonly EventBusName?: string;
  readonly TraceHeader?: string;
}

/** Options of {@link envelope}: what EventBridge adds. */
export interface EnvelopeOptions {
  /** The event's `id`; a random UUID by default. */
  readonly id?: string;
  /** The event's `time` when the entry has no `Time`; now by default. */
  readonly time?: Date | string;
  /** `123456789012` by default. */
  readonly account?: string;
  /** `us-east-1` by default. */
  readonly region?: string;
}

/** An event as EventBridge delivers it. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: JsonObject;
}

/**
 * The event rules see for a PutEvents entry: `Detail` parsed, the envelope
 * added, `Time` written as EventBridge writes it.
 *
 * @throws {EventPatternError} (subject `entry`) with the error PutEvents
 * gives the entry.
 */
export declare function envelope(entry: PutEventsEntry | string, options?: EnvelopeOptions): EventBridgeEvent;

/** Options of {@link transform}: the reserved variables' values. */
export interface TransformOptions {
  /** For `<aws.events.rule-name>` and the rule ARN; `my-rule` by default. */
  readonly ruleName?: string;
  /** For the rule ARN; `123456789012` by default. */
  readonly account?: string;
  /** For the rule ARN; `us-east-1` by default. */
  readonly region?: string;
  /** `<aws.events.event.ingestion-time>`; now by default. */
  readonly ingestionTime?: Date | string;
}

/** A finding about an input transformer. */
export interface TransformerLint {
  code: string;
  severity: 'info' | 'warning';
  message: string;
  fix: string;
}

/** What {@link transform} returns. */
export interface Transformed {
  /** What the target receives. */
  output: string;
  /** Whether EventBridge sends it: not when it is neither JSON nor a quoted string. */
  delivered: boolean;
  /** Why it is not sent. */
  reason: string | null;
  lints: TransformerLint[];
}

/**
 * What a target receives from an input transformer, quirks included.
 *
 * @throws {EventPatternError} (subject `transformer`) when PutTargets
 * would refuse the transformer, or the event is not a JSON object.
 */
export declare function transform(
  transformer: InputTransformer | { readonly InputTransformer: InputTransformer } | string,
  event: EventInput,
  options?: TransformOptions,
): Transformed;
