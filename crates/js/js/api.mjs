// The JavaScript face of evpat: the functions of the package, over the raw
// wasm-bindgen module (src/bindings.rs).
//
// `cargo xtask npm` ships this file twice: as it is for ESM, and as
// CommonJS with the final `export { … };` line turned into
// `module.exports = { … };`. So it imports nothing and exports in that one
// line; the platform's pieces (the raw module, `crypto.randomUUID`) come in
// as arguments of `createApi`.

/** The hint of an error that only a bug in evpat causes. */
const INTERNAL_HINT =
  'this is a bug in evpat: please report it with the pattern and event that caused it';

/**
 * An error from evpat: an invalid pattern or event, a rule, schedule, entry
 * or transformer that AWS would refuse, or an argument of the wrong type.
 * `message` is AWS's message where AWS has one; `reason` says what exactly
 * is wrong.
 */
class EventPatternError extends Error {
  constructor(info) {
    super(info.message);
    this.name = 'EventPatternError';
    this.subject = info.subject;
    this.kind = info.kind ?? null;
    this.reason = info.reason;
    this.path = info.path ?? null;
    this.line = info.line ?? null;
    this.column = info.column ?? null;
    this.hint = info.hint ?? null;
  }
}

/** An error about the call itself, in the shape the raw module throws. */
function argumentError(message) {
  return new EventPatternError({ subject: 'argument', message, reason: message });
}

/** Whether the raw module threw this: an `ErrorObject` (src/error.rs). */
function isErrorObject(thrown) {
  return (
    thrown !== null &&
    typeof thrown === 'object' &&
    !(thrown instanceof Error) &&
    typeof thrown.subject === 'string' &&
    typeof thrown.message === 'string'
  );
}

function typeName(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * JSON text for a pattern, event, rule, entry or transformer: a string is
 * taken as JSON text as it is, so its numbers keep their exact digits;
 * anything else goes through `JSON.stringify`.
 */
function jsonText(value, name) {
  if (typeof value === 'string') {
    return value;
  }
  let text;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw argumentError(`the ${name} cannot be written as JSON: ${error.message}`);
  }
  if (text === undefined) {
    throw argumentError(`the ${name} must be an object or JSON text, not ${typeName(value)}`);
  }
  return text;
}

function requireString(value, name) {
  if (typeof value !== 'string') {
    throw argumentError(`${name} must be a string, not ${typeName(value)}`);
  }
  return value;
}

/** `value` (a `Date` or RFC 3339 text) as RFC 3339 text. */
function instantText(value, name) {
  if (typeof value === 'string') {
    return value;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString();
  }
  throw argumentError(`${name} must be a valid Date or an RFC 3339 string`);
}

/** An event's `time` as EventBridge writes it: UTC, to the second. */
function eventTime(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The package's functions over `raw`, the wasm-bindgen module.
 *
 * `platform.randomUUID` makes event ids. `platform.canReset` says whether
 * wasm-bindgen can replace a broken instance: the `nodejs` build compiles
 * its module itself and can; the `bundler` build's module belongs to the
 * bundler, so after an internal error every call fails with it.
 */
function createApi(raw, platform) {
  // Bumped whenever the instance is replaced: a RuleSet made in an older
  // instance is rebuilt from the patterns it keeps.
  let generation = 0;
  let broken = null;

  /** `thrown` as an EventPatternError; after an internal error, a fresh instance. */
  function failure(thrown) {
    if (thrown instanceof EventPatternError) {
      return thrown;
    }
    if (isErrorObject(thrown)) {
      return new EventPatternError(thrown);
    }
    // A panic (thrown by the hook in src/bindings.rs), a trap such as a
    // stack overflow, or a bug in this wrapper: the instance's state is
    // unknown. wasm-bindgen swaps in a fresh instance at the start of the
    // next call, but after that call has copied its strings into the old
    // instance's memory; so the swap is made now, by a call with none.
    // (After a panic the hook has asked for one already, and this makes
    // two: one instantiation more, on a path that should never run.)
    const detail = thrown instanceof Error ? thrown.message : String(thrown);
    const error = new EventPatternError({
      subject: 'internal',
      message: `evpat failed: ${detail}`,
      reason: detail,
      hint: INTERNAL_HINT,
    });
    error.cause = thrown;
    if (platform.canReset) {
      try {
        raw.scheduleReinit();
        raw.ping();
        generation += 1;
      } catch {
        broken = error;
      }
    } else {
      broken = error;
    }
    return error;
  }

  /** Runs `f` against the raw module, with every failure an EventPatternError. */
  function call(f) {
    if (broken !== null) {
      throw broken;
    }
    try {
      return f();
    } catch (thrown) {
      throw failure(thrown);
    }
  }

  function matches(pattern, event) {
    const patternText = jsonText(pattern, 'pattern');
    const eventText = jsonText(event, 'event');
    return call(() => raw.matches(patternText, eventText));
  }

  function testEventPattern(pattern, event) {
    const patternText = jsonText(pattern, 'pattern');
    const eventText = jsonText(event, 'event');
    return call(() => raw.testEventPattern(patternText, eventText));
  }

  function check(pattern) {
    const patternText = jsonText(pattern, 'pattern');
    return call(() => raw.check(patternText));
  }

  function explain(pattern, event) {
    const patternText = jsonText(pattern, 'pattern');
    const eventText = jsonText(event, 'event');
    return call(() => raw.explain(patternText, eventText));
  }

  function exportRule(rule, format) {
    const ruleText = jsonText(rule, 'rule');
    requireString(format, 'format');
    return call(() => raw.exportRule(ruleText, format));
  }

  function nextRuns(expression, options = {}) {
    requireString(expression, 'the schedule expression');
    const { from = new Date(), count = 10, tz, service } = options;
    const fromText = instantText(from, 'from');
    // The Rust side checks the range: a whole number up to its cap.
    if (typeof count !== 'number') {
      throw argumentError(`count must be a number, not ${typeName(count)}`);
    }
    if (tz !== undefined) {
      requireString(tz, 'tz');
    }
    if (service !== undefined) {
      requireString(service, 'service');
    }
    const runs = call(() => raw.nextRuns(expression, fromText, count, tz, service));
    return Array.from(runs, (milliseconds) => new Date(milliseconds));
  }

  function envelope(entry, options = {}) {
    const entryText = jsonText(entry, 'entry');
    const {
      id = platform.randomUUID(),
      time = new Date(),
      account = '123456789012',
      region = 'us-east-1',
    } = options;
    requireString(id, 'id');
    requireString(account, 'account');
    requireString(region, 'region');
    const timeText = time instanceof Date ? eventTime(time) : instantText(time, 'time');
    return JSON.parse(call(() => raw.envelope(entryText, id, timeText, account, region)));
  }

  function transform(transformer, event, options = {}) {
    const transformerText = jsonText(transformer, 'transformer');
    const eventText = jsonText(event, 'event');
    const {
      ruleName = 'my-rule',
      account = '123456789012',
      region = 'us-east-1',
      ingestionTime = new Date(),
    } = options;
    requireString(ruleName, 'ruleName');
    requireString(account, 'account');
    requireString(region, 'region');
    const ingestionText = instantText(ingestionTime, 'ingestionTime');
    return call(() =>
      raw.transform(transformerText, eventText, ruleName, account, region, ingestionText),
    );
  }

  /**
   * Rules with ids, matched together: one pass over an event finds every
   * rule that matches it.
   */
  class RuleSet {
    // id → pattern text, in the order added: the rules to rebuild from.
    #patterns = new Map();
    #compiled = null;
    #generation = generation;

    add(id, pattern) {
      requireString(id, 'the rule id');
      const patternText = jsonText(pattern, 'pattern');
      call(() => this.#current().add(id, patternText));
      this.#patterns.set(id, patternText);
      return this;
    }

    remove(id) {
      requireString(id, 'the rule id');
      const removed = call(() => this.#current().remove(id));
      this.#patterns.delete(id);
      return removed;
    }

    get size() {
      return this.#patterns.size;
    }

    ids() {
      return [...this.#patterns.keys()];
    }

    matches(event) {
      const eventText = jsonText(event, 'event');
      return call(() => this.#current().matches(eventText));
    }

    /** The raw RuleSet, made again if the instance it lived in was replaced. */
    #current() {
      if (this.#compiled === null || this.#generation !== generation) {
        this.#compiled = new raw.RuleSet();
        this.#generation = generation;
        for (const [id, patternText] of this.#patterns) {
          this.#compiled.add(id, patternText);
        }
      }
      return this.#compiled;
    }
  }

  return {
    matches,
    testEventPattern,
    check,
    explain,
    RuleSet,
    exportRule,
    nextRuns,
    envelope,
    transform,
    EventPatternError,
  };
}

export { EventPatternError, createApi };
