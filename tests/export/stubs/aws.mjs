// A stand-in for the AWS CLI: appends its arguments to the file named by EVPAT_AWS_LOG, one JSON
// array a line, and answers as the CLI would, with made-up ARNs. cli.test.mjs puts it first on
// PATH as `aws`.

import { appendFileSync } from 'node:fs';

const args = process.argv.slice(2);
appendFileSync(process.env.EVPAT_AWS_LOG, `${JSON.stringify(args)}\n`);

/** The value of option `name`, written `--name value` or `--name=value`. */
function option(name) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

const [service, operation] = args;
let answer;
if (service === 'events' && operation === 'put-rule') {
  const bus = option('--event-bus-name');
  const path = bus && bus !== 'default' ? `${bus}/${option('--name')}` : option('--name');
  answer = { RuleArn: `arn:aws:events:us-east-1:123456789012:rule/${path}` };
} else if (service === 'events' && operation === 'put-targets') {
  answer = { FailedEntryCount: 0, FailedEntries: [] };
} else if (service === 'lambda' && operation === 'add-permission') {
  answer = { Statement: '{}' };
} else {
  process.stderr.write(`aws stub: no answer for ${service} ${operation}\n`);
  process.exit(2);
}
// `--query RuleArn --output text`, as the script asks put-rule, prints the bare value.
const query = option('--query');
if (query && option('--output') === 'text') {
  process.stdout.write(`${answer[query]}\n`);
} else {
  process.stdout.write(`${JSON.stringify(answer, null, 4)}\n`);
}
